"""`__in_array`: the same rows as `__in`, sent as one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test.utils import CaptureQueriesContext

from cases.models import Placement
from tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("chosen", [[], [0], [0, 2], [0, 1, 2, 3]])
def test_in_array_finds_the_same_placements_as_in(chosen):
    placements = PlacementFactory.create_batch(4)
    ids = [placements[i].pk for i in chosen]
    with CaptureQueriesContext(connection) as queries:
        found = set(Placement.objects.filter(pk__in_array=ids).values_list("pk", flat=True))
    assert (
        found == set(ids) == set(Placement.objects.filter(pk__in=ids).values_list("pk", flat=True))
    )
    # One parameter, however long the list.
    assert "= ANY(" in queries[0]["sql"]


def test_in_array_on_a_foreign_key():
    placement = PlacementFactory()
    PlacementFactory()
    found = Placement.objects.filter(child_id__in_array=[placement.child_id])
    assert list(found) == [placement]


def test_in_array_is_a_plain_in_on_sqlite():
    sqlite = SQLiteWrapper({"NAME": ":memory:", "TIME_ZONE": None, "OPTIONS": {}}, alias="sqlite")
    sql, params = (
        Placement.objects.filter(pk__in_array=[3, 5]).query.get_compiler(connection=sqlite).as_sql()
    )
    assert '"cases_placement"."id" IN (%s, %s)' in sql and params == (3, 5)
