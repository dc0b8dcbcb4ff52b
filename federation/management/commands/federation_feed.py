"""``federation_feed restart``: give our feed a new id, so that every peer resyncs from zero.
Run it after restoring a backup (docs/OPERATIONS.md, "Backups")."""

from django.core.management.base import BaseCommand

from federation import services


class Command(BaseCommand):
    help = "Start a new feed (a new feed_id): every peer resyncs from zero. Run after restoring a backup."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["restart"])

    def handle(self, *args, **options):
        feed = services.feed_restart()
        self.stdout.write(f"New feed {feed.feed_id}: peers resync from zero at their next pull.")
