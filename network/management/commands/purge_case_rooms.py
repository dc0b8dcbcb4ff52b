from django.core.management.base import BaseCommand

from network.models import Network
from network.services import case_room_purge


class Command(BaseCommand):
    help = (
        "Delete for good the case-room posts (with their edit history) older than each room's "
        "retention period, and the threads left empty. Run daily."
    )

    def handle(self, *args, **options) -> None:
        posts = threads = 0
        for network in Network.objects.filter(is_case_room=True, retention_days__isnull=False):
            purged_posts, purged_threads = case_room_purge(network=network)
            posts, threads = posts + purged_posts, threads + purged_threads
        self.stdout.write(f"{posts} post(s) and {threads} thread(s) deleted.")
