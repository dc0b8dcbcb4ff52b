"""Print a new read-write API token for a demo member (scripts/schemathesis.sh, docs/API.md).

    python manage.py api_demo_token --email api-demo@example.org

Creates the user (verified email address) and an approved membership of a demo
organisation when they have none. For demo and test databases only.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from portal.models import Membership, Organisation, User


def demo_member(email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name="API Demo")
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if user.membership is None:
        organisation = Organisation.objects.filter(is_demo=True, verified=True).order_by("pk").first()
        if organisation is None:
            raise CommandError("No verified demo organisation: run `manage.py load_demo_data` first.")
        Membership.objects.create(user=user, organisation=organisation, state=Membership.State.APPROVED)
        user.forget_membership()
    return user


class Command(BaseCommand):
    help = "Print a new API token for a demo member, creating the member if needed."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ_WRITE)
        parser.add_argument("--name", default="Demo token")
        parser.add_argument("--days", type=int, default=30, help="Valid for this many days (at most 365).")

    def handle(self, *args, email: str, scope: str, name: str, days: int, **options):
        with transaction.atomic():
            user = demo_member(email)
            expires_on = timezone.localdate() + timedelta(days=days)
            _token, secret = api_token_create(user=user, name=name, scope=scope, expires_on=expires_on)
        self.stdout.write(secret)
