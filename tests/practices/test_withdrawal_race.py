"""Two curators withdraw the same practice at the same moment, both having read it published
(both passed the page's check): the service locks the row and reads it again, so the second
waits for the first, then is told it is withdrawn already; one withdrawal, one audit record, one
round of e-mails. On PostgreSQL, whose row locks make the race real (SQLite writes one at a time)."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from portal.models import AuditEvent
from practices import services
from practices.models import Practice
from tests.practices.factories import make_practice


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


@pytest.mark.django_db(transaction=True)
def test_two_withdrawals_at_once_withdraw_once_and_tell_the_second_curator(moderator, org_admin, contributor):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    practice = make_practice(author=contributor, title="Family support", publish=True)
    first_copy, second_copy = Practice.objects.get(pk=practice.pk), Practice.objects.get(pk=practice.pk)
    mail.outbox.clear()
    first_holds, outcomes = threading.Event(), {}

    def first() -> None:
        try:
            with transaction.atomic():
                services.practice_withdraw(practice=first_copy, actor=moderator, reason="It names a minor.")
                first_holds.set()
                threading.Event().wait(1.0)  # the row stays locked while the second curator acts
            outcomes["first"] = "withdrawn"
        finally:
            first_holds.set()
            connection.close()

    def second() -> None:
        first_holds.wait(10)
        try:
            services.practice_withdraw(practice=second_copy, actor=org_admin, reason="Outdated contact.")
            outcomes["second"] = "withdrawn"
        except PermissionDenied as refusal:
            outcomes["second"] = str(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == {"first": "withdrawn", "second": "You may not withdraw this practice."}
    practice.refresh_from_db()
    assert (practice.status, practice.withdrawal_reason) == (Practice.Status.WITHDRAWN, "It names a minor.")
    assert AuditEvent.objects.filter(action="practice.withdraw", target_id=practice.pk).count() == 1
    told = [tuple(message.to) for message in mail.outbox]
    assert told and len(told) == len(set(told))  # each person concerned told once
