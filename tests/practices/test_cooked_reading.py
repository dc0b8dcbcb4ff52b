"""A published practice's own reading parts are cooked (practices/cooking.py): rendered when it
changes, per interface language and contact visibility, and read by its page with nothing else
kept. What the page shows follows every change: the practice's, its organisation's, a closed
list's labels, the templates' and catalogues' (the recipe). Who gets which variant is tested from
every reader's side in tests/practices/test_kept_reading.py (its "cooked" cases)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from practices import cooking, services
from practices.models import CookedReading, KeyTheme
from tests.practices.factories import make_practice, publish_update

pytestmark = pytest.mark.django_db

CONTACT = "desk@ravnstad.example"  # in every practice's contact details (tests/practices/factories.py)


@pytest.fixture(autouse=True)
def nothing_kept(settings) -> None:
    """A first reader: no page or reading kept per URL or scope; the cooked reading alone."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SCOPE_CACHE_SECONDS = 0


def _article(client, practice, **headers) -> str:
    response = client.get(reverse("practices:detail", args=[practice.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode().split("<article")[1].split("</article>")[0]


def test_publishing_cooks_every_variant_once_committed(contributor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(author=contributor, title="Family circles", publish=True)
    variants = set(CookedReading.objects.filter(practice=practice).values_list("language", "contact"))
    assert variants == {("en", False), ("en", True), ("fr", False), ("fr", True)}
    contact_free = CookedReading.objects.get(practice=practice, language="en", contact=False)
    assert CONTACT not in str(contact_free.parts) and "Family circles" in contact_free.parts["head"]
    assert CONTACT in str(CookedReading.objects.get(practice=practice, language="en", contact=True).parts)
    assert "Sommaire" in CookedReading.objects.get(practice=practice, language="fr", contact=False).parts["text"]


def test_the_page_reads_the_stored_reading(contributor, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(author=contributor, publish=True)
    row = CookedReading.objects.get(practice=practice, language="en", contact=False)
    row.parts = {**row.parts, "text": row.parts["text"].replace("Weekly mentoring", "Stored mentoring")}
    row.save()
    assert "Stored mentoring" in _article(client, practice)


def test_a_draft_or_a_withdrawn_practice_is_never_cooked(contributor, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_practice(author=contributor, title="Draft only")
        published = make_practice(author=contributor, title="Soon withdrawn", publish=True)
    assert not CookedReading.objects.filter(practice=draft).exists()
    assert cooking.cook(draft.pk) == 0
    services.practice_withdraw(practice=published, actor=moderator, reason="Out of date")
    assert cooking.cook(published.pk) == 0


def test_an_approved_update_shows_at_once(contributor, moderator, client, colleague_client):
    practice = make_practice(author=contributor, description="Weekly workshops for parents.", publish=True)
    for reader in (client, colleague_client):
        assert "Weekly workshops" in _article(reader, practice)
    publish_update(practice, editor=contributor, moderator=moderator, description="Monthly circles for siblings.")
    for reader in (client, colleague_client):
        article = _article(reader, practice)
        assert "Monthly circles" in article and "Weekly workshops" not in article
    assert "Updates" in _article(client, practice)  # the history: two versions now


def test_a_renamed_organisation_shows_at_once(contributor, client, home_organisation):
    practice = make_practice(author=contributor, publish=True)
    assert home_organisation.name in _article(client, practice)
    home_organisation.name = "Ravnstad prevention unit"
    home_organisation.save()
    assert "Ravnstad prevention unit" in _article(client, practice)


def test_a_closed_lists_new_label_shows_at_once(contributor, client):
    practice = make_practice(author=contributor, themes=("exit-strategies",), publish=True)
    _article(client, practice)
    theme = KeyTheme.objects.get(code="exit-strategies")
    theme.label_en = "Leaving extremist milieus"
    theme.save()
    assert not CookedReading.objects.exists()
    assert "Leaving extremist milieus" in _article(client, practice)


def test_a_new_recipe_renders_the_reading_again(contributor, client, monkeypatch):
    practice = make_practice(author=contributor, publish=True)
    _article(client, practice)
    before = CookedReading.objects.get(practice=practice, language="en", contact=False)
    monkeypatch.setattr(cooking, "recipe", lambda: "templates and catalogues of a new release")
    CookedReading.objects.filter(pk=before.pk).update(parts={**before.parts, "text": "<p>Old layout</p>"})
    assert "Old layout" not in _article(client, practice)
    assert CookedReading.objects.get(pk=before.pk).key != before.key


def test_each_language_gets_its_own_reading(contributor, client):
    practice = make_practice(author=contributor, publish=True)
    assert "Contents" in _article(client, practice)
    french = _article(client, practice, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Sommaire" in french and "Contents" not in french
    assert "Contents" in _article(client, practice)
    assert set(CookedReading.objects.values_list("language", flat=True)) == {"en", "fr"}


def test_recook_cooks_every_published_practice(contributor):
    published = [make_practice(author=contributor, title=f"Method {n}", publish=True) for n in range(3)]
    make_practice(author=contributor, title="A draft")
    call_command("recook", stdout=io.StringIO())
    assert CookedReading.objects.count() == 4 * len(published)
