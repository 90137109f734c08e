"""Table-driven and property tests for the deadline rules (DOMAIN.md "Dated obligations").

Pure: no database, no Django settings, no clock.
"""

import calendar
import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations.rules import (
    CHILD_JOINS_ZORGTEAM,
    COURT_ORDER_REVIEW,
    GUARDIAN_CONTACT,
    HANDOVER,
    HULPVERLENING,
    KINDS,
    OPVOEDING,
    PERSPECTIVE_DECISION,
    PERSPECTIVE_STUDY_START,
    PLEEGZORGBEGELEIDER,
    RULES,
    RULES_BY_KIND,
    VISIT_EVALUATION,
    VOOGD,
    ZORGTEAM_AFTER_COURT_ORDER,
    CourtOrderFact,
    Obligation,
    Periods,
    PlacementFacts,
    StaffChangeFact,
    add_months,
    open_obligations,
)

D = date
DEFAULT_PERIODS = Periods()


def of_kind(facts, kind, periods=DEFAULT_PERIODS):
    return [o for o in open_obligations(facts, periods) if o.kind == kind]


def dues(facts, kind, periods=DEFAULT_PERIODS):
    """[(key, due)] of one kind, the shape most tables compare against."""
    return [(o.key, o.due) for o in of_kind(facts, kind, periods)]


# --- add_months -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(2024, 1, 15), 3, D(2024, 4, 15), id="mid-month-keeps-day"),
        pytest.param(D(2025, 1, 31), 3, D(2025, 4, 30), id="31-jan-plus-3-is-30-apr"),
        pytest.param(D(2025, 1, 31), 1, D(2025, 2, 28), id="31-jan-plus-1-non-leap-28-feb"),
        pytest.param(D(2024, 1, 31), 1, D(2024, 2, 29), id="31-jan-plus-1-leap-29-feb"),
        pytest.param(D(2024, 2, 29), 12, D(2025, 2, 28), id="29-feb-plus-12-is-28-feb"),
        pytest.param(D(2024, 2, 29), 48, D(2028, 2, 29), id="29-feb-plus-48-leap-again"),
        pytest.param(D(2024, 8, 31), 6, D(2025, 2, 28), id="31-aug-plus-6-clamps"),
        pytest.param(D(2024, 11, 30), 1, D(2024, 12, 30), id="nov-to-dec"),
        pytest.param(D(2024, 12, 31), 1, D(2025, 1, 31), id="dec-to-jan-rollover"),
        pytest.param(D(2024, 10, 15), 3, D(2025, 1, 15), id="oct-plus-3-crosses-year"),
        pytest.param(D(2024, 12, 15), 25, D(2027, 1, 15), id="over-two-years"),
        pytest.param(D(2025, 3, 31), -1, D(2025, 2, 28), id="negative-clamps"),
        pytest.param(D(2025, 1, 15), -1, D(2024, 12, 15), id="negative-jan-to-dec"),
        pytest.param(D(2025, 5, 31), -3, D(2025, 2, 28), id="negative-3-clamps"),
        pytest.param(D(2025, 2, 28), -12, D(2024, 2, 28), id="negative-12-keeps-day"),
        pytest.param(D(2024, 6, 10), 0, D(2024, 6, 10), id="zero"),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@given(
    d=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
    months=st.integers(min_value=-600, max_value=600),
)
def test_add_months_lands_in_right_month_on_same_or_last_day(d, months):
    result = add_months(d, months)
    assert result.year * 12 + result.month == d.year * 12 + d.month + months
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == d.day or (result.day == last_day and d.day > last_day)


@given(
    d=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
    months=st.integers(min_value=1, max_value=600),
)
def test_add_months_positive_is_strictly_later(d, months):
    assert add_months(d, months) > d


# --- the table itself -----------------------------------------------------------------------


def test_rules_table_covers_every_kind_once_in_order():
    assert tuple(rule.kind for rule in RULES) == KINDS
    assert len(set(KINDS)) == 11
    assert set(RULES_BY_KIND) == set(KINDS)
    assert all(rule.description.endswith(".") for rule in RULES)


def test_kind_strings_are_the_contract():
    assert KINDS == (
        "visit_evaluation",
        "perspective_study_start",
        "perspective_decision",
        "guardian_contact",
        "child_joins_zorgteam",
        "zorgteam_after_court_order",
        "handover",
        "court_order_review",
        "start_meeting",
        "requested_meeting",
        "decision_explanation",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("visit_evaluation_hulpverlening_months", 0, id="rolling-interval-zero"),
        pytest.param("guardian_contact_days", -1, id="negative"),
        pytest.param("handover_days", "14", id="string"),
        pytest.param("perspective_decision_months", 9.0, id="float"),
        pytest.param("court_order_review_weeks", True, id="bool"),
    ],
)
def test_periods_reject_wrong_values_loudly(field, value):
    with pytest.raises(ValueError, match=field):
        Periods(**{field: value})


def test_periods_allow_zero_lead_time():
    assert Periods(zorgteam_after_court_order_days=0).zorgteam_after_court_order_days == 0


# --- a fresh placement: everything at once --------------------------------------------------

START = D(2025, 1, 31)


def test_fresh_placement_has_the_default_obligations_sorted():
    facts = PlacementFacts(start=START, child_birth_date=D(2015, 6, 1))
    assert open_obligations(facts) == [
        Obligation(GUARDIAN_CONTACT, "", D(2025, 3, 14), VOOGD, (), START),
        Obligation(
            PERSPECTIVE_STUDY_START, "", D(2025, 4, 30), VOOGD, (PLEEGZORGBEGELEIDER,), START
        ),
        Obligation(VISIT_EVALUATION, "", D(2025, 4, 30), PLEEGZORGBEGELEIDER, (VOOGD,), START),
        Obligation(PERSPECTIVE_DECISION, "", D(2025, 10, 31), VOOGD, (PLEEGZORGBEGELEIDER,), START),
        Obligation(CHILD_JOINS_ZORGTEAM, "", D(2027, 6, 1), PLEEGZORGBEGELEIDER, (), D(2027, 6, 1)),
    ]


# --- visit_evaluation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(PlacementFacts(start=D(2025, 1, 31)), D(2025, 4, 30), id="31-jan-start-hulp"),
        pytest.param(
            PlacementFacts(start=D(2025, 1, 31), variant=OPVOEDING),
            D(2025, 7, 31),
            id="31-jan-start-opvoeding",
        ),
        pytest.param(PlacementFacts(start=D(2023, 11, 29)), D(2024, 2, 29), id="lands-on-leap-day"),
        pytest.param(
            PlacementFacts(start=D(2024, 2, 29), variant=OPVOEDING),
            D(2024, 8, 29),
            id="from-leap-day-opvoeding",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), last_visit_evaluation=D(2024, 3, 1)),
            D(2024, 6, 1),
            id="from-last-evaluation",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), last_visit_evaluation=D(2024, 5, 20)),
            D(2024, 8, 20),
            id="late-evaluation-schedules-from-its-date",
        ),
        pytest.param(
            PlacementFacts(
                start=D(2024, 1, 10), variant=OPVOEDING, last_visit_evaluation=D(2024, 3, 1)
            ),
            D(2024, 9, 1),
            id="switch-to-opvoeding-reschedules-from-last-evaluation",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), variant=OPVOEDING),
            D(2024, 7, 10),
            id="switch-to-opvoeding-without-evaluation-counts-from-start",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), end=D(2024, 6, 1)),
            D(2024, 4, 10),
            id="ended-after-due-still-owed",
        ),
    ],
)
def test_visit_evaluation_due(facts, expected):
    (obligation,) = of_kind(facts, VISIT_EVALUATION)
    assert obligation.due == expected
    assert obligation.basis == (facts.last_visit_evaluation or facts.start)
    assert (obligation.responsible, obligation.also_reminded) == (PLEEGZORGBEGELEIDER, (VOOGD,))


def test_visit_evaluation_variant_switch_changes_only_the_interval():
    hulp = PlacementFacts(start=D(2024, 1, 31), last_visit_evaluation=D(2024, 8, 31))
    opvoeding = dataclasses.replace(hulp, variant=OPVOEDING)
    assert dues(hulp, VISIT_EVALUATION) == [("", D(2024, 11, 30))]
    assert dues(opvoeding, VISIT_EVALUATION) == [("", D(2025, 2, 28))]


@pytest.mark.parametrize(
    "end",
    [
        pytest.param(D(2024, 4, 10), id="ended-on-due-date"),
        pytest.param(D(2024, 2, 1), id="ended-before-due-date"),
    ],
)
def test_visit_evaluation_dropped_when_placement_ends_first(end):
    assert of_kind(PlacementFacts(start=D(2024, 1, 10), end=end), VISIT_EVALUATION) == []


def test_visit_evaluation_uses_configured_periods():
    periods = Periods(visit_evaluation_hulpverlening_months=1, visit_evaluation_opvoeding_months=2)
    facts = PlacementFacts(start=D(2025, 1, 31))
    assert dues(facts, VISIT_EVALUATION, periods) == [("", D(2025, 2, 28))]
    opvoeding = dataclasses.replace(facts, variant=OPVOEDING)
    assert dues(opvoeding, VISIT_EVALUATION, periods) == [("", D(2025, 3, 31))]


# --- perspective_study_start and perspective_decision ---------------------------------------


@pytest.mark.parametrize(
    ("facts", "study", "decision"),
    [
        pytest.param(
            PlacementFacts(start=D(2024, 5, 31)), D(2024, 8, 31), D(2025, 2, 28), id="31-may-start"
        ),
        pytest.param(
            PlacementFacts(start=D(2023, 5, 29)), D(2023, 8, 29), D(2024, 2, 29), id="leap-day-due"
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), last_visit_evaluation=D(2024, 9, 1)),
            D(2024, 4, 10),
            D(2024, 10, 10),
            id="counted-from-start-not-from-evaluations",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_study_started=D(2024, 3, 1)),
            None,
            D(2024, 10, 10),
            id="study-started-decision-still-open",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_study_started=D(2024, 6, 1)),
            None,
            D(2024, 10, 10),
            id="late-study-start-still-closes-it",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_decided=D(2024, 2, 1)),
            None,
            None,
            id="decided-before-study-closes-both",
        ),
        pytest.param(
            PlacementFacts(
                start=D(2024, 1, 10),
                perspective_study_started=D(2024, 3, 1),
                perspective_decided=D(2024, 7, 1),
            ),
            None,
            None,
            id="decided-closes-both",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), variant=OPVOEDING),
            None,
            None,
            id="opvoeding-has-a-decided-perspective",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_decision_date=D(2024, 5, 15)),
            D(2024, 4, 10),
            D(2024, 5, 15),
            id="override-earlier-than-9-months",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_decision_date=D(2024, 12, 1)),
            D(2024, 4, 10),
            D(2024, 12, 1),
            id="override-later-than-9-months",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), perspective_decision_date=D(2023, 12, 1)),
            D(2024, 4, 10),
            D(2024, 1, 10),
            id="override-before-start-clamped-to-start",
        ),
        pytest.param(
            PlacementFacts(
                start=D(2024, 1, 10),
                perspective_decision_date=D(2024, 5, 15),
                perspective_decided=D(2024, 5, 1),
            ),
            None,
            None,
            id="override-closed-by-decision",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), end=D(2024, 6, 1)),
            D(2024, 4, 10),
            None,
            id="ended-placement-drops-decision-due-after-end",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), end=D(2024, 4, 10)),
            None,
            None,
            id="ended-on-study-due-date-drops-both",
        ),
    ],
)
def test_perspective_rules(facts, study, decision):
    assert dues(facts, PERSPECTIVE_STUDY_START) == ([("", study)] if study else [])
    assert dues(facts, PERSPECTIVE_DECISION) == ([("", decision)] if decision else [])
    for obligation in of_kind(facts, PERSPECTIVE_STUDY_START) + of_kind(
        facts, PERSPECTIVE_DECISION
    ):
        assert obligation.basis == facts.start
        assert (obligation.responsible, obligation.also_reminded) == (VOOGD, (PLEEGZORGBEGELEIDER,))


def test_perspective_rules_follow_the_current_variant():
    hulp = PlacementFacts(start=D(2024, 1, 10))
    opvoeding = dataclasses.replace(hulp, variant=OPVOEDING)
    assert {o.kind for o in open_obligations(hulp)} >= {
        PERSPECTIVE_STUDY_START,
        PERSPECTIVE_DECISION,
    }
    assert {o.kind for o in open_obligations(opvoeding)}.isdisjoint(
        {PERSPECTIVE_STUDY_START, PERSPECTIVE_DECISION}
    )


# --- guardian_contact -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(PlacementFacts(start=D(2024, 1, 31)), D(2024, 3, 13), id="from-start-leap"),
        pytest.param(PlacementFacts(start=D(2025, 1, 31)), D(2025, 3, 14), id="from-start"),
        pytest.param(PlacementFacts(start=D(2024, 11, 30)), D(2025, 1, 11), id="over-new-year"),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), last_guardian_contact=D(2024, 1, 18)),
            D(2024, 2, 29),
            id="rolling-from-last-contact-onto-leap-day",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), last_guardian_contact=D(2024, 5, 1)),
            D(2024, 6, 12),
            id="late-contact-schedules-from-its-date",
        ),
        pytest.param(
            PlacementFacts(
                start=D(2024, 1, 10), variant=OPVOEDING, last_guardian_contact=D(2024, 5, 1)
            ),
            D(2024, 6, 12),
            id="variant-does-not-matter",
        ),
    ],
)
def test_guardian_contact_due(facts, expected):
    (obligation,) = of_kind(facts, GUARDIAN_CONTACT)
    assert obligation.due == expected
    assert obligation.basis == (facts.last_guardian_contact or facts.start)
    # Escalation to the pleegzorgbegeleider is the reminders layer's job.
    assert (obligation.responsible, obligation.also_reminded) == (VOOGD, ())


def test_guardian_contact_dropped_after_end():
    facts = PlacementFacts(start=D(2024, 1, 10), end=D(2024, 2, 21))
    assert of_kind(facts, GUARDIAN_CONTACT) == []
    assert dues(dataclasses.replace(facts, end=D(2024, 2, 22)), GUARDIAN_CONTACT) == [
        ("", D(2024, 2, 21))
    ]


# --- child_joins_zorgteam -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2015, 6, 1)),
            D(2027, 6, 1),
            id="twelfth-birthday",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2012, 2, 29)),
            D(2024, 2, 29),
            id="born-leap-day-turns-12-in-leap-year",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2016, 2, 29)),
            D(2028, 2, 29),
            id="born-leap-day-12th-birthday-in-leap-year",
        ),
        pytest.param(
            PlacementFacts(start=D(2020, 1, 10), child_birth_date=D(2008, 2, 29)),
            D(2020, 2, 29),
            id="born-leap-day-leap-2020",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2013, 2, 28)),
            D(2025, 2, 28),
            id="born-28-feb",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2004, 2, 29)),
            D(2024, 1, 10),
            id="already-12-at-start-due-at-start",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2012, 1, 10)),
            D(2024, 1, 10),
            id="turns-12-on-start-day",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2010, 1, 1)),
            D(2024, 1, 10),
            id="teenager-at-start",
        ),
    ],
)
def test_child_joins_zorgteam_due(facts, expected):
    (obligation,) = of_kind(facts, CHILD_JOINS_ZORGTEAM)
    assert obligation.due == expected
    assert obligation.basis == expected
    assert (obligation.responsible, obligation.also_reminded) == (PLEEGZORGBEGELEIDER, ())


def test_child_born_29_feb_joins_on_28_feb_in_common_year():
    # A 12th birthday of a 29 February child always falls in a leap year (12 is a multiple of
    # 4), so the clamp shows with a configured age whose birthday year is a common year.
    facts = PlacementFacts(start=D(2024, 1, 10), child_birth_date=D(2016, 2, 29))
    assert dues(facts, CHILD_JOINS_ZORGTEAM, Periods(child_joins_age_years=13)) == [
        ("", D(2029, 2, 28))
    ]


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(PlacementFacts(start=D(2024, 1, 10)), id="birth-date-unknown"),
        pytest.param(
            PlacementFacts(
                start=D(2024, 1, 10), child_birth_date=D(2005, 1, 1), child_is_member=True
            ),
            id="already-member",
        ),
        pytest.param(
            PlacementFacts(start=D(2024, 1, 10), end=D(2026, 1, 1), child_birth_date=D(2015, 1, 1)),
            id="placement-ends-before-12th-birthday",
        ),
    ],
)
def test_child_joins_zorgteam_not_owed(facts):
    assert of_kind(facts, CHILD_JOINS_ZORGTEAM) == []


# --- zorgteam_after_court_order -------------------------------------------------------------

OTS = CourtOrderFact(key="7", kind="ots", date=D(2024, 3, 1), end_date=D(2025, 3, 1))
MUHP = CourtOrderFact(key="8", kind="muhp", date=D(2024, 6, 20), end_date=D(2025, 6, 20))
VOOGDIJ = CourtOrderFact(key="9", kind="voogdij", date=D(2024, 2, 22), end_date=None)


@pytest.mark.parametrize(
    ("orders", "meetings", "expected"),
    [
        pytest.param((OTS,), (), [("7", D(2024, 3, 15))], id="no-meeting"),
        pytest.param((VOOGDIJ,), (), [("9", D(2024, 3, 7))], id="any-kind-leap-feb"),
        pytest.param((OTS,), (D(2024, 2, 28),), [("7", D(2024, 3, 15))], id="meeting-before"),
        pytest.param((OTS,), (D(2024, 3, 1),), [], id="meeting-on-the-day"),
        pytest.param((OTS,), (D(2024, 3, 5),), [], id="meeting-after"),
        pytest.param((OTS,), (D(2024, 4, 30),), [], id="late-meeting-still-closes"),
        pytest.param(
            (OTS, MUHP, VOOGDIJ),
            (),
            [("9", D(2024, 3, 7)), ("7", D(2024, 3, 15)), ("8", D(2024, 7, 4))],
            id="three-orders-sorted-by-due",
        ),
        pytest.param(
            (OTS, MUHP, VOOGDIJ),
            (D(2024, 3, 10),),
            [("8", D(2024, 7, 4))],
            id="one-meeting-closes-the-earlier-orders",
        ),
        pytest.param(
            (OTS, MUHP),
            (D(2024, 1, 1), D(2024, 7, 1)),
            [],
            id="meeting-after-the-latest-closes-all",
        ),
    ],
)
def test_zorgteam_after_court_order(orders, meetings, expected):
    facts = PlacementFacts(start=D(2024, 1, 10), court_orders=orders, meeting_dates=meetings)
    assert dues(facts, ZORGTEAM_AFTER_COURT_ORDER) == expected
    by_key = {order.key: order for order in orders}
    for obligation in of_kind(facts, ZORGTEAM_AFTER_COURT_ORDER):
        assert obligation.basis == by_key[obligation.key].date
        assert (obligation.responsible, obligation.also_reminded) == (PLEEGZORGBEGELEIDER, (VOOGD,))


def test_handover_meetings_do_not_count_as_meeting_dates_for_court_orders():
    # The storage layer passes handover meetings in both tuples; only meeting_dates counts here.
    facts = PlacementFacts(
        start=D(2024, 1, 10), court_orders=(OTS,), handover_meeting_dates=(D(2024, 3, 5),)
    )
    assert dues(facts, ZORGTEAM_AFTER_COURT_ORDER) == [("7", D(2024, 3, 15))]


def test_zorgteam_after_court_order_dropped_after_end():
    facts = PlacementFacts(start=D(2024, 1, 10), end=D(2024, 3, 10), court_orders=(OTS,))
    assert of_kind(facts, ZORGTEAM_AFTER_COURT_ORDER) == []


# --- handover -------------------------------------------------------------------------------

NEW_VOOGD = StaffChangeFact(key="31", role=VOOGD, date=D(2024, 2, 20))
NEW_PZB = StaffChangeFact(key="32", role=PLEEGZORGBEGELEIDER, date=D(2024, 12, 31))


@pytest.mark.parametrize(
    ("changes", "handover_meetings", "meetings", "expected"),
    [
        pytest.param(
            (NEW_VOOGD,),
            (),
            (),
            [("31", D(2024, 3, 5), VOOGD, (PLEEGZORGBEGELEIDER,))],
            id="new-voogd-leap-feb",
        ),
        pytest.param(
            (NEW_PZB,),
            (),
            (),
            [("32", D(2025, 1, 14), PLEEGZORGBEGELEIDER, ())],
            id="new-pzb-over-new-year-not-reminded-twice",
        ),
        pytest.param(
            (NEW_VOOGD,),
            (D(2024, 2, 19),),
            (),
            [("31", D(2024, 3, 5), VOOGD, (PLEEGZORGBEGELEIDER,))],
            id="handover-meeting-before-change",
        ),
        pytest.param((NEW_VOOGD,), (D(2024, 2, 20),), (), [], id="handover-meeting-on-the-day"),
        pytest.param((NEW_VOOGD,), (D(2024, 4, 1),), (), [], id="late-handover-meeting-closes"),
        pytest.param(
            (NEW_VOOGD,),
            (),
            (D(2024, 2, 25),),
            [("31", D(2024, 3, 5), VOOGD, (PLEEGZORGBEGELEIDER,))],
            id="ordinary-meeting-is-not-a-handover",
        ),
        pytest.param(
            (NEW_VOOGD, NEW_PZB),
            (D(2024, 3, 1),),
            (),
            [("32", D(2025, 1, 14), PLEEGZORGBEGELEIDER, ())],
            id="two-changes-first-handed-over",
        ),
    ],
)
def test_handover(changes, handover_meetings, meetings, expected):
    facts = PlacementFacts(
        start=D(2024, 1, 10),
        staff_changes=changes,
        handover_meeting_dates=handover_meetings,
        meeting_dates=meetings,
    )
    found = of_kind(facts, HANDOVER)
    assert [(o.key, o.due, o.responsible, o.also_reminded) for o in found] == expected
    by_key = {change.key: change for change in changes}
    assert all(o.basis == by_key[o.key].date for o in found)


def test_handover_dropped_after_end():
    facts = PlacementFacts(start=D(2024, 1, 10), end=D(2024, 3, 1), staff_changes=(NEW_VOOGD,))
    assert of_kind(facts, HANDOVER) == []


# --- court_order_review ---------------------------------------------------------------------


ORDER_DATE, ORDER_END = D(2024, 3, 1), D(2025, 3, 1)


def order(kind="ots", date_=ORDER_DATE, end=ORDER_END, key="7", review_done=False):
    return CourtOrderFact(key=key, kind=kind, date=date_, end_date=end, review_done=review_done)


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        pytest.param((order(),), [("7", D(2024, 12, 7))], id="ots-84-days-before-end"),
        pytest.param((order(kind="muhp"),), [("7", D(2024, 12, 7))], id="muhp"),
        pytest.param(
            (order(date_=D(2024, 1, 15), end=D(2024, 5, 23)),),
            [("7", D(2024, 2, 29))],
            id="due-on-leap-day",
        ),
        pytest.param((order(kind="voogdij"),), [], id="voogdij-has-no-review"),
        pytest.param((order(kind="other"),), [], id="other-has-no-review"),
        # DOMAIN.md: an OTS or MUHP without an end date ends a year after its date.
        pytest.param(
            (order(end=None),), [("7", D(2024, 12, 7))], id="no-end-date-taken-as-one-year"
        ),
        pytest.param(
            (order(kind="muhp", date_=D(2024, 2, 29), end=None),),
            [("7", D(2024, 12, 6))],
            id="no-end-date-29-feb-plus-a-year-is-28-feb",
        ),
        pytest.param((order(kind="voogdij", end=None),), [], id="voogdij-without-end-none"),
        pytest.param((order(review_done=True),), [], id="review-done"),
        pytest.param(
            (order(date_=D(2024, 3, 1), end=D(2024, 5, 1)),),
            [("7", D(2024, 3, 1))],
            id="order-shorter-than-lead-time-due-at-once",
        ),
        pytest.param(
            (
                order(key="1", end=D(2025, 3, 1)),
                order(key="2", kind="muhp", date_=D(2024, 4, 1), end=D(2024, 10, 1)),
                order(key="3", end=D(2024, 12, 1), review_done=True),
            ),
            [("2", D(2024, 7, 9)), ("1", D(2024, 12, 7))],
            id="multiple-orders",
        ),
    ],
)
def test_court_order_review(orders, expected):
    facts = PlacementFacts(start=D(2024, 1, 10), court_orders=orders)
    assert dues(facts, COURT_ORDER_REVIEW) == expected
    by_key = {o.key: o for o in orders}
    for obligation in of_kind(facts, COURT_ORDER_REVIEW):
        assert obligation.basis == by_key[obligation.key].date
        assert (obligation.responsible, obligation.also_reminded) == (VOOGD, (PLEEGZORGBEGELEIDER,))


def test_court_order_review_dropped_when_placement_ends_first():
    facts = PlacementFacts(start=D(2024, 1, 10), end=D(2024, 12, 7), court_orders=(order(),))
    assert of_kind(facts, COURT_ORDER_REVIEW) == []
    assert dues(dataclasses.replace(facts, end=D(2024, 12, 8)), COURT_ORDER_REVIEW) == [
        ("7", D(2024, 12, 7))
    ]


def test_court_order_review_uses_configured_lead_time():
    facts = PlacementFacts(start=D(2024, 1, 10), court_orders=(order(),))
    assert dues(facts, COURT_ORDER_REVIEW, Periods(court_order_review_weeks=9)) == [
        ("7", D(2024, 12, 28))
    ]


# --- ended placement ------------------------------------------------------------------------


def test_ended_placement_keeps_only_what_fell_due_before_the_end():
    facts = PlacementFacts(
        start=D(2024, 1, 10),
        end=D(2024, 4, 11),
        child_birth_date=D(2010, 1, 1),
        court_orders=(OTS,),
        staff_changes=(NEW_VOOGD,),
    )
    assert [(o.kind, o.due) for o in open_obligations(facts)] == [
        (CHILD_JOINS_ZORGTEAM, D(2024, 1, 10)),
        (GUARDIAN_CONTACT, D(2024, 2, 21)),
        (HANDOVER, D(2024, 3, 5)),
        (ZORGTEAM_AFTER_COURT_ORDER, D(2024, 3, 15)),
        (PERSPECTIVE_STUDY_START, D(2024, 4, 10)),
        (VISIT_EVALUATION, D(2024, 4, 10)),
    ]


def test_placement_ended_on_its_start_owes_nothing():
    facts = PlacementFacts(start=D(2024, 1, 10), end=D(2024, 1, 10), child_birth_date=D(2000, 1, 1))
    assert open_obligations(facts) == []


# --- properties -----------------------------------------------------------------------------

dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))
offsets = st.integers(min_value=0, max_value=800)


@st.composite
def placements(draw):
    start = draw(dates)

    def maybe_after():
        return draw(st.none() | offsets.map(lambda n: start + timedelta(days=n)))

    def after():
        return start + timedelta(days=draw(offsets))

    orders = tuple(
        CourtOrderFact(
            key=str(i),
            kind=draw(st.sampled_from(["ots", "muhp", "voogdij", "other"])),
            date=(order_date := after()),
            end_date=draw(
                st.none()
                | st.integers(min_value=-30, max_value=800).map(
                    lambda n, d=order_date: d + timedelta(days=n)
                )
            ),
            review_done=draw(st.booleans()),
        )
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    )
    changes = tuple(
        StaffChangeFact(
            key=f"s{i}", role=draw(st.sampled_from([VOOGD, PLEEGZORGBEGELEIDER])), date=after()
        )
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    )
    return PlacementFacts(
        start=start,
        end=maybe_after(),
        variant=draw(st.sampled_from([HULPVERLENING, OPVOEDING])),
        child_birth_date=draw(
            st.none() | st.dates(min_value=start - timedelta(days=20 * 366), max_value=start)
        ),
        child_is_member=draw(st.booleans()),
        last_visit_evaluation=maybe_after(),
        perspective_study_started=maybe_after(),
        perspective_decided=maybe_after(),
        perspective_decision_date=draw(
            st.none()
            | st.integers(min_value=-30, max_value=800).map(lambda n: start + timedelta(days=n))
        ),
        last_guardian_contact=maybe_after(),
        court_orders=orders,
        staff_changes=changes,
        meeting_dates=tuple(draw(st.lists(st.builds(after), max_size=3))),
        handover_meeting_dates=tuple(draw(st.lists(st.builds(after), max_size=3))),
    )


@given(facts=placements())
def test_open_obligations_sorted_and_never_due_before_basis(facts):
    found = open_obligations(facts)
    assert found == sorted(found, key=lambda o: (o.due, o.kind, o.key))
    assert all(o.due >= o.basis for o in found)
    assert all(o.kind in KINDS for o in found)
    assert all(o.responsible not in o.also_reminded for o in found)
    if facts.end is not None:
        assert all(o.due < facts.end for o in found)


@given(facts=placements(), event=st.integers(min_value=0, max_value=2000))
def test_recorded_rolling_event_moves_its_obligation_past_the_event(facts, event):
    when = facts.start + timedelta(days=event)
    for kind, field in [
        (VISIT_EVALUATION, "last_visit_evaluation"),
        (GUARDIAN_CONTACT, "last_guardian_contact"),
    ]:
        after = dataclasses.replace(facts, **{field: when})
        assert all(o.due > when for o in of_kind(after, kind))
        assert all(o.basis == when for o in of_kind(after, kind))


@given(facts=placements(), event=st.integers(min_value=0, max_value=2000))
def test_recorded_perspective_event_closes_its_obligation(facts, event):
    when = facts.start + timedelta(days=event)
    started = dataclasses.replace(facts, perspective_study_started=when)
    assert of_kind(started, PERSPECTIVE_STUDY_START) == []
    decided = dataclasses.replace(facts, perspective_decided=when)
    assert of_kind(decided, PERSPECTIVE_STUDY_START) == []
    assert of_kind(decided, PERSPECTIVE_DECISION) == []


@given(facts=placements(), event=st.integers(min_value=0, max_value=2000))
def test_meeting_closes_every_order_and_change_before_it(facts, event):
    when = facts.start + timedelta(days=event)
    met = dataclasses.replace(
        facts,
        meeting_dates=(*facts.meeting_dates, when),
        handover_meeting_dates=(*facts.handover_meeting_dates, when),
    )
    orders = {o.key: o for o in facts.court_orders}
    changes = {c.key: c for c in facts.staff_changes}
    for obligation in of_kind(met, ZORGTEAM_AFTER_COURT_ORDER):
        assert orders[obligation.key].date > when
        assert obligation.due > when
    for obligation in of_kind(met, HANDOVER):
        assert changes[obligation.key].date > when
        assert obligation.due > when


@given(facts=placements())
def test_child_member_or_review_done_closes_it(facts):
    member = dataclasses.replace(facts, child_is_member=True)
    assert of_kind(member, CHILD_JOINS_ZORGTEAM) == []
    reviewed = dataclasses.replace(
        facts,
        court_orders=tuple(dataclasses.replace(o, review_done=True) for o in facts.court_orders),
    )
    assert of_kind(reviewed, COURT_ORDER_REVIEW) == []
