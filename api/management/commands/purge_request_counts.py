import time

from django.core.management.base import BaseCommand

from api.models import RequestCount


class Command(BaseCommand):
    help = (
        "Delete the API's request counts that no longer count (their client made no request in "
        "the current period of its rate or the one before). Run hourly."
    )

    def handle(self, *args, **options) -> None:
        deleted, _ = RequestCount.objects.filter(expires__lt=int(time.time())).delete()
        self.stdout.write(f"{deleted} request count(s) deleted.")
