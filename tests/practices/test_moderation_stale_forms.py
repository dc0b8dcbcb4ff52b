"""Two moderators at work on the same submission, each from a page they read before the other
acted: the second gets a clear message and the review page as it stands now; nothing is done twice,
nobody is e-mailed twice, and no page answers 403 or 404 to a moderator who may act. The network
moderators' decisions (a request to join, a reported post) are re-read under a lock in the same way."""

import pytest
from django.core import mail
from django.urls import reverse

from network import services as network_services
from network.models import JoinRequest, NetworkMembership, Report
from portal.models import AuditEvent
from practices import services
from practices.models import Finding, Practice
from tests.conftest import _client_for, make_user, with_totp
from tests.network.conftest import add_member
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TEXT = "Weekly talks with Kari Nordmann and Ola Hansen after release, to prevent violent extremism."


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False  # these tests are about two moderators, not the second factor


@pytest.fixture
def second_moderator(moderator):
    return with_totp(
        make_user("moderator2@portal.example", moderator.organisation, display_name="Sam Second", is_moderator=True)
    )


@pytest.fixture
def submission(contributor):
    practice = make_practice(author=contributor, title="Family support", description=TEXT)
    for name in ("Kari Nordmann", "Ola Hansen"):
        start = TEXT.index(name)
        Finding.objects.create(
            practice=practice, field="description", type="PERSON", text=name, start=start, end=start + len(name)
        )
    practice.status = Practice.Status.SUBMITTED
    practice.save(update_fields=["status"])
    return practice


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _finding_url(practice, finding, action: str) -> str:
    return reverse(f"moderation:finding_{action}", args=[practice.pk, finding.pk])


@pytest.mark.parametrize("action", ["redact", "dismiss"])
def test_a_finding_resolved_by_another_moderator_is_not_resolved_again(submission, moderator, second_moderator, action):
    kari = submission.findings.get(text="Kari Nordmann")
    services.finding_redact(finding=kari, actor=moderator)  # the first moderator, a moment before
    redactions = AuditEvent.objects.filter(action__startswith="finding.").count()
    response = _client_for(second_moderator).post(
        _finding_url(submission, kari, action), {"reason": "A colleague's name, public"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("moderation:review", args=[submission.pk]))
    assert _messages(response) == [
        "This finding was resolved already by Mona Moderator (Redacted): nothing more was done."
    ]
    assert AuditEvent.objects.filter(action__startswith="finding.").count() == redactions
    kari.refresh_from_db()
    assert kari.status == Finding.Status.REDACTED and kari.reason == ""
    assert Practice.objects.get(pk=submission.pk).description.count("[name]") == 1


def test_a_finding_gone_since_the_page_was_read_gives_the_review_page_not_a_404(submission, second_moderator):
    ola = submission.findings.get(text="Ola Hansen")
    stale_pk = ola.pk
    ola.delete()  # as a check after another moderator's edit or redaction does with a finding whose text has gone
    client = _client_for(second_moderator)
    for action in ("redact", "dismiss"):
        url = reverse(f"moderation:finding_{action}", args=[submission.pk, stale_pk])
        response = client.post(url, {"reason": "public figure"}, follow=True)
        assert response.status_code == 200, action
        assert response.redirect_chain[-1][0] == reverse("moderation:review", args=[submission.pk])
        assert _messages(response) == [
            "This finding is no longer there: the text was checked again since you opened the page. "
            "Nothing was done; what is left to resolve is below."
        ]
    assert Practice.objects.get(pk=submission.pk).description == TEXT


def test_the_contributor_resolving_a_finding_twice_gets_a_message_not_a_403(submission, contributor):
    kari = submission.findings.get(text="Kari Nordmann")
    services.finding_dismiss(finding=kari, actor=contributor, reason="A public figure")
    client = _client_for(contributor)
    response = client.post(reverse("practices:finding_redact", args=[kari.pk]), follow=True)
    assert response.status_code == 200
    assert _messages(response) == [
        "This finding was resolved already by Kari Contributor (Not personal data): nothing more was done."
    ]
    assert Practice.objects.get(pk=submission.pk).description == TEXT


def test_a_second_withdrawal_is_refused_with_a_word_and_emails_nobody_again(contributor, moderator, second_moderator):
    practice = make_practice(author=contributor, title="Family support", publish=True)
    url = reverse("practices:withdraw", args=[practice.pk])
    second = _client_for(second_moderator)
    assert second.get(url).status_code == 200  # the second moderator opens the confirmation…
    services.practice_withdraw(practice=practice, actor=moderator, reason="Names a minor")  # …the first withdraws
    sent = len(mail.outbox)
    response = second.post(url, {"reason": "Outdated"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("moderation:review", args=[practice.pk])
    [message] = _messages(response)
    assert message.startswith("This practice was withdrawn already (") and "nothing more was done" in message
    assert len(mail.outbox) == sent
    assert AuditEvent.objects.filter(action="practice.withdraw", target_id=practice.pk).count() == 1
    assert Practice.objects.get(pk=practice.pk).withdrawal_reason == "Names a minor"
    assert second.get(url, follow=True).redirect_chain[-1][0] == reverse("moderation:review", args=[practice.pk])


def test_a_join_request_decided_meanwhile_is_not_decided_again(moderator, second_moderator, outsider):
    network = network_services.network_create(
        actor=moderator, name="Forum Nord", purpose="p", policy="request", listed=True
    )
    stale = network_services.network_join_request(network=network, user=outsider)  # read by the second moderator
    network_services.network_join_decide(
        join_request=JoinRequest.objects.get(pk=stale.pk), actor=moderator, approve=False
    )
    with pytest.raises(Exception, match="already been decided"):
        network_services.network_join_decide(join_request=stale, actor=second_moderator, approve=True)
    assert JoinRequest.objects.get(pk=stale.pk).state == JoinRequest.State.DECLINED
    assert not NetworkMembership.objects.filter(network=network, user=outsider).exists()


def test_a_report_handled_meanwhile_is_not_handled_again(moderator, second_moderator, contributor, outsider):
    network = network_services.network_create(actor=moderator, name="Forum Nord", purpose="p", policy="request")
    add_member(network, contributor, moderator=moderator)
    add_member(network, outsider, moderator=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title="Case", body="A post.")
    post = thread.posts.get()
    stale = network_services.post_report(post=post, actor=outsider, reason=Report.Reason.values[0])
    network_services.report_resolve(report=Report.objects.get(pk=stale.pk), actor=moderator, hide=True)
    with pytest.raises(Exception, match="already been handled"):
        network_services.report_resolve(report=stale, actor=second_moderator, hide=False)
    assert Report.objects.get(pk=stale.pk).state == Report.State.HIDDEN
    assert AuditEvent.objects.filter(action="network.report.resolve", target_id=stale.pk).count() == 1


def test_a_decision_on_a_submission_decided_meanwhile_says_by_whom_and_keeps_what_was_typed(
    submission, moderator, second_moderator
):
    submission.findings.all().delete()
    services.practice_request_changes(practice=submission, moderator=moderator, comment="Say where.")
    response = _client_for(second_moderator).post(
        reverse("moderation:reject", args=[submission.pk]), {"reject-reason": "Not a practice of prevention."}
    )
    assert response.status_code == 409
    [message] = _messages(response)
    assert message.startswith("This practice is not waiting for review: it is “Changes requested” since ")
    assert message.endswith("(Mona Moderator). Nothing was done; what you typed is kept below.")
    assert "Not a practice of prevention." in response.content.decode()
    assert Practice.objects.get(pk=submission.pk).status == Practice.Status.CHANGES_REQUESTED
