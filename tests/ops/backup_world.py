"""A small world for the backup test, built inside a child process (manage.py shell):
organisations and memberships, published practices, a network with threads and posts.

    python manage.py shell -c "from tests.ops.backup_world import build; build()"

Prints one JSON object: what must be found again after a restore."""

import json

from django.utils import timezone

from network import services as network_services
from network.models import Network
from portal.models import Membership, Organisation, OrganisationType, User
from practices.models import Practice
from tests.conftest import make_user, with_totp
from tests.practices.factories import make_practice


def build() -> None:
    kind = OrganisationType.objects.get(code="municipality")
    home = Organisation.objects.create(name="Municipality of Ravnstad", type=kind, country="NO", verified=True)
    author = make_user("author@ravnstad.example", home, display_name="Kari Author")
    member = make_user("member@ravnstad.example", home, display_name="Ola Member")
    moderator = with_totp(make_user("moderator@portal.example", home, is_moderator=True, role="admin"))
    practices = []
    for word in ("lighthouse", "orchard", "compass"):
        practice = make_practice(
            author=author,
            title=f"The {word} mentoring programme",
            description=f"A {word} approach to preventing violent extremism.",
        )
        Practice.objects.filter(pk=practice.pk).update(
            status=Practice.Status.PUBLISHED, visibility=Practice.Visibility.PUBLIC, published_at=timezone.now()
        )
        practices.append({"id": practice.pk, "word": word})
    network = network_services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit cases.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network,
        actor=member,
        title="Returning fighter",
        body="First meeting with the family went well, marigold.",
    )
    reply = network_services.post_create(thread=thread, actor=member, body="The probation officer agrees, juniper.")
    posts = [{"id": thread.posts.earliest("pk").pk, "word": "marigold"}, {"id": reply.pk, "word": "juniper"}]
    memberships = sorted(Membership.objects.values_list("pk", flat=True))
    print(
        json.dumps(
            {
                "practices": practices,
                "posts": posts,
                "memberships": memberships,
                "member": member.email,
                "users": User.objects.count(),
            }
        )
    )
