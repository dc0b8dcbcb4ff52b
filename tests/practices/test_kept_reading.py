"""What a practice's page and the API's detail show of a published practice is kept per reader
scope for readers who are neither its own side nor moderators (practices/views.py, api/views.py,
``rules.reads_as_any_reader``), and the page's own parts are cooked per language and contact
visibility (practices/cooking.py). Read first by a member of the practice's organisation, then by
every other kind of reader: none ever gets another reader's contact details, similar practices,
tools or restricted practice, and an edit, a redaction, a withdrawal and a change of who may read
it show on the next read."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Membership
from practices import services
from practices.models import Finding
from tests.api.conftest import api_client_for
from tests.practices.factories import make_practice, publish_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["kept", "cooked"])
def reading_mode(request, settings) -> str:
    """Every case twice: as configured (pages and readings kept per reader scope), and with nothing
    kept, where the page reads the practice's cooked reading alone (practices/cooking.py), stored
    by the first reader of each variant."""
    if request.param == "cooked":
        settings.PAGE_CACHE_SECONDS = 0
        settings.SCOPE_CACHE_SECONDS = 0
    return request.param


CONTACT = "desk@ravnstad.example"  # in every practice's contact details (tests/practices/factories.py)


@pytest.fixture
def practices(contributor) -> dict:
    """Similar practices of every visibility, each title unique."""
    made = {
        visibility: make_practice(
            author=contributor, title=f"Mentoring {visibility} method", visibility=visibility, publish=True
        )
        for visibility in ("public", "members", "organisation")
    }
    made["other"] = make_practice(author=contributor, title="Mentoring in prison", publish=True)
    return made


def _article(client: Client, practice, status: int = 200, **params) -> str:
    response = client.get(reverse("practices:detail", args=[practice.pk]), params)
    assert response.status_code == status
    page = response.content.decode()
    return page.split("<article")[1].split("</article>")[0] if status == 200 else ""


def _similar(article: str) -> str:
    return article.split('id="similar-heading"')[1] if 'id="similar-heading"' in article else ""


def _api(client, practice, status: int = 200) -> dict:
    response = client.get(reverse("api:practice-detail", args=[practice.pk]))
    assert response.status_code == status
    return response.json() if status == 200 else {}


def test_after_a_colleagues_reading_every_other_reader_gets_their_own_page(
    practices, colleague_client, outsider_client, former_member_client, applicant_client, client
):
    public = practices["public"]
    colleague = _article(colleague_client, public)
    assert CONTACT in colleague and "Mentoring organisation method" in _similar(colleague)
    assert _article(colleague_client, public, back="q=mentoring").count(CONTACT) == colleague.count(CONTACT)
    outsider = _article(outsider_client, public)  # another organisation's verified practitioner
    assert CONTACT in outsider and "Mentoring members method" in _similar(outsider)
    assert "Mentoring organisation method" not in _similar(outsider)
    for reader in (former_member_client, applicant_client, client):
        article = _article(reader, public, back="q=mentoring")  # past the anonymous page cache too
        assert CONTACT not in article and "Contact details are shown to approved members" in article
        assert "Mentoring in prison" in _similar(article)
        assert "Mentoring members method" not in _similar(article)
        assert "Mentoring organisation method" not in _similar(article)


def test_a_restricted_practice_read_by_a_colleague_stays_closed_to_everyone_else(
    practices, colleague_client, outsider_client, former_member_client, applicant_client, client
):
    own, members = practices["organisation"], practices["members"]
    assert "Mentoring organisation method" in _article(colleague_client, own)
    assert "Mentoring members method" in _article(colleague_client, members)
    _article(outsider_client, own, status=404)
    assert "Mentoring members method" in _article(outsider_client, members)
    for reader in (former_member_client, applicant_client, client):
        _article(reader, own, status=404)
        _article(reader, members, status=404)


def test_the_apis_detail_read_by_a_colleague_is_never_given_to_another_reader(
    practices, colleague, outsider, former_member, applicant
):
    public, own = practices["public"], practices["organisation"]
    member_data = _api(api_client_for(colleague), public)
    assert CONTACT in member_data["contact"] and "contact" in member_data["html"]
    assert _api(api_client_for(colleague), public) == member_data  # kept
    assert _api(api_client_for(colleague), own)["title"] == "Mentoring organisation method"
    assert CONTACT in _api(api_client_for(outsider), public)["contact"]
    _api(api_client_for(outsider), own, status=404)
    for reader in (api_client_for(former_member), api_client_for(applicant), api_client_for()):
        data = _api(reader, public)
        assert data["contact"] is None and "contact" not in data["html"]
        _api(reader, own, status=404)


def test_a_former_member_loses_the_restricted_practice_on_their_next_read(practices, colleague, colleague_client):
    own, public = practices["organisation"], practices["public"]
    assert CONTACT in _article(colleague_client, public)
    _article(colleague_client, own)
    Membership.objects.filter(user=colleague).update(state=Membership.State.ENDED)
    _article(colleague_client, own, status=404)
    _api(api_client_for(colleague), own, status=404)
    article = _article(colleague_client, public)
    assert CONTACT not in article and "Mentoring members method" not in _similar(article)


def test_the_practices_own_side_and_moderators_get_their_tools_after_a_readers_kept_page(
    practices, colleague_client, contributor_client, org_admin_client, moderator_client
):
    public = practices["public"]
    reader = _article(colleague_client, public)
    for tool in ("Propose an update", "Withdraw…", "Who can read it", "csrfmiddlewaretoken", "Not filled in."):
        assert tool not in reader
    author = _article(contributor_client, public)
    assert "Propose an update" in author and "Who can read it" in author and "csrfmiddlewaretoken" in author
    assert "Not filled in." in author  # editors see every section of the template, empty ones too
    for curator in (org_admin_client, moderator_client):
        article = _article(curator, public)
        assert "Withdraw…" in article and "Not filled in." in article
    assert "Propose an update" not in _article(colleague_client, public)
    assert _api(api_client_for(), public)["can_edit"] is False


def test_a_pending_update_stays_with_its_authors_side(practices, contributor, contributor_client, colleague_client):
    public = practices["public"]
    _article(colleague_client, public)
    revision = services.practice_start_revision(practice=public, editor=contributor)
    revision.title = "Mentoring renamed in a draft"
    revision.save()
    reader = _article(colleague_client, public)
    assert "Mentoring public method" in reader and "Mentoring renamed" not in reader
    assert "An update of this practice is in progress" not in reader
    assert "An update of this practice is in progress" in _article(contributor_client, public)
    _article(colleague_client, revision, status=404)


def test_an_edit_and_a_redaction_show_on_the_next_read(contributor, moderator, colleague_client, client):
    practice = make_practice(author=contributor, description="Mentor Karl Jensen meets families.", publish=True)
    assert "Karl Jensen" in _article(colleague_client, practice)
    assert "Karl Jensen" in _api(api_client_for(), practice)["description"]
    start = practice.description.index("Karl Jensen")
    finding = Finding.objects.create(
        practice=practice, field="description", type="PERSON", text="Karl Jensen", start=start, end=start + 11
    )
    services.finding_redact(finding=finding, actor=moderator)
    assert "Karl Jensen" not in _article(colleague_client, practice)
    assert "Karl Jensen" not in _article(client, practice, back="q=mentoring")
    assert "Karl Jensen" not in _api(api_client_for(), practice)["description"]
    publish_update(practice, editor=contributor, moderator=moderator, description="Weekly family workshops.")
    assert "Weekly family workshops." in _article(colleague_client, practice)
    assert _api(api_client_for(), practice)["description"] == "Weekly family workshops."


def test_a_withdrawal_and_a_narrower_readership_show_on_the_next_read(
    practices, contributor, moderator, colleague_client, outsider_client, outsider, client
):
    public, members, other = practices["public"], practices["members"], practices["other"]
    for reader in (colleague_client, outsider_client, client):
        _article(reader, public)
    assert "Mentoring public method" in _similar(_article(outsider_client, members))
    assert "Mentoring members method" in _similar(_article(colleague_client, other))
    _api(api_client_for(outsider), public)
    services.practice_set_visibility(practice=public, actor=contributor, visibility="organisation")
    assert "Mentoring public method" in _article(colleague_client, public)
    _article(outsider_client, public, status=404)
    _article(client, public, status=404)
    _api(api_client_for(outsider), public, status=404)
    assert "Mentoring public method" not in _similar(_article(outsider_client, members))
    services.practice_withdraw(practice=members, actor=moderator, reason="Out of date")
    _article(colleague_client, members, status=404)
    _api(api_client_for(outsider), members, status=404)
    assert "Mentoring members method" not in _similar(_article(colleague_client, other))


def test_a_reader_in_another_language_gets_the_page_in_theirs(practices, colleague_client):
    public = practices["public"]
    assert "Contents" in _article(colleague_client, public)
    french = colleague_client.get(reverse("practices:detail", args=[public.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Sommaire" in french.content.decode() and "Contents" not in french.content.decode()
