"""``practice_withdraw ID --reason TEXT``: withdraw a published practice at once, from the
command line (an operator who must act without an account on the portal)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from practices.models import Practice
from practices.services import practice_withdraw_trusted


class Command(BaseCommand):
    help = (
        "Withdraw a published practice at once: off every page, list and index, and from every peer "
        "instance that holds a copy (the federation worker tells them and collects their receipts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("practice", help="The practice's number (as in its address) or its uuid.")
        parser.add_argument("--reason", required=True, help="Why: kept with the practice, emailed to its side.")

    def handle(self, *args, practice: str, reason: str, **options):
        found = _find(practice)
        try:
            practice_withdraw_trusted(practice=found, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Withdrawn: {found.pk} {found.uuid} {found.title!r} at {found.withdrawn_at:%Y-%m-%d %H:%M:%S%z}"
        )


def _find(reference: str) -> Practice:
    lookup = {"pk": int(reference)} if reference.isdigit() else {"uuid": reference}
    try:
        return Practice.objects.get(revision_of__isnull=True, **lookup)
    except (Practice.DoesNotExist, ValidationError, ValueError) as exc:
        raise CommandError(f"No practice {reference}.") from exc
