"""A practice's title printed inside a sentence of the interface (the headings of the edit form and
of the confirmation pages) is marked with the practice's language, so that a German title is
hyphenated and read aloud as German on an English page. They said nothing of it."""

import pytest
from django.urls import reverse

from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TITLE = "Ausstiegsbegleitung im Strafvollzug"


def test_the_title_in_a_heading_carries_its_language(client, contributor, moderator):
    draft = make_practice(author=contributor, language="de", title=TITLE)
    published = make_practice(author=contributor, language="de", title=TITLE, publish=True)
    client.force_login(contributor)
    pages = [
        reverse("practices:edit", args=[draft.pk]),
        reverse("practices:submit", args=[draft.pk]),
        reverse("practices:edit", args=[published.pk]),
    ]
    headings = [client.get(url).content.decode() for url in pages]
    client.force_login(moderator)
    headings.append(client.get(reverse("practices:withdraw", args=[published.pk])).content.decode())
    assert [html.count(f'<span lang="de">{TITLE}</span>') for html in headings] == [1, 1, 1, 1]
