import re
from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.backends.base import MAX_PAGE, Sort

MAX_CODES_PER_FACET = 30
MAX_QUERY_LENGTH = 200  # characters of the box searched (the API refuses more)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LAST_WORD = re.compile(r"\S+\Z")


def _cut(text: str) -> str:
    """``text``'s first ``MAX_QUERY_LENGTH`` characters, without the last word if it was cut short
    (unless it is the only one)."""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    head = text[:MAX_QUERY_LENGTH]
    if not text[MAX_QUERY_LENGTH].isspace():
        head = _LAST_WORD.sub("", head) or head
    return head.strip()


class SearchTextField(forms.CharField):
    """The search box: never invalid. A control character (a NUL, a pasted tab) reads as a space;
    ``SearchBoxForm.words`` cuts a text past ``MAX_QUERY_LENGTH``."""

    def to_python(self, value):
        return _CONTROL.sub(" ", super().to_python(value) or "").strip()


class SearchBoxForm(forms.Form):
    """The words and the sort order of a search (practices, network posts). Never invalid as a
    whole: an invalid field reads as its default on its own, so the words typed are searched
    whatever else the query string holds."""

    q = SearchTextField(label=_("Search"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
        required=False,
    )

    def _valid(self) -> dict:
        """The valid fields' values (Django leaves an invalid field out of ``cleaned_data``)."""
        self.is_valid()
        return self.cleaned_data

    def typed(self) -> str:
        """The text as typed (control characters as spaces), for the box to show it again."""
        return self._valid().get("q") or ""

    def shortened(self) -> bool:
        """Whether only the first ``MAX_QUERY_LENGTH`` characters of the text are searched."""
        return len(self.typed()) > MAX_QUERY_LENGTH

    def words(self) -> str:
        """The text searched: at most ``MAX_QUERY_LENGTH`` characters, cut between words where it can be."""
        return _cut(self.typed())

    def chosen_sort(self) -> Sort | None:
        """The sort order asked for, or None (none, or not one of the choices)."""
        return self._valid().get("sort") or None


class PracticeSearchForm(SearchBoxForm):
    """The search box, the sort order and the page; codes of the collection's ``facets`` are
    read by ``filters``."""

    q = SearchTextField(label=_("Search practices"), required=False)
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, *args, facets: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.facets = facets

    def values(self) -> tuple[str, Sort, int]:
        """The query text (at most ``MAX_QUERY_LENGTH`` characters, cut between words where it
        can be), sort and page. Without words to rank by, the default order is newest first (the
        list of every practice)."""
        text = self.words()
        return text, self.chosen_sort() or ("relevance" if text else "date"), self._valid().get("page") or 1

    def filters(self) -> dict[str, list[str]]:
        """Facet -> selected codes (OR within a facet, AND across facets)."""
        selected: dict[str, list[str]] = {}
        for facet in self.facets:
            data = cast(QueryDict, self.data)  # a request's GET
            codes = [code[:100] for code in data.getlist(facet) if code.strip()] if data else []
            if codes:
                selected[facet] = list(dict.fromkeys(codes))[:MAX_CODES_PER_FACET]
        return selected
