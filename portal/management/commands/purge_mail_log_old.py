"""Forget the outbox's delivery log after PORTAL_MAIL_LOG_DAYS (a scheduled job, daily by default).

The log (django-mailer's MessageLog) keeps no e-mail's text (MAILER_EMAIL_LOG_MESSAGE_DATA is off),
but a refusal's reason may name a recipient's address: it is personal data kept only as long as it
helps to find out why an e-mail did not arrive.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from mailer.models import RESULT_FAILURE, RESULT_SUCCESS, MessageLog


class Command(BaseCommand):
    help = "Delete the e-mail outbox's delivery log entries older than PORTAL_MAIL_LOG_DAYS (default 30)."

    def handle(self, *args, **options) -> None:
        days = settings.MAIL_LOG_DAYS
        count = MessageLog.objects.purge_old_entries(days, [RESULT_SUCCESS, RESULT_FAILURE])
        self.stdout.write(f"{count} delivery log entries older than {days} days deleted.")
