"""The SQL expressions against the pure definitions, over the same tables of cases: what the
database computes is what definitions.py says, edge by edge."""

import statistics
from datetime import date, timedelta

import pytest
from django.db.models import DateField, IntegerField, Value

from cases.models import Placement
from evaluations import rules
from evaluations.models import Deadline
from evaluations.rules import add_months
from quality import definitions as d
from quality import sql
from tests.factories import UserFactory

from .conftest import TODAY, deadline, member, placement
from .test_definitions import AGES, BUCKETS, OUTCOMES, STAFF_CHANGES

pytestmark = pytest.mark.django_db


def test_outcome_and_days_late_in_sql_match_the_definitions(org):
    p = placement("SQL-1", date(2024, 1, 1), provider=org)
    expected = {}
    for index, (status, due, closed, outcome, days) in enumerate(OUTCOMES):
        row = deadline(p, rules.VISIT_EVALUATION, due, closed, status=status, key=str(index))
        expected[row.pk] = (outcome, days)
    found = {
        row["pk"]: (row["outcome"], row["late_days"])
        for row in Deadline.objects.annotate(
            outcome=sql.outcome(TODAY), late_days=sql.days_late(TODAY)
        ).values("pk", "outcome", "late_days")
    }
    assert found == expected
    # The plain-column filters the figures use say the same as the CASE expression.
    judged = {pk for pk, (outcome, _) in expected.items() if outcome in (d.ON_TIME, d.LATE)}
    on_time = {pk for pk, (outcome, _) in expected.items() if outcome == d.ON_TIME}
    assert set(Deadline.objects.filter(sql.judged(TODAY)).values_list("pk", flat=True)) == judged
    assert set(Deadline.objects.filter(sql.on_time()).values_list("pk", flat=True)) == on_time


def test_age_at_placement_in_sql_matches_the_definitions(org):
    expected = {}
    for index, (birth, on, age, band) in enumerate(AGES):
        p = placement(f"AGE-{index}", on, provider=org, birth=birth)
        expected[p.pk] = (age, band)
    found = {
        row["pk"]: (row["age"], row["band"])
        for row in Placement.objects.annotate(
            age=sql.age_in_years("child__birth_date", "start_date"),
            band=sql.age_band("child__birth_date", "start_date"),
        ).values("pk", "age", "band")
    }
    assert found == expected


def test_duration_bucket_in_sql_matches_the_definitions(org):
    expected = {}
    for index, (start, end, bucket) in enumerate(BUCKETS):
        expected[placement(f"DUR-{index}", start, provider=org, end=end).pk] = bucket
    found = dict(
        Placement.objects.annotate(bucket=sql.duration_bucket()).values_list("pk", "bucket")
    )
    assert found == expected


@pytest.mark.parametrize(
    ("day", "months"),
    [
        (date(2026, 1, 31), 1),
        (date(2026, 1, 31), 3),
        (date(2024, 2, 29), 12),
        (date(2024, 2, 29), -12),
        (date(2026, 3, 31), -1),
        (date(2026, 11, 22), -12),
        (date(2026, 12, 15), 1),
    ],
)
def test_add_months_in_sql_matches_the_engine(org, day, months):
    placement("ADD", day, provider=org)
    found = Placement.objects.annotate(
        later=sql.AddMonths(Value(day, output_field=DateField()), months)
    ).values_list("later", flat=True)
    assert list(found) == [add_months(day, months)]


@pytest.mark.parametrize(("members", "reference", "changes"), STAFF_CHANGES)
def test_staff_changes_in_sql_match_the_definitions(org, members, reference, changes):
    p = placement("STAFF", date(2024, 1, 1), provider=org)
    person = UserFactory(person_type="pleegzorgbegeleider")
    # Created in the order of the table's third column: ties on the start go by creation.
    for role, start, _order in sorted(members, key=lambda m: m[2]):
        member(p, person, role, start=start)
    by_date = Placement.objects.annotate(n=sql.staff_changes(reference))
    by_column = Placement.objects.annotate(
        day=Value(reference, output_field=DateField()),
    ).annotate(n=sql.staff_changes("day"))
    assert by_date.get().n == changes
    assert by_column.get().n == changes


@pytest.mark.parametrize("values", [[20, 17, 30, 10], [5], [1, 2, 3], [40, 1, 1, 1, 2], [7, 7]])
def test_median_is_the_median(org, values):
    p = placement("MED", date(2024, 1, 1), provider=org)
    for index, days in enumerate(values):
        due = date(2026, 1, 1)
        deadline(p, rules.GUARDIAN_CONTACT, due, due + timedelta(days=days), key=str(index))
    deadline(p, rules.GUARDIAN_CONTACT, date(2026, 2, 1), date(2026, 1, 1), key="on-time")
    found = Deadline.objects.annotate(late=sql.days_late(TODAY)).aggregate(
        median=sql.Median("late")
    )
    assert found["median"] == statistics.median(values)


def test_days_between_counts_calendar_days(org):
    placement("DAYS", date(2024, 2, 28), provider=org, end=date(2024, 3, 1))
    found = Placement.objects.annotate(
        n=sql.DaysBetween("end_date", "start_date", output_field=IntegerField())
    ).get()
    assert found.n == 2  # through a leap day
