"""Pull the change feed of one peer or of every active peer now (docs/FEDERATION.md)."""

from django.core.management.base import BaseCommand, CommandError

from federation.models import Peer
from federation.pull import PullFailed, peer_pull


class Command(BaseCommand):
    help = "Pull shared practices from peers now: every active peer, or --peer NAME; --full starts from the beginning."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--peer", help="The peer's name (manage.py federation_peer list).")
        parser.add_argument("--full", action="store_true", help="Resync from cursor 0 and check the manifest.")

    def handle(self, *args, peer: str | None, full: bool, **options) -> None:
        peers = Peer.objects.filter(state=Peer.State.ACTIVE)
        if peer:
            peers = peers.filter(name=peer)
            if not peers.exists():
                raise CommandError(f"No active peer named {peer!r} (see manage.py federation_peer list).")
        failed = []
        for each in peers.order_by("name"):
            try:
                report = peer_pull(peer=each, full=full)
            except PullFailed as exc:
                self.stderr.write(f"{each.name}: pull failed, will retry: {exc}")
                failed.append(each.name)
                continue
            self.stdout.write(
                f"{each.name}: {report.pages} pages, {report.applied} items applied, {report.withdrawn} tombstones,"
                f" {report.skipped} skipped{', full resync' if report.resynced else ''}"
            )
            for note in report.notes:  # why each item was skipped, what was kept without
                self.stdout.write(f"  {note}")
        if failed:
            raise CommandError(f"Pull failed for: {', '.join(failed)}")
