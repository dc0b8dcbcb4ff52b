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
        for peer in status["peers"]:
            self.stdout.write(
                f"{peer['name']} ({peer['url']}, {peer['state']}): cursor {peer['cursor']}/{peer['latest']},"
                f" last pull {peer['last_success_at'] or 'never'}, {peer['copies_held']} copies held,"
                f" {peer['copies_served']} served, {peer['pending_deliveries']} deliveries pending"
                + (f", error: {peer['last_error']}" if peer["last_error"] else "")
            )


def _dumps(data) -> str:
    return json.dumps(data, indent=2, default=str)
