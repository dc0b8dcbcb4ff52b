"""``federation_identity [--json]``: our address, key id and fingerprint, to give to the
operator of a peer (who passes the fingerprint to ``federation_peer add``)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from federation import keys


class Command(BaseCommand):
    help = "Print this instance's federation identity: address, key id and the fingerprint peers pin."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="As JSON: url, key_id, fingerprint.")

    def handle(self, *args, as_json: bool, **options):
        key = keys.current_key()
        identity = {"url": settings.PORTAL_URL, "key_id": keys.own_key_id(key), "fingerprint": key.fingerprint}
        if as_json:
            self.stdout.write(json.dumps(identity))
            return
        self.stdout.write(f"Address:     {identity['url']}")
        self.stdout.write(f"Key id:      {identity['key_id']}")
        self.stdout.write(f"Fingerprint: {identity['fingerprint']}")
        self.stdout.write("Give the address and the fingerprint to each peer's operator by a channel you trust.")
