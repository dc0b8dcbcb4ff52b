"""The practice detail's serializer builds its fields once per class and language and gives every
serializer copies of its own (api/serializers.py, ``FieldsBuiltOnce``): a field bound to one
reader's serializer is never the one another reader's serializer reads through, whatever order
readers come in within one process."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.serializers import PracticeDetailSerializer

pytestmark = pytest.mark.django_db


def _serializer_for(user, practice) -> PracticeDetailSerializer:
    request = Request(APIRequestFactory().get("/api/v1/practices/"))
    request.user = user
    return PracticeDetailSerializer(practice, context={"request": request})


def test_every_serializer_reads_through_fields_bound_to_itself(world, colleague):
    member, visitor = _serializer_for(colleague, world.public), _serializer_for(AnonymousUser(), world.public)
    assert set(member.fields) == set(visitor.fields)
    for name, field in member.fields.items():
        other = visitor.fields[name]
        assert field is not other, name
        assert field.parent is member and other.parent is visitor, name
    # a nested serializer's own fields are built under it, so it is never shared
    assert member.fields["key_themes"].child is not visitor.fields["key_themes"].child
    assert member.fields["organisation"] is not visitor.fields["organisation"]


def test_the_kept_declarations_are_never_bound_to_a_reader(world, colleague):
    _serializer_for(colleague, world.public).fields  # noqa: B018 - building them is the point
    kept = [fields for (cls, _language), fields in PracticeDetailSerializer._built_fields.items()]
    assert kept
    assert all(field.parent is None for fields in kept for field in fields.values())


def test_readers_in_turn_each_get_what_they_may_see(world, colleague, outsider):
    """The contact is for approved members of verified organisations: read in turn by a member,
    the anonymous visitor, another organisation's member and the visitor again."""
    contact = world.public.contact
    assert contact
    readers = [(colleague, contact), (AnonymousUser(), None), (outsider, contact), (AnonymousUser(), None)]
    serializers = [(_serializer_for(user, world.public), expected) for user, expected in readers]
    for serializer, expected in reversed(serializers):  # every serializer built before any is read
        data = serializer.data
        assert data["contact"] == expected
        assert ("contact" in data["html"]) is (expected is not None)
