"""A snippet without marks is the text's opening (search.highlight.snippet counts only the tokens it
needs to know whether an ellipsis follows); a list without words shows each description's opening."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.backends.database import postgres, sqlite
from search.highlight import SNIPPET_WORDS, snippet
from search.models import SearchDocument
from tests.practices.factories import make_practice

TEXT_TABLES = (sqlite.TABLE, postgres.TABLE)


def _words(count: int) -> str:
    return " ".join(f"w{number}" for number in range(count))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("  ... ", ""),
        ("One <b>word</b>.\n", "One &lt;b&gt;word&lt;/b&gt;."),
        (_words(SNIPPET_WORDS) + "!  \n", _words(SNIPPET_WORDS) + "!"),
        (_words(SNIPPET_WORDS + 1), _words(SNIPPET_WORDS) + "…"),
        (_words(SNIPPET_WORDS + 400) + ".", _words(SNIPPET_WORDS) + "…"),
    ],
)
def test_an_opening_ends_with_an_ellipsis_only_when_more_words_follow(text, expected):
    assert snippet(text, set()) == expected


def test_marks_still_move_the_window_past_the_opening():
    text = _words(100)
    assert snippet(text, {80}).startswith("…") and "<mark>w80</mark>" in snippet(text, {80})


@pytest.mark.django_db
def test_a_list_without_words_shows_each_description_s_opening(client, contributor):
    make_practice(author=contributor, title="A long one", publish=True, description=_words(SNIPPET_WORDS + 5))
    make_practice(author=contributor, title="A short one", publish=True, description="Short & plain.")
    page = client.get(reverse("search:search")).content.decode()
    assert _words(SNIPPET_WORDS) + "…" in page
    assert _words(SNIPPET_WORDS + 1) not in page
    assert "Short &amp; plain." in page


@pytest.mark.django_db
def test_a_list_without_words_reads_the_openings_made_when_indexed_not_the_texts(client, contributor):
    practice = make_practice(
        author=contributor, title="A long one", publish=True, description=_words(SNIPPET_WORDS + 5) + " <i>x</i>"
    )
    assert SearchDocument.objects.get(id=practice.pk).opening == _words(SNIPPET_WORDS) + "…"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("search:search")).content.decode()
    assert _words(SNIPPET_WORDS) + "…" in page
    read = [query["sql"] for query in queries if any(table in query["sql"] for table in TEXT_TABLES)]
    assert read == []


@pytest.mark.django_db
def test_a_document_indexed_before_openings_were_stored_still_shows_its_opening(client, contributor):
    practice = make_practice(author=contributor, title="Old row", publish=True, description="Kept & <b>plain</b>.")
    SearchDocument.objects.filter(id=practice.pk).update(opening=None)  # as migration search/0008 leaves it
    page = client.get(reverse("search:search")).content.decode()
    assert "Kept &amp; &lt;b&gt;plain&lt;/b&gt;." in page
