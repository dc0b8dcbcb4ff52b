"""A practice's similar practices are computed once per reader scope and kept: a kept list
never shows anyone a practice they may not read, nor one withdrawn or restricted since."""

import pytest
from django.urls import reverse

from practices import services
from tests.practices.factories import make_practice, publish_update

pytestmark = pytest.mark.django_db


def _similar(client, practice) -> str:
    page = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    return page.split('id="similar-heading"')[1] if 'id="similar-heading"' in page else ""


@pytest.fixture
def practices(contributor):
    shown = make_practice(author=contributor, title="Mentoring after release", publish=True)
    public = make_practice(author=contributor, title="Mentoring in prison", publish=True)
    own = make_practice(author=contributor, title="Mentoring families", publish=True, visibility="organisation")
    members = make_practice(author=contributor, title="Mentoring by former members", publish=True)
    services.practice_set_visibility(practice=members, actor=contributor, visibility="members")
    return shown, public, own, members


def test_a_colleagues_kept_list_never_reaches_an_outsider_or_a_visitor(
    client, colleague_client, outsider_client, practices
):
    shown, _public, _own, _members = practices
    colleague = _similar(colleague_client, shown)
    assert "Mentoring in prison" in colleague
    assert "Mentoring families" in colleague
    assert "Mentoring by former members" in colleague
    outsider = _similar(outsider_client, shown)  # a verified member of another organisation
    assert "Mentoring in prison" in outsider
    assert "Mentoring by former members" in outsider
    assert "Mentoring families" not in outsider
    visitor = _similar(client, shown)
    assert "Mentoring in prison" in visitor
    assert "Mentoring by former members" not in visitor
    assert "Mentoring families" not in visitor


def test_a_practice_withdrawn_or_restricted_after_being_kept_is_not_shown(
    client, colleague_client, contributor, org_admin, practices
):
    shown, public, _own, members = practices
    assert "Mentoring in prison" in _similar(client, shown)
    assert "Mentoring by former members" in _similar(colleague_client, shown)
    services.practice_withdraw(practice=members, actor=org_admin, reason="Outdated")
    services.practice_set_visibility(practice=public, actor=contributor, visibility="organisation")
    assert "Mentoring in prison" not in _similar(client, shown)
    assert "Mentoring by former members" not in _similar(colleague_client, shown)
    assert "Mentoring in prison" in _similar(colleague_client, shown)  # still readable by the organisation


def test_a_kept_list_shows_current_titles(colleague_client, contributor, moderator, practices):
    shown, public, _own, _members = practices
    assert "Mentoring in prison" in _similar(colleague_client, shown)
    publish_update(public, editor=contributor, moderator=moderator, title="Mentoring in prison and on probation")
    assert "Mentoring in prison and on probation" in _similar(colleague_client, shown)


@pytest.mark.parametrize("seconds", [3600, 0], ids=["kept", "computed on every page"])
def test_each_similar_title_is_marked_with_its_language_kept_or_not(client, contributor, settings, seconds):
    """A screen reader reads a title in its own language's voice whether the list was kept or not
    (SIMILAR_PRACTICES_SECONDS=0 computes it on every page)."""
    settings.SIMILAR_PRACTICES_SECONDS = seconds
    shown = make_practice(author=contributor, title="Mentoring after release", publish=True)
    make_practice(author=contributor, title="Mentorat après la détention", language="fr", publish=True)
    make_practice(author=contributor, title="Mentoring in prison", publish=True)
    similar = _similar(client, shown)
    assert '<a href="' in similar
    assert 'lang="fr">Mentorat après la détention</a>' in similar
    assert 'lang="en">Mentoring in prison</a>' in similar
