"""Serializers whose instances copy kept field declarations (api/serializers.py, ``field_copies``):
the practice detail's fields built once per class and language (``FieldsBuiltOnce``), the query
strings' declared fields (``DeclaredFieldsCopied``). A field bound to one serializer is never the one
another serializer reads or validates through, whatever order readers and requests come in within
one process."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.serializers import PracticeDetailSerializer, PracticeSearchQuerySerializer

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
    for nested in ("organisation", "key_themes"):  # and the fields of those, built for each of them
        mine = member.fields[nested]
        mine = getattr(mine, "child", mine)
        theirs = visitor.fields[nested]
        theirs = getattr(theirs, "child", theirs)
        for name, field in mine.fields.items():
            assert field is not theirs.fields[name], (nested, name)
            assert field.parent is mine and theirs.fields[name].parent is theirs, (nested, name)


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


def test_every_query_serializer_validates_through_fields_and_children_of_its_own():
    first, second = PracticeSearchQuerySerializer(data={}), PracticeSearchQuerySerializer(data={})
    for name, field in first.fields.items():
        other = second.fields[name]
        assert field is not other, name
        assert field.parent is first and other.parent is second, name
    theme, other_theme = first.fields["theme"], second.fields["theme"]
    assert theme.child is not other_theme.child
    assert theme.child.parent is theme and other_theme.child.parent is other_theme
    declared = PracticeSearchQuerySerializer._declared_fields["theme"]
    assert declared.child.parent is declared  # the declaration keeps its own binding


def test_a_refused_query_leaves_nothing_behind_for_the_next():
    refused = PracticeSearchQuerySerializer(data={"theme": ["x" * 101], "sort": "oldest"})
    assert not refused.is_valid()
    assert set(refused.errors) == {"theme", "sort"}
    accepted = PracticeSearchQuerySerializer(data={"theme": ["family", "family"], "q": "  mentoring "})
    assert accepted.is_valid(), accepted.errors
    assert accepted.validated_data["q"] == "mentoring"
    assert accepted.filters() == {"theme": ["family"]}
