"""portal/prepared.py: a query compiled once per connection reads fresh rows with each call's values."""

import pytest
from django.db.models import Q

from portal.models import Organisation
from portal.prepared import PreparedQuery, rows_for_ids

pytestmark = pytest.mark.django_db

_ANY = -9_100_001


def test_each_call_reads_the_rows_of_its_own_values(home_organisation, other_organisation):
    query = PreparedQuery("test_by_pk", Organisation, lambda pk: Organisation.objects.filter(pk=pk), pk=_ANY)
    assert [o.name for o in query.objects(pk=home_organisation.pk)] == [home_organisation.name]
    assert [o.name for o in query.objects(pk=other_organisation.pk)] == [other_organisation.name]
    Organisation.objects.filter(pk=other_organisation.pk).update(name="Renamed since")
    assert [o.name for o in query.objects(pk=other_organisation.pk)] == ["Renamed since"]


def test_rows_of_a_values_list_query_with_a_window(home_organisation, other_organisation):
    query = PreparedQuery(
        "test_names",
        Organisation,
        lambda floor: Organisation.objects.filter(pk__gt=floor).order_by("pk").values_list("pk", "name"),
        floor=_ANY,
    )
    everyone = query.rows(floor=0)
    assert (home_organisation.pk, home_organisation.name) in everyone
    assert query.rows(floor=0, window=(1, 1)) == everyone[1:2]


def test_a_stand_in_the_sql_does_not_name_is_refused_unless_optional(home_organisation):
    # a query that forgot the id that picks the row would read every row: refused at its first use
    forgetful = PreparedQuery("test_forgetful", Organisation, lambda pk: Organisation.objects.all(), pk=_ANY)
    with pytest.raises(RuntimeError, match="does not name pk"):
        forgetful.objects(pk=home_organisation.pk)
    shaped = PreparedQuery(
        "test_shaped",
        Organisation,
        lambda shape, pk, owner: Organisation.objects.filter(shape, pk=pk),
        pk=_ANY,
        owner=_ANY - 1,
        optional=("owner",),
    )
    from django.db.models import Q

    found = shaped.objects(shape=Q(verified=home_organisation.verified), pk=home_organisation.pk, owner=0)
    assert [o.pk for o in found] == [home_organisation.pk]


@pytest.mark.parametrize("by_ids", [True, False])
def test_rows_for_ids_read_each_list_under_its_rule(home_organisation, other_organisation, by_ids, monkeypatch):
    """A list of ids, each length its own compiled SQL (on SQLite read by the ids alone with
    ``by_ids``), the rule still applied to every row; a list past the prepared length read plainly."""
    rows = rows_for_ids(
        f"test_ids_{by_ids}",
        Organisation,
        lambda shape, ids: Organisation.objects.filter(shape[0], pk__in=ids).order_by("pk").values_list("name"),
        by_ids=by_ids,
    )
    both = [home_organisation.pk, other_organisation.pk]
    verified, named = Q(verified=True), Q(name=other_organisation.name)
    assert rows(verified, both) == [(home_organisation.name,), (other_organisation.name,)]
    assert rows(named, both) == [(other_organisation.name,)]
    assert rows(verified, both[:1]) == [(home_organisation.name,)]
    assert rows(verified, []) == []
    Organisation.objects.filter(pk=home_organisation.pk).update(verified=False)
    assert rows(verified, both) == [(other_organisation.name,)]
    monkeypatch.setattr("portal.prepared.IDS_PREPARED", 1)
    assert rows(named, both) == [(other_organisation.name,)]
