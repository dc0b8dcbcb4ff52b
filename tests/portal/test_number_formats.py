"""Numbers on the pages, the reader's way. A count is grouped by thousands as the reader's language
writes it ("1,250" in English, "1 250" with a narrow no-break space in French; both were "1250"). A
number that names something rather than counts it is never grouped: an id in a link, an anchor or a
form ("#finding-12345", not "#finding-12 345"), a year ("since 2024"), a page number sent back.

Every template is also read for such names printed without |unlocalize, which would work until the
thousandth post and then break its links."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from practices.models import Finding
from practices.presentation import findings_left
from tests.practices.factories import make_practice

NARROW_NBSP = "\u202f"

# What a template prints: {{ expression|filters }}, or a {% blocktranslate with name=expression %} value.
PRINTED = re.compile(r"\{\{\s*([^}]+?)\s*\}\}|\b(?:with|count)\s+((?:\w+=[^\s%]+\s*)+)")
# The last name of an expression that names a thing (an id, a year, a port, a page number in a link);
# a form's or a heading's HTML id is a string.
NAME_NOT_COUNT = re.compile(r"(?:^|[._])(?:pk|id|year|port|page_number)$")
HTML_ID = re.compile(r"(?:auto_id|heading_id)$")
# A blocktranslate's {{ placeholders }}: their values are the with/count pairs read above them.
PLACEHOLDERS = re.compile(r"(\{%\s*blocktranslate\b[^%]*%\}).*?\{%\s*endblocktranslate\s*%\}", re.S)


def _template_files() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates"] + [
        path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in path.parts
    ]
    return [path for root in roots for path in root.rglob("*") if path.suffix in (".html", ".txt")]


def _printed_expressions(text: str) -> list[str]:
    expressions = []
    for whole, pairs in PRINTED.findall(PLACEHOLDERS.sub(r"\1", text)):
        if whole:
            expressions.append(whole)
        else:
            expressions += [pair.split("=", 1)[1] for pair in pairs.split()]
    return expressions


def _grouped_names(text: str) -> list[str]:
    """The expressions that print an id, a year, a port or a page number and would be grouped."""
    found = []
    for expression in _printed_expressions(text):
        value, *filters = expression.split("|")
        name = value.strip()
        if NAME_NOT_COUNT.search(name) and not HTML_ID.search(name) and "unlocalize" not in filters:
            found.append(expression)
    return found


def test_the_template_reading_finds_a_grouped_id_and_a_grouped_year():
    text = (
        '<a href="#post-{{ post.pk }}">{% blocktranslate with year=card.start_year %}since {{ year }}'
        "{% endblocktranslate %}</a> {{ post.pk|unlocalize }} {{ network_id }} {{ total }} {{ field.auto_id }}"
    )
    assert _grouped_names(text) == ["post.pk", "card.start_year", "network_id"]


def test_no_template_prints_an_id_or_a_year_grouped():
    grouped = {
        str(path.relative_to(settings.BASE_DIR)): names
        for path in _template_files()
        if (names := _grouped_names(path.read_text(encoding="utf-8")))
    }
    assert grouped == {}


@pytest.mark.parametrize(("language", "shown"), [("en", "Page 1 of 1,250"), ("fr", f"1{NARROW_NBSP}250")])
def test_a_count_is_grouped_the_readers_way(rf, language, shown):
    page = Paginator(range(25_000), 20).page(1)
    with translation.override(language):
        html = render_to_string("portal/_pagination.html", {"page": page}, request=rf.get("/"))
    assert shown in html
    assert "1250" not in html


@pytest.mark.parametrize(("language", "shown"), [("en", "1,234 possible"), ("fr", f"1{NARROW_NBSP}234 ")])
def test_a_count_said_in_a_message_is_grouped_too(language, shown):
    with translation.override(language):
        assert shown in findings_left(1234)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_ids_and_years_are_never_grouped(client, contributor, language):
    practice = make_practice(author=contributor, publish=True, title="Mentoring after prison", start_year=2024)
    finding = Finding.objects.create(
        pk=12345, practice=practice, field="description", type="PERSON", text="Kari Nordmann", start=0, end=13
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    home = client.get("/").content.decode()
    client.force_login(contributor)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert re.search(r"\b2024\b", home), "the home page's card shows the practice's year"
    assert 'id="finding-12345"' in page and f'id="dismiss-{finding.pk}"' in page
    for grouped in ("2,024", "2\xa0024", f"2{NARROW_NBSP}024", "12,345", "12\xa0345", f"12{NARROW_NBSP}345"):
        assert grouped not in home + page


@pytest.mark.parametrize("separator", [True, False])
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES] + ["de", "hi"])
def test_the_fast_grouping_prints_what_django_prints(settings, language, separator):
    """``portal.numbers.grouped`` (facet counts, check messages) is Django's ``localize`` without
    its per-call lookups: the same text in every interface language (and German and Hindi, whose
    formats differ), for every length of number, and as Django prints what is not a count."""
    from django.utils.formats import localize

    from portal.numbers import grouped, grouper

    settings.USE_THOUSAND_SEPARATOR = separator
    numbers = [0, 7, 42, 999, 1_000, 12_345, 123_456, 1_234_567, 10**12 + 5, -1_234, True]
    with translation.override(language):
        number = grouper()
        assert [grouped(n) for n in numbers] == [str(localize(n)) for n in numbers]
        assert [number(n) for n in numbers] == [str(localize(n)) for n in numbers]
