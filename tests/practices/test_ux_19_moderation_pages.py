"""The moderation queue read on a phone and with a mistyped filter: each stacked cell says which
column it is (the header row is hidden at phone widths), and a wrong number of days says what to
type instead of Django's "Ensure this value is greater than or equal to 1."."""

import re

import pytest
from django.urls import reverse

from practices import services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _cells_and_labels(html: str) -> list[tuple[str, str]]:
    table = re.search(r'<table class="data-table">.*?</table>', html, re.DOTALL)
    assert table is not None
    headers = re.findall(r'<th scope="col">(.*?)</th>', table.group(0))
    labels = re.findall(r"<td(?: data-label=\"([^\"]*)\")?>", table.group(0))
    return list(zip(headers[1:], labels, strict=False))


def test_every_queue_cell_names_its_column(contributor, moderator_client):
    practice = make_practice(author=contributor, title="Mentoring")
    services.practice_submit(practice=practice, actor=contributor)
    pairs = _cells_and_labels(moderator_client.get(reverse("moderation:queue")).content.decode())
    assert len(pairs) == 5
    assert all(header == label for header, label in pairs), pairs


def test_every_featured_cell_names_its_column(contributor, moderator, moderator_client):
    practice = make_practice(author=contributor, title="Mentoring", publish=True)
    services.practice_feature(practice=practice, actor=moderator)
    pairs = _cells_and_labels(moderator_client.get(reverse("moderation:featured")).content.decode())
    assert len(pairs) == 5
    assert all(header == label for header, label in pairs), pairs


@pytest.mark.parametrize("typed", ["-3", "0", "abc", "99999"])
def test_a_wrong_number_of_days_says_what_to_type_and_keeps_it(moderator_client, typed):
    html = moderator_client.get(reverse("moderation:queue"), {"older_than": typed}).content.decode()
    assert "Type a whole number of days from 1 to 3650, or leave it empty." in html
    assert "Ensure this value" not in html and "Enter a whole number" not in html
    assert f'value="{typed}"' in html
