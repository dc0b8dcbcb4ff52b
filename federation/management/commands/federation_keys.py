"""``federation_keys rotate``: a new signing key, endorsed by the current one (valid 7 days more)."""

from django.core.management.base import BaseCommand

from federation import keys


class Command(BaseCommand):
    help = "Rotate this instance's federation key: the new key is endorsed by the current one."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate"])

    def handle(self, *args, **options):
        previous = keys.current_key()
        key = keys.keys_rotate()
        previous.refresh_from_db()
        self.stdout.write(f"New key {keys.own_key_id(key)}")
        self.stdout.write(f"fingerprint {key.fingerprint}")
        self.stdout.write(f"The previous key {previous.fingerprint} stays valid until {previous.valid_until or ''}.")
