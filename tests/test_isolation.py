"""What a transactional test leaves to the next test on its worker (tests/conftest.py).

``make test`` runs two pytest-xdist workers, each handed tests in its own order: a test that
follows a transactional one must still find the migrated data and an empty search index.
"""

import pytest
from django.db import connection
from django.test import TransactionTestCase

from portal.models import OrganisationType
from practices.models import KeyTheme
from search.backends.database import DatabaseSearchBackend, postgres, sqlite
from tests.search.builders import index, make_practice


def rows_in(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_flush_ending_a_transactional_test_leaves_the_migrated_data_and_no_search_text(home_organisation):
    themes = KeyTheme.objects.count()
    types = OrganisationType.objects.count()
    assert themes and types
    index(DatabaseSearchBackend(), make_practice("Mentoring after prison", organisation=home_organisation))
    text_table = postgres.TABLE if connection.vendor == "postgresql" else sqlite.TABLE
    assert rows_in(text_table) == 1

    case = TransactionTestCase()
    case.serialized_rollback = True
    case._fixture_teardown()  # what ends every transactional test

    assert KeyTheme.objects.count() == themes
    assert OrganisationType.objects.count() == types
    assert rows_in(text_table) == 0
