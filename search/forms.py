from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.backends.base import Sort

MAX_CODES_PER_FACET = 30


class PracticeSearchForm(forms.Form):
    """The search box, the sort order and the page; codes of the collection's ``facets`` are
    read by ``filters``."""

    q = forms.CharField(label=_("Search practices"), required=False, max_length=200)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, facets: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.facets = facets

    def values(self) -> tuple[str, Sort, int]:
        """The query text, sort and page; defaults for anything invalid. Without words to
        rank by, the default order is newest first (the list of every practice)."""
        data = self.cleaned_data if self.is_valid() else {}
        text = (data.get("q") or "").strip()
        return text, data.get("sort") or ("relevance" if text else "date"), data.get("page") or 1

    def filters(self) -> dict[str, list[str]]:
        """Facet -> selected codes (OR within a facet, AND across facets)."""
        selected: dict[str, list[str]] = {}
        for facet in self.facets:
            data = cast(QueryDict, self.data)  # a request's GET
            codes = [code[:100] for code in data.getlist(facet) if code.strip()] if data else []
            if codes:
                selected[facet] = list(dict.fromkeys(codes))[:MAX_CODES_PER_FACET]
        return selected
