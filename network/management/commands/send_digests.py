from django.core.management.base import BaseCommand

from network.notify import digests_send


class Command(BaseCommand):
    help = (
        "Email each network member who chose the daily digest one message listing their waiting "
        "notifications. Membership is checked now: a removed member gets nothing more. Run daily."
    )

    def handle(self, *args, **options) -> None:
        sent = digests_send()
        self.stdout.write(f"{sent} digest(s) sent.")
