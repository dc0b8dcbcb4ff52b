"""``federation_peer add URL --fingerprint FP --share public,members [--accept ...] [--name N]``,
``federation_peer list [--json]``, ``federation_peer remove NAME|URL``, ``federation_peer set
NAME|URL --share ... [--accept ...]``, ``federation_peer suspend|resume NAME|URL``."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from federation import keys, services
from federation.models import Peer


def _levels(text: str) -> list[str]:
    return [level.strip() for level in text.split(",") if level.strip()]


class Command(BaseCommand):
    help = "Register, list, change, suspend or remove the peer instances we exchange practices with."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Register a peer whose fingerprint its operator confirmed to you.")
        add.add_argument("url", help="Its PORTAL_URL, e.g. https://portal.example.org")
        add.add_argument("--fingerprint", required=True, help="Its key fingerprint (its federation_identity).")
        add.add_argument("--share", required=True, help="Levels shared with it: public or public,members.")
        add.add_argument("--accept", default="public", help="Levels accepted from it (default: public).")
        add.add_argument("--name", default="", help="A short name (default: its host name).")
        listing = actions.add_parser("list", help="Every peer with its agreement and state.")
        listing.add_argument("--json", action="store_true", dest="as_json")
        change = actions.add_parser("set", help="Change the agreement (narrowing withdraws copies).")
        change.add_argument("peer", help="Its name or address.")
        change.add_argument("--share", required=True)
        change.add_argument("--accept", default=None)
        for name, text in (
            ("remove", "Stop exchanging: refuse it and send it revoke-all."),
            ("suspend", "Refuse it for now."),
            ("resume", "Accept it again."),
        ):
            actions.add_parser(name, help=text).add_argument("peer", help="Its name or address.")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _add(self, *, url: str, fingerprint: str, share: str, accept: str, name: str, **options):
        clean = fingerprint.strip().lower().replace(":", "")
        matches = keys.fingerprint_check(url.strip().rstrip("/"), clean)
        if matches is False:
            raise CommandError(f"{url} does not list a key with the fingerprint {clean}: check both with its operator.")
        if matches is None:
            self.stderr.write(
                f"{url} cannot be reached now: its key is checked against the fingerprint on first contact."
            )
        peer = services.peer_add(
            base_url=url, fingerprint=fingerprint, share_levels=_levels(share), accept_levels=_levels(accept), name=name
        )
        self.stdout.write(f"Added {peer.name} ({peer.base_url}): shares {','.join(peer.share_levels)}")

    def _list(self, *, as_json: bool, **options):
        peers = Peer.objects.annotate(
            served=Count("ledger", filter=Q(ledger__tombstoned_at__isnull=True)), receipts_kept=Count("receipts")
        ).order_by("name")
        rows = [
            {
                "name": peer.name,
                "url": peer.base_url,
                "fingerprint": peer.fingerprint,
                "state": peer.state,
                "share": peer.share_levels,
                "accept": peer.accept_levels,
                "copies_served": peer.served,
                "revoke_pending": peer.revoke_pending,
            }
            for peer in peers
        ]
        if as_json:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            self.stdout.write(
                f"{row['name']}\t{row['url']}\t{row['state']}\tshare={','.join(row['share'])}"
                f"\taccept={','.join(row['accept'])}\tcopies={row['copies_served']}"
            )

    def _set(self, *, peer: str, share: str, accept: str | None, **options):
        found = _peer(peer)
        levels = found.accept_levels if accept is None else _levels(accept)
        services.peer_set_agreement(peer=found, share_levels=_levels(share), accept_levels=levels)
        self.stdout.write(f"{found.name} now shares {share}")

    def _remove(self, *, peer: str, **options):
        found = services.peer_remove(peer=_peer(peer))
        self.stdout.write(f"Removed {found.name}: it is refused from now on; revoke-all is queued for it.")

    def _suspend(self, *, peer: str, **options):
        services.peer_set_state(peer=_peer(peer), state=Peer.State.SUSPENDED)

    def _resume(self, *, peer: str, **options):
        services.peer_set_state(peer=_peer(peer), state=Peer.State.ACTIVE)


def _peer(reference: str) -> Peer:
    found = Peer.objects.filter(Q(name=reference) | Q(base_url=reference.rstrip("/"))).first()
    if found is None:
        raise CommandError(f"No peer {reference} (see federation_peer list).")
    return found
