"""The definitions, table by table: what "on time", "late", the age bands, the duration
buckets, an early ending and each risk signal mean, with the edge of every rule."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cases.models import EARLY_END_REASONS, Placement
from quality import definitions as d

D = date
DAY = D(2026, 11, 22)


OUTCOMES = [
    # done: on time up to and including the due date
    (d.DONE, D(2026, 3, 1), D(2026, 2, 20), d.ON_TIME, None),
    (d.DONE, D(2026, 3, 1), D(2026, 3, 1), d.ON_TIME, None),
    (d.DONE, D(2026, 3, 1), D(2026, 3, 2), d.LATE, 1),
    (d.DONE, D(2026, 1, 31), D(2026, 3, 1), d.LATE, 29),
    # a done row without a date cannot prove it was on time
    (d.DONE, D(2026, 3, 1), None, d.LATE, None),
    # open: pending up to the due date, late from the day after ("open and past due")
    (d.OPEN, DAY, None, d.PENDING, None),
    (d.OPEN, D(2026, 12, 1), None, d.PENDING, None),
    (d.OPEN, D(2026, 11, 21), None, d.LATE, 1),
    (d.OPEN, D(2025, 11, 22), None, d.LATE, 365),
    # cancelled: not judged if it stopped applying by its due date; late if after it
    (d.CANCELLED, D(2026, 3, 1), D(2026, 3, 1), d.NOT_JUDGED, None),
    (d.CANCELLED, D(2026, 3, 1), D(2026, 2, 1), d.NOT_JUDGED, None),
    (d.CANCELLED, D(2026, 3, 1), D(2026, 3, 11), d.LATE, 10),
    (d.CANCELLED, D(2026, 3, 1), None, d.NOT_JUDGED, None),
]


@pytest.mark.parametrize(("status", "due", "closed", "outcome", "days"), OUTCOMES)
def test_outcome_and_days_late(status, due, closed, outcome, days):
    assert d.outcome(status=status, due=due, closed_on=closed, as_of=DAY) == outcome
    assert d.days_late(status=status, due=due, closed_on=closed, as_of=DAY) == days


AGES = [
    (D(2022, 5, 10), D(2026, 5, 9), 3, d.AGE_0_4),
    (D(2021, 5, 10), D(2026, 5, 9), 4, d.AGE_0_4),
    (D(2021, 5, 10), D(2026, 5, 10), 5, d.AGE_5_11),  # the fifth birthday
    (D(2014, 12, 31), D(2026, 12, 30), 11, d.AGE_5_11),
    (D(2014, 12, 31), D(2026, 12, 31), 12, d.AGE_12_UP),
    (D(2008, 2, 29), D(2026, 2, 28), 17, d.AGE_12_UP),
    (D(2020, 2, 29), D(2025, 2, 28), 4, d.AGE_0_4),  # a leap-day child turns 5 on 1 March
    (D(2020, 2, 29), D(2025, 3, 1), 5, d.AGE_5_11),
    (D(2026, 1, 1), D(2026, 1, 1), 0, d.AGE_0_4),
    (None, D(2026, 1, 1), None, d.AGE_UNKNOWN),
]


@pytest.mark.parametrize(("birth", "on", "age", "band"), AGES)
def test_age_at_placement(birth, on, age, band):
    assert d.age_in_years(birth, on) == age
    assert d.age_band(age) == band


BUCKETS = [
    (D(2026, 1, 10), D(2026, 1, 10), d.WITHIN_3_MONTHS),
    (D(2026, 1, 10), D(2026, 4, 9), d.WITHIN_3_MONTHS),
    (D(2026, 1, 10), D(2026, 4, 10), d.MONTHS_3_TO_12),
    # 31 January + 3 months is 30 April (DOMAIN.md): on it, 3 months have passed
    (D(2026, 1, 31), D(2026, 4, 29), d.WITHIN_3_MONTHS),
    (D(2026, 1, 31), D(2026, 4, 30), d.MONTHS_3_TO_12),
    (D(2025, 6, 15), D(2026, 6, 14), d.MONTHS_3_TO_12),
    (D(2025, 6, 15), D(2026, 6, 15), d.AFTER_12_MONTHS),
    (D(2024, 2, 29), D(2025, 2, 28), d.AFTER_12_MONTHS),
]


@pytest.mark.parametrize(("start", "end", "bucket"), BUCKETS)
def test_duration_bucket(start, end, bucket):
    assert d.duration_bucket(start, end) == bucket


P_START, P_END = D(2026, 1, 1), D(2026, 11, 22)
EARLY = EARLY_END_REASONS


@pytest.mark.parametrize(
    ("start", "end", "reason", "group"),
    [
        (D(2025, 3, 1), D(2026, 1, 1), "child_behaviour", d.EARLY),
        (D(2025, 3, 1), D(2026, 11, 22), "return_home", d.PLANNED),
        (D(2025, 3, 1), D(2026, 6, 1), "", d.UNKNOWN_REASON),
        (D(2025, 3, 1), D(2025, 12, 31), "parents", None),  # ended before the period
        (D(2025, 3, 1), None, "", d.CONTINUING),
        (D(2025, 3, 1), D(2026, 11, 23), "adoption", d.CONTINUING),  # a planned end, later
        (D(2026, 11, 22), None, "", d.CONTINUING),
        (D(2026, 11, 23), None, "", None),  # starts after the period
    ],
)
def test_ending_group(start, end, reason, group):
    found = d.ending_group(
        start=start,
        end=end,
        reason_kind=reason,
        early_reasons=EARLY,
        period_start=P_START,
        period_end=P_END,
    )
    assert found == group


@pytest.mark.parametrize(
    ("reason", "end", "early"),
    [
        ("foster_family_stops", D(2026, 1, 1), True),
        ("child_behaviour", D(2026, 1, 1), True),
        ("parents", D(2026, 1, 1), True),
        ("no_match", D(2026, 1, 1), True),
        ("other_early", D(2026, 1, 1), True),
        ("return_home", D(2026, 1, 1), False),
        ("other_family", D(2026, 1, 1), False),
        ("independence", D(2026, 1, 1), False),
        ("adoption", D(2026, 1, 1), False),
        ("", D(2026, 1, 1), False),
        ("child_behaviour", None, False),  # not ended (yet)
    ],
)
def test_placement_ended_early(reason, end, early):
    assert Placement(end_reason_kind=reason, end_date=end).ended_early is early


PBG, VOOGD = "pleegzorgbegeleider", "voogd"


STAFF_CHANGES = [
    ([(PBG, D(2024, 1, 1), 1)], DAY, 0),
    # the first in a role is the start, not a change
    ([(PBG, D(2026, 5, 1), 1), (VOOGD, D(2026, 6, 1), 2)], DAY, 0),
    ([(PBG, D(2024, 1, 1), 1), (PBG, D(2026, 3, 1), 2)], DAY, 1),
    (
        [
            (PBG, D(2024, 1, 1), 1),
            (PBG, D(2026, 3, 1), 2),
            (VOOGD, D(2024, 1, 1), 3),
            (VOOGD, D(2026, 8, 1), 4),
        ],
        DAY,
        2,
    ),
    # the 12 months up to the day: 23 Nov 2025 counts, 22 Nov 2025 does not
    ([(PBG, D(2024, 1, 1), 1), (PBG, D(2025, 11, 23), 2)], DAY, 1),
    ([(PBG, D(2024, 1, 1), 1), (PBG, D(2025, 11, 22), 2)], DAY, 0),
    ([(PBG, D(2024, 1, 1), 1), (PBG, D(2026, 11, 23), 2)], DAY, 0),  # after the day
    # two starting the same day: the one created second is the change
    ([(PBG, D(2026, 3, 1), 1), (PBG, D(2026, 3, 1), 2)], DAY, 1),
    # other roles are not counted
    ([("behandelaar", D(2024, 1, 1), 1), ("behandelaar", D(2026, 3, 1), 2)], DAY, 0),
]


@pytest.mark.parametrize(("members", "reference", "changes"), STAFF_CHANGES)
def test_staff_changes(members, reference, changes):
    assert d.staff_changes(members, reference) == changes


REQUESTS = [
    (D(2026, 11, 8), None, False),  # 14 days open: still within the two weeks
    (D(2026, 11, 7), None, True),  # 15 days
    (D(2026, 10, 1), D(2026, 10, 15), False),
    (D(2026, 10, 1), D(2026, 10, 16), True),
    (D(2026, 11, 1), D(2026, 12, 1), True),  # handled after the day: open until then
]


@pytest.mark.parametrize(("created", "handled", "waited"), REQUESTS)
def test_request_waited_too_long(created, handled, waited):
    assert d.request_waited_too_long(created_on=created, handled_on=handled, as_of=DAY) is waited


MEETINGS = [
    (D(2026, 5, 22), None, True),  # six months running, never met
    (D(2026, 5, 23), None, False),  # not yet six months
    (D(2025, 1, 1), D(2026, 5, 22), False),  # met exactly six months ago
    (D(2025, 1, 1), D(2026, 5, 21), True),
]


@pytest.mark.parametrize(("start", "last", "signal"), MEETINGS)
def test_no_recent_meeting(start, last, signal):
    assert d.no_recent_meeting(start=start, last_meeting=last, as_of=DAY) is signal


PLANS = [
    (D(2026, 11, 8), False, True),
    (D(2026, 11, 9), False, False),  # the start meeting is due after two weeks
    (D(2025, 1, 1), True, False),
]


@pytest.mark.parametrize(("start", "has_plan", "signal"), PLANS)
def test_no_adopted_plan(start, has_plan, signal):
    assert d.no_adopted_plan(start=start, has_adopted_plan=has_plan, as_of=DAY) is signal


AT = datetime(2026, 10, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("adopted_on", "visit", "has_family", "signal"),
    [
        (D(2026, 10, 1), None, True, True),
        (D(2026, 10, 1), datetime(2026, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam")), True, True),
        (D(2026, 10, 1), AT, True, False),  # looked at the very moment
        (D(2026, 11, 9), None, True, False),  # adopted less than two weeks ago
        (D(2026, 10, 1), None, False, False),  # no foster family in the team
        (None, None, True, False),  # no adopted plan: its own signal
    ],
)
def test_family_has_not_looked(adopted_on, visit, has_family, signal):
    found = d.family_has_not_looked(
        adopted_on=adopted_on,
        adopted_at=AT,
        family_last_visit=visit,
        has_family=has_family,
        as_of=DAY,
    )
    assert found is signal


def test_the_default_period_is_this_month_and_the_eleven_before():
    period = d.default_period(DAY)
    assert period == d.Period(D(2025, 12, 1), DAY)
    assert len(period.months()) == 12
    assert period.months()[0] == D(2025, 12, 1) and period.months()[-1] == D(2026, 11, 1)


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(1, 3, 100 / 3), (0, 5, 0.0), (0, 0, None)]
)
def test_share_is_none_without_data(part, whole, expected):
    assert d.share(part, whole) == expected
