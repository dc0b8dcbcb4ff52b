"""The access rule of a practice's page and the API's detail (``practice_stamp_for_user``,
``practice_for_user``) is built for each reader on every request; only its SQL is compiled once
per connection and rule (``portal.prepared``). Read in turn on one connection, each reader gets exactly what their own
rule allows, also once the connection's compiled rules are full and the oldest are dropped."""

import pytest
from django.http import Http404
from django.urls import reverse

from portal import prepared
from practices.selectors import practice_for_user, practice_stamp_for_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

READERS = ("contributor_client", "colleague_client", "outsider_client", "former_member_client", "client")
# Who reads which practice (200) and who gets a 404, whatever read it before them.
EXPECTED = {
    "organisation": (200, 200, 404, 404, 404),
    "members": (200, 200, 200, 404, 404),
    "draft": (200, 404, 404, 404, 404),
}


@pytest.fixture
def readable(contributor) -> dict:
    made = {
        v: make_practice(author=contributor, title=f"Exit {v}", visibility=v, publish=True)
        for v in ("organisation", "members")
    }
    made["draft"] = make_practice(author=contributor, title="Exit draft")
    return made


@pytest.mark.parametrize("shapes_kept", [prepared.SHAPES_KEPT, 1])
def test_each_reader_in_turn_gets_their_own_rule(request, monkeypatch, readable, shapes_kept):
    monkeypatch.setattr(prepared, "SHAPES_KEPT", shapes_kept)
    clients = [request.getfixturevalue(name) for name in READERS]
    for _ in range(2):  # the second round reads with the rules compiled in the first
        for name, statuses in EXPECTED.items():
            for reader, client, status in zip(READERS, clients, statuses, strict=True):
                for url in (
                    reverse("practices:detail", args=[readable[name].pk]),
                    reverse("api:practice-detail", args=[readable[name].pk]),
                ):
                    if "api" in url and name == "draft":
                        continue  # the API lists published practices only
                    got = client.get(url).status_code
                    assert got == status, (reader, name, url)


def test_a_practice_id_that_is_not_a_number_is_a_404(contributor):
    with pytest.raises(Http404):
        practice_stamp_for_user(user=contributor, pk="7; drop")


@pytest.mark.parametrize("read", [practice_stamp_for_user, practice_for_user])
@pytest.mark.parametrize("shapes_kept", [prepared.SHAPES_KEPT, 1])
def test_the_stamp_itself_follows_each_readers_rule_in_turn(request, monkeypatch, readable, shapes_kept, read):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setattr(prepared, "SHAPES_KEPT", shapes_kept)
    users = [request.getfixturevalue(name.removesuffix("_client")) for name in READERS[:-1]] + [AnonymousUser()]
    for _ in range(2):
        for name, statuses in EXPECTED.items():
            for user, status in zip(users, statuses, strict=True):
                try:
                    stamp = read(user=user, pk=readable[name].pk)
                except Http404:
                    got = 404
                else:
                    got = 200 if stamp.pk == readable[name].pk else 500
                assert got == status, (user, name)


@pytest.mark.parametrize("themes", [(), ("prison-probation", "exit-strategies", "formers"), ("formers",)])
def test_a_practices_terms_read_in_one_query_are_what_the_orm_reads(contributor, themes, django_assert_num_queries):
    """``practice_for_user`` reads key themes and target audiences in one query (``with_terms``):
    the same terms, fields and order as ``prefetch_related``, and nothing read again on use."""
    from practices.models import KeyTheme, Practice

    KeyTheme.objects.filter(code="formers").update(position=0, label_fr="Anciens, d'abord")  # first by position
    practice = make_practice(author=contributor, themes=themes, publish=True)
    expected = Practice.objects.prefetch_related("key_themes", "target_audiences").get(pk=practice.pk)
    got = practice_for_user(user=contributor, pk=practice.pk)
    with django_assert_num_queries(0):
        for name in ("key_themes", "target_audiences"):
            want = [(t.pk, t.code, t.label_en, t.label_fr, t.position) for t in getattr(expected, name).all()]
            have = [(t.pk, t.code, t.label_en, t.label_fr, t.position) for t in getattr(got, name).all()]
            assert have == want, name
    assert [t.code for t in got.key_themes.all()] == sorted(themes, key=lambda code: (code != "formers", code))
