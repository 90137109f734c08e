"""Table-driven tests for the rules of a placement's life (DOMAIN.md "Further rules"): the
start meeting, meetings a member asks for, the explanation of a decision, the end-date rule
and an OTS or MUHP without an end date. Pure: no database, no settings, no clock."""

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations.rules import (
    COURT_ORDER_REVIEW,
    DECISION_EXPLANATION,
    GUARDIAN_CONTACT,
    PERSPECTIVE_DECISION,
    PERSPECTIVE_STUDY_START,
    PLEEGZORGBEGELEIDER,
    REQUESTED_MEETING,
    START_MEETING,
    VISIT_EVALUATION,
    VOOGD,
    ZORGTEAM_AFTER_COURT_ORDER,
    CourtOrderFact,
    Periods,
    PlacementFacts,
    RequestFact,
    meeting_answers,
    open_obligations,
)

D = date
START = D(2026, 3, 2)
DEFAULT_PERIODS = Periods()


def of_kind(facts, kind, periods=DEFAULT_PERIODS):
    return [o for o in open_obligations(facts, periods) if o.kind == kind]


def dues(facts, kind, periods=DEFAULT_PERIODS):
    return [(o.key, o.due) for o in of_kind(facts, kind, periods)]


# --- start_meeting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START),
            [("", D(2026, 3, 16))],
            id="intake-on-the-start-day-due-2-weeks-later",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START - timedelta(days=10)),
            [("", D(2026, 3, 16))],
            id="registered-before-the-start",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START + timedelta(days=28)),
            [("", D(2026, 3, 16))],
            id="registered-4-weeks-late-still-around-the-start-overdue",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START + timedelta(days=29)),
            [],
            id="registered-later-is-a-running-placement-none",
        ),
        pytest.param(PlacementFacts(start=START), [], id="import-or-admin-none"),
        pytest.param(
            PlacementFacts(
                start=START, registered_in_app_on=START, start_meeting_dates=(D(2026, 3, 20),)
            ),
            [],
            id="start-meeting-recorded-late-closes-it",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START, meeting_dates=(START,)),
            [("", D(2026, 3, 16))],
            id="another-kind-of-meeting-does-not-count",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START, end=D(2026, 3, 16)),
            [],
            id="placement-ends-on-the-due-date-none",
        ),
        pytest.param(
            PlacementFacts(start=START, registered_in_app_on=START, end=D(2026, 3, 17)),
            [("", D(2026, 3, 16))],
            id="placement-ends-the-day-after",
        ),
    ],
)
def test_start_meeting(facts, expected):
    assert dues(facts, START_MEETING) == expected
    for obligation in of_kind(facts, START_MEETING):
        assert obligation.basis == facts.start
        assert (obligation.responsible, obligation.also_reminded) == (PLEEGZORGBEGELEIDER, (VOOGD,))


def test_start_meeting_periods_are_settings():
    facts = PlacementFacts(start=START, registered_in_app_on=START + timedelta(days=10))
    assert dues(facts, START_MEETING, Periods(start_meeting_days=7)) == [("", D(2026, 3, 9))]
    assert dues(facts, START_MEETING, Periods(start_meeting_registration_window_days=7)) == []


# --- requested_meeting ----------------------------------------------------------------------

ASKED = D(2026, 5, 11)


def meeting_request(key="4", day=ASKED, settled=False):
    return RequestFact(kind=REQUESTED_MEETING, key=key, date=day, settled=settled)


@pytest.mark.parametrize(
    ("requests", "meetings", "expected"),
    [
        pytest.param((meeting_request(),), (), [("4", D(2026, 5, 25))], id="due-2-weeks-later"),
        pytest.param((meeting_request(),), (ASKED,), [], id="meeting-on-the-day-answers-it"),
        pytest.param((meeting_request(),), (D(2026, 6, 30),), [], id="late-meeting-still-closes"),
        pytest.param(
            (meeting_request(),),
            (D(2026, 5, 10),),
            [("4", D(2026, 5, 25))],
            id="meeting-the-day-before-does-not",
        ),
        pytest.param((meeting_request(settled=True),), (), [], id="declined-with-a-reason"),
        pytest.param(
            (meeting_request("4"), meeting_request("9", D(2026, 6, 1))),
            (D(2026, 5, 20),),
            [("9", D(2026, 6, 15))],
            id="a-meeting-answers-the-requests-before-it-only",
        ),
        pytest.param(
            (RequestFact(kind=DECISION_EXPLANATION, key="4", date=ASKED),),
            (),
            [],
            id="other-kinds-of-request-are-not-meetings",
        ),
    ],
)
def test_requested_meeting(requests, meetings, expected):
    facts = PlacementFacts(
        start=START, requests=requests, meeting_moments=tuple((day, None) for day in meetings)
    )
    assert dues(facts, REQUESTED_MEETING) == expected


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ASKED_AT = datetime(2026, 5, 11, 15, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("recorded_at", "answered"),
    [
        pytest.param(datetime(2026, 5, 11, 10, 0, tzinfo=AMSTERDAM), False, id="morning-before"),
        pytest.param(ASKED_AT, True, id="the-same-moment"),
        pytest.param(datetime(2026, 5, 11, 17, 0, tzinfo=AMSTERDAM), True, id="afternoon-after"),
        pytest.param(None, True, id="moment-unknown-the-day-counts"),
    ],
)
def test_a_meeting_the_same_day_answers_only_when_recorded_after_the_question(
    recorded_at, answered
):
    request = RequestFact(kind=REQUESTED_MEETING, key="4", date=ASKED, asked_at=ASKED_AT)
    facts = PlacementFacts(
        start=START, requests=(request,), meeting_moments=((ASKED, recorded_at),)
    )
    assert (dues(facts, REQUESTED_MEETING) == []) is answered
    assert meeting_answers(ASKED, recorded_at, request) is answered
    # Another day is decided by the day alone.
    assert meeting_answers(
        ASKED + timedelta(days=1), datetime(2000, 1, 1, tzinfo=AMSTERDAM), request
    )
    assert not meeting_answers(ASKED - timedelta(days=1), None, request)


@pytest.mark.parametrize(
    ("has_pleegzorgbegeleider", "responsible"),
    [(True, PLEEGZORGBEGELEIDER), (False, VOOGD)],
    ids=["the-pleegzorgbegeleider", "the-voogd-while-there-is-none"],
)
def test_requested_meeting_is_for_the_regie(has_pleegzorgbegeleider, responsible):
    facts = PlacementFacts(
        start=START, requests=(meeting_request(),), has_pleegzorgbegeleider=has_pleegzorgbegeleider
    )
    [obligation] = of_kind(facts, REQUESTED_MEETING)
    assert (obligation.responsible, obligation.also_reminded, obligation.basis) == (
        responsible,
        (),
        ASKED,
    )


# --- decision_explanation -------------------------------------------------------------------


def question(key="12", day=ASKED, settled=False, role=VOOGD):
    return RequestFact(kind=DECISION_EXPLANATION, key=key, date=day, settled=settled, role=role)


@pytest.mark.parametrize(
    ("requests", "expected"),
    [
        pytest.param((question(),), [("12", D(2026, 5, 25), VOOGD)], id="due-2-weeks-decider"),
        pytest.param((question(settled=True),), [], id="answered"),
        pytest.param(
            (question(role=PLEEGZORGBEGELEIDER),),
            [("12", D(2026, 5, 25), PLEEGZORGBEGELEIDER)],
            id="decided-by-the-pleegzorgbegeleider",
        ),
        pytest.param(
            (question(role=""),),
            [("12", D(2026, 5, 25), PLEEGZORGBEGELEIDER)],
            id="unknown-decider-falls-to-the-regie",
        ),
        pytest.param(
            (question("12"), question("13", D(2026, 5, 12), role=PLEEGZORGBEGELEIDER)),
            [("12", D(2026, 5, 25), VOOGD), ("13", D(2026, 5, 26), PLEEGZORGBEGELEIDER)],
            id="each-question-its-own",
        ),
    ],
)
def test_decision_explanation(requests, expected):
    facts = PlacementFacts(start=START, requests=requests, meeting_dates=(D(2026, 5, 20),))
    found = of_kind(facts, DECISION_EXPLANATION)
    assert [(o.key, o.due, o.responsible) for o in found] == expected
    for obligation in found:
        # The pleegzorgbegeleider hears of it too, unless she is the decider.
        expected_also = (
            () if obligation.responsible == PLEEGZORGBEGELEIDER else (PLEEGZORGBEGELEIDER,)
        )
        assert obligation.also_reminded == expected_also


# --- the end-date rule ----------------------------------------------------------------------

RUNNING = PlacementFacts(
    start=D(2026, 1, 5),
    registered_in_app_on=D(2026, 1, 5),
    court_orders=(CourtOrderFact(key="3", kind="ots", date=D(2026, 1, 5), end_date=None),),
    requests=(meeting_request(day=D(2026, 2, 2)),),
)


def kinds(facts):
    return sorted({o.kind for o in open_obligations(facts)})


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(
            None,
            [
                COURT_ORDER_REVIEW,
                GUARDIAN_CONTACT,
                PERSPECTIVE_DECISION,
                PERSPECTIVE_STUDY_START,
                REQUESTED_MEETING,
                START_MEETING,
                VISIT_EVALUATION,
                ZORGTEAM_AFTER_COURT_ORDER,
            ],
            id="no-end-everything",
        ),
        pytest.param(
            D(2026, 2, 17),
            [GUARDIAN_CONTACT, REQUESTED_MEETING, START_MEETING, ZORGTEAM_AFTER_COURT_ORDER],
            id="planned-end-drops-what-falls-due-after-it",
        ),
        pytest.param(
            D(2026, 2, 16),
            [START_MEETING, ZORGTEAM_AFTER_COURT_ORDER],
            id="and-what-falls-due-on-it",
        ),
        pytest.param(
            D(2026, 1, 19),
            [],
            id="end-on-the-first-due-date-drops-it-too",
        ),
        pytest.param(
            D(2026, 1, 20),
            [START_MEETING, ZORGTEAM_AFTER_COURT_ORDER],
            id="end-the-day-after-keeps-it",
        ),
    ],
)
def test_end_date_rule(end, expected):
    assert kinds(dataclasses.replace(RUNNING, end=end)) == expected


def test_obligations_come_back_when_the_end_date_moves_or_is_cleared():
    full = open_obligations(RUNNING)
    ended = dataclasses.replace(RUNNING, end=D(2026, 2, 1))
    moved = dataclasses.replace(RUNNING, end=D(2027, 1, 1))
    assert len(open_obligations(ended)) < len(open_obligations(moved)) <= len(full)
    # Moved later: everything due before the new end is back, with the same due dates.
    assert open_obligations(moved) == [o for o in full if o.due < D(2027, 1, 1)]
    # Cleared: exactly what a placement without an end owes.
    assert open_obligations(dataclasses.replace(ended, end=None)) == full


@given(
    facts_end=st.integers(min_value=0, max_value=800),
    later=st.integers(min_value=1, max_value=400),
)
def test_moving_the_end_later_never_loses_an_obligation(facts_end, later):
    end = RUNNING.start + timedelta(days=facts_end)
    early = {
        (o.kind, o.key, o.due) for o in open_obligations(dataclasses.replace(RUNNING, end=end))
    }
    late = {
        (o.kind, o.key, o.due)
        for o in open_obligations(dataclasses.replace(RUNNING, end=end + timedelta(days=later)))
    }
    assert early <= late
    assert all(due < end for _k, _key, due in early)


# --- OTS and MUHP without an end date -------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        pytest.param(
            CourtOrderFact(key="1", kind="ots", date=D(2026, 1, 31), end_date=None),
            [("1", D(2026, 11, 8))],
            id="ots-one-year-minus-12-weeks",
        ),
        pytest.param(
            CourtOrderFact(key="1", kind="muhp", date=D(2024, 2, 29), end_date=None),
            [("1", D(2024, 12, 6))],
            id="muhp-29-feb-ends-28-feb",
        ),
        pytest.param(
            CourtOrderFact(key="1", kind="ots", date=D(2026, 1, 31), end_date=D(2026, 7, 31)),
            [("1", D(2026, 5, 8))],
            id="a-recorded-end-date-wins",
        ),
        pytest.param(
            CourtOrderFact(key="1", kind="voogdij", date=D(2026, 1, 31), end_date=None),
            [],
            id="voogdij-has-no-review",
        ),
        pytest.param(
            CourtOrderFact(
                key="1", kind="ots", date=D(2026, 1, 31), end_date=None, review_done=True
            ),
            [],
            id="review-done",
        ),
    ],
)
def test_ots_or_muhp_without_end_date(order, expected):
    facts = PlacementFacts(start=D(2024, 1, 1), court_orders=(order,))
    assert dues(facts, COURT_ORDER_REVIEW) == expected


@pytest.mark.parametrize(
    ("order_date", "after_order", "review"),
    [
        pytest.param(
            D(2025, 12, 1), (START, D(2026, 3, 16)), (START, D(2026, 9, 8)), id="before-start"
        ),
        pytest.param(
            D(2026, 3, 9),
            (D(2026, 3, 9), D(2026, 3, 23)),
            (D(2026, 3, 9), D(2026, 12, 15)),
            id="after-start-unchanged",
        ),
    ],
)
def test_an_order_from_before_the_start_runs_from_the_start(order_date, after_order, review):
    # The MUHP a child is placed under predates the placement; no one can meet about a
    # placement before it starts, so the obligations count from the start.
    order = CourtOrderFact(key="5", kind="muhp", date=order_date, end_date=None)
    facts = PlacementFacts(start=START, court_orders=(order,))
    [meet] = of_kind(facts, ZORGTEAM_AFTER_COURT_ORDER)
    [decide] = of_kind(facts, COURT_ORDER_REVIEW)
    assert (meet.basis, meet.due) == after_order
    assert (decide.basis, decide.due) == review
    # A meeting on the first day discussed an order from before the start, not a later one.
    met = dataclasses.replace(facts, meeting_dates=(START,))
    assert bool(of_kind(met, ZORGTEAM_AFTER_COURT_ORDER)) == (order_date > START)


# --- Properties over random placements with requests ----------------------------------------

offsets = st.integers(min_value=0, max_value=600)


@st.composite
def lives(draw):
    start = draw(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)))

    def after():
        return start + timedelta(days=draw(offsets))

    requests = tuple(
        RequestFact(
            kind=draw(st.sampled_from([REQUESTED_MEETING, DECISION_EXPLANATION])),
            key=str(i),
            date=after(),
            settled=draw(st.booleans()),
            role=draw(st.sampled_from([VOOGD, PLEEGZORGBEGELEIDER, ""])),
        )
        for i in range(draw(st.integers(min_value=0, max_value=4)))
    )
    meetings = tuple(sorted((after(), None) for _ in range(draw(st.integers(0, 3)))))
    return PlacementFacts(
        start=start,
        end=draw(st.none() | st.builds(after)),
        registered_in_app_on=draw(st.none() | st.builds(after)),
        start_meeting_dates=tuple(draw(st.lists(st.builds(after), max_size=2))),
        has_pleegzorgbegeleider=draw(st.booleans()),
        requests=requests,
        meeting_moments=meetings,
        meeting_dates=tuple(day for day, _at in meetings),
    )


@given(facts=lives())
def test_the_new_rules_keep_the_engine_invariants(facts):
    found = open_obligations(facts)
    assert found == sorted(found, key=lambda o: (o.due, o.kind, o.key))
    assert all(o.due >= o.basis for o in found)
    assert all(o.responsible in (PLEEGZORGBEGELEIDER, VOOGD) for o in found)
    assert all(o.responsible not in o.also_reminded for o in found)
    if facts.end is not None:
        assert all(o.due < facts.end for o in found)
    open_requests = {
        (o.kind, o.key) for o in found if o.kind in (REQUESTED_MEETING, DECISION_EXPLANATION)
    }
    for request in facts.requests:
        if request.settled:
            assert (request.kind, request.key) not in open_requests
    if facts.start_meeting_dates or facts.registered_in_app_on is None:
        assert of_kind(facts, START_MEETING) == []
