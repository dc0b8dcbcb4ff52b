"""Each peer's federation state: pulling, copies, deliveries (docs/FEDERATION.md)."""

import json

from django.core.management.base import BaseCommand

from federation.status import federation_status


class Command(BaseCommand):
    help = "Show each peer's pull state, copies held and served, and pending deliveries."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="As JSON.")

    def handle(self, *args, json: bool, **options) -> None:
        status = federation_status()
        if json:
            self.stdout.write(_dumps(status))
            return
        if not status["peers"]:
            self.stdout.write("No peers.")
        for peer in status["peers"]:
            self.stdout.write("\n".join(_lines(peer)) + "\n")


def _lines(peer: dict) -> list[str]:
    """One peer, as an operator reads it: pulling, clock, what is owed."""
    offset = peer["clock_offset"]
    clock = "not measured yet" if offset is None else f"{offset:+.0f} s (measured {peer['clock_measured_at']})"
    warning = peer["clock_warning"]
    return [
        f"{peer['name']} ({peer['url']}, {peer['state']})",
        f"  pull: cursor {peer['cursor']} of {peer['latest']}, lag {peer['lag']} events,"
        f" last pull {peer['last_success_at'] or 'never'}, next {peer['next_pull_at'] or 'at the next loop'}",
        f"  last error: {peer['last_error'] or 'none'}"
        + (f" ({peer['failures']} failures in a row)" if peer["failures"] else ""),
        f"  clock offset: {clock}" + (f": WARNING, {warning}" if warning else ""),
        f"  copies: {peer['copies_held']} held of its practices, {peer['copies_served']} of ours served to it,"
        f" {peer['skipped_items']} items skipped",
        f"  owed: {peer['pending_receipts']} receipts to it, {peer['pending_deliveries']} deliveries in all;"
        f" {peer['receipts_received']} receipts received from it",
        *(f"  skipped {item['skipped_at']} {item['uuid'] or '?'}: {item['error']}" for item in peer["skipped"]),
    ]


def _dumps(data) -> str:
    return json.dumps(data, indent=2, default=str)
