"""Contributing: the personal-data check never traps anyone.

A contributor checks a draft before submitting; every redaction checks again,
so a finding whose text has gone disappears instead of staying open with a
Redact that can only fail.
"""

import pytest
from django.urls import reverse

from practices import pii, services
from practices.models import Finding
from tests.practices.factories import make_practice

HINTED = "In 2019 Jonas Berg, a 17-year-old boy from Ravnstad, joined the programme. It ran for two years."


@pytest.fixture
def draft(contributor):
    return make_practice(author=contributor, description=HINTED)


def _open(practice, type_=None):
    found = practice.findings.filter(status=Finding.Status.OPEN)
    return list(found.filter(type=type_) if type_ else found)


def _check(client, practice):
    return client.post(reverse("practices:check", args=[practice.pk]), {"next": practice.get_absolute_url()})


def test_the_contributor_checks_a_draft_before_submitting(contributor_client, draft):
    assert not draft.findings.exists()
    response = _check(contributor_client, draft)
    assert response.status_code == 302
    assert {f.type for f in _open(draft)} >= {"PERSON", pii.HINT_TYPE}
    page = contributor_client.get(draft.get_absolute_url()).content.decode()
    assert "Jonas Berg" in page and reverse("practices:finding_redact", args=[_open(draft, "PERSON")[0].pk]) in page


@pytest.mark.parametrize("persona", ["client", "outsider_client", "colleague_client"])
def test_only_the_owner_side_and_moderators_run_the_check(request, persona, draft):
    response = _check(request.getfixturevalue(persona), draft)
    assert response.status_code in (302, 404)
    if response.status_code == 302:  # the anonymous visitor is sent to log in
        assert reverse("account_login") in response["Location"]
    assert not draft.findings.exists()


def test_the_moderator_checks_a_draft_too(moderator_client, draft):
    assert _check(moderator_client, draft).status_code == 302
    assert _open(draft, "PERSON")


def test_redacting_a_hint_keeps_its_sentence_and_the_name_inside_stays_redactable(contributor_client, draft):
    """The trap: redacting the hint swallowed the sentence, the name finding inside it stayed open,
    and its Redact could only say "check it again"."""
    _check(contributor_client, draft)
    hint = _open(draft, pii.HINT_TYPE)[0]
    contributor_client.post(reverse("practices:finding_redact", args=[hint.pk]))
    draft.refresh_from_db()
    assert "[age]" in draft.description and "Ravnstad" in draft.description and "[detail]" not in draft.description
    assert "joined the programme" in draft.description
    assert not _open(draft, pii.HINT_TYPE)  # the age is gone, so is the hint
    person = _open(draft, "PERSON")
    assert [f.text for f in person] == ["Jonas Berg"]
    assert draft.description[person[0].start : person[0].end] == "Jonas Berg"
    response = contributor_client.post(reverse("practices:finding_redact", args=[person[0].pk]), follow=True)
    draft.refresh_from_db()
    assert "[name]" in draft.description and "Jonas Berg" not in draft.description
    assert not _open(draft, "PERSON")
    assert "check it again" not in response.content.decode().lower()


def test_a_finding_whose_text_was_edited_away_disappears_on_the_next_check(contributor_client, draft):
    _check(contributor_client, draft)
    draft.description = "A mentor met the young people every week. It ran for two years."
    draft.save(update_fields=["description"])
    stale = _open(draft, "PERSON")[0]
    response = contributor_client.post(reverse("practices:finding_redact", args=[stale.pk]), follow=True)
    assert "checked again" in response.content.decode()
    assert not _open(draft)


def test_editing_with_findings_open_checks_again(contributor_client, draft):
    _check(contributor_client, draft)
    form = contributor_client.get(reverse("practices:edit", args=[draft.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        description="A mentor met young people every week.",
        key_themes=[t.pk for t in draft.key_themes.all()],
        target_audiences=[t.pk for t in draft.target_audiences.all()],
        import_warnings="[]",
    )
    response = contributor_client.post(reverse("practices:edit", args=[draft.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not _open(draft)


def test_resolved_findings_show_their_text_to_moderators_only(
    moderator_client, colleague_client, contributor_client, draft
):
    _check(contributor_client, draft)
    person = _open(draft, "PERSON")[0]
    services.finding_redact(finding=person, actor=draft.author)
    contributor_client.post(reverse("practices:submit", args=[draft.pk]), {"confirm": "1"})
    draft.refresh_from_db()
    review = moderator_client.get(reverse("moderation:review", args=[draft.pk])).content.decode()
    assert "resolved finding" in review and "Jonas Berg" in review
    assert "Jonas Berg" not in colleague_client.get(draft.get_absolute_url()).content.decode()
    assert colleague_client.get(reverse("moderation:review", args=[draft.pk])).status_code in (302, 403, 404)


def test_redaction_service_replaces_only_the_age_of_a_hint(contributor, draft):
    services.practice_check(practice=draft, actor=contributor)
    hint = _open(draft, pii.HINT_TYPE)[0]
    redacted = services.finding_redact(finding=hint, actor=contributor)
    draft.refresh_from_db()
    assert redacted.status == Finding.Status.REDACTED
    assert redacted.text == hint.text and "[age]" in redacted.replacement  # the text it was about is kept
    assert draft.description[redacted.start : redacted.end] == redacted.replacement


def test_a_rare_role_hint_loses_its_place_only(contributor):
    practice = make_practice(author=contributor, description="We worked with the only imam in Ravnstad on it.")
    services.practice_check(practice=practice, actor=contributor)
    hints = _open(practice, pii.HINT_TYPE)
    assert hints
    services.finding_redact(finding=hints[0], actor=contributor)
    practice.refresh_from_db()
    assert "the only imam in [place]" in practice.description


def test_a_web_process_loads_the_checks_models_when_it_starts(settings):
    from portal import wsgi
    from practices.anonymisation import engine

    engine._analyzer = None
    settings.PII_WARM_UP_AT_START = False
    wsgi.warm_up_checks()
    assert engine._analyzer is None
    settings.PII_WARM_UP_AT_START = True
    wsgi.warm_up_checks()
    assert engine._analyzer is not None


def test_a_process_loads_a_language_s_model_only_when_it_reads_that_language():
    from practices.anonymisation import engine

    engine._analyzer = None
    models = engine.analyzer().nlp_engine.nlp
    assert models.loaded() == []
    [found] = engine.find_candidates(["The mentor, Jonas Berg, met the family in Leeds."], "en")
    assert models.loaded() == ["en"] and any(c.type == "PERSON" for c in found)
    [found] = engine.find_candidates(["La médiatrice, Claire Martin, a reçu la famille."], "fr")
    assert models.loaded() == ["en", "fr"] and any(c.type == "PERSON" for c in found)
    engine._analyzer = None
    engine.warm_up()
    assert engine.analyzer().nlp_engine.nlp.loaded() == ["en", "fr"]


def test_the_review_page_says_what_redacting_a_hint_writes(contributor_client, moderator_client, draft):
    contributor_client.post(reverse("practices:submit", args=[draft.pk]), {"confirm": "1"})
    draft.refresh_from_db()
    assert draft.status == "submitted"
    review = moderator_client.get(reverse("moderation:review", args=[draft.pk])).content.decode()
    assert "Redact (replace with [age])" in review and "Redact (replace with [name])" in review


def test_a_finding_found_again_keeps_its_row_so_other_redact_buttons_still_work(contributor, draft):
    services.practice_check(practice=draft, actor=contributor)
    person = _open(draft, "PERSON")[0]
    hint = _open(draft, pii.HINT_TYPE)[0]
    services.finding_redact(finding=hint, actor=contributor)
    person.refresh_from_db()  # still there, its span moved with the text
    draft.refresh_from_db()
    assert draft.description[person.start : person.end] == "Jonas Berg"
