"""What closes each deadline: the rules' closing predicates, as a table (pure, no database)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from evaluations import closing, rules
from evaluations.rules import DeadlineFact, EventFact

BASIS = date(2026, 9, 1)
BEFORE, ON, AFTER = date(2026, 8, 31), BASIS, date(2026, 9, 2)


OPENED = datetime(2026, 9, 1, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # the request


def closes(kind, event, key=""):
    rule = rules.RULES_BY_KIND[kind]
    deadline = DeadlineFact(kind, key, BASIS, opened_at=OPENED)
    return any(
        event.type == closing.event and closing.when(event, deadline)
        for closing in (rule.closed_by, *rule.also_closed_by)
    )


def ev(event_type, day=AFTER, **fields):
    return EventFact(event_type, day, **fields)


VISIT, CONTACT = rules.EVENT_VISIT_EVALUATION, rules.EVENT_GUARDIAN_CONTACT
MEETING, REVIEW = rules.EVENT_ZORGTEAM_MEETING, rules.EVENT_COURT_ORDER_REVIEW
MEMBER = rules.EVENT_TEAM_MEMBERSHIP
ASKED, EXPLAINED = rules.EVENT_MEETING_REQUEST, rules.EVENT_EXPLANATION_REQUEST
MORNING, EVENING = OPENED.replace(hour=9), OPENED.replace(hour=17)

# fmt: off
TABLE = [
    # kind, event, key, closes?
    (rules.VISIT_EVALUATION, ev(VISIT), "", True),
    (rules.VISIT_EVALUATION, ev(VISIT, ON, new=True), "", True),  # recorded on the basis day
    (rules.VISIT_EVALUATION, ev(VISIT, ON), "", False),  # the one it was counted from
    (rules.VISIT_EVALUATION, ev(VISIT, BEFORE, new=True), "", False),  # an older one, late
    (rules.VISIT_EVALUATION, ev(CONTACT), "", False),
    (rules.GUARDIAN_CONTACT, ev(CONTACT), "", True),
    (rules.GUARDIAN_CONTACT, ev(CONTACT, ON), "", False),
    (rules.GUARDIAN_CONTACT, ev(VISIT), "", False),
    (rules.PERSPECTIVE_STUDY_START, ev(rules.EVENT_PERSPECTIVE_STUDY_START, BEFORE), "", True),
    (rules.PERSPECTIVE_DECISION, ev(rules.EVENT_PERSPECTIVE_DECISION, BEFORE), "", True),
    (rules.PERSPECTIVE_DECISION, ev(rules.EVENT_PERSPECTIVE_STUDY_START), "", False),
    (rules.ZORGTEAM_AFTER_COURT_ORDER, ev(MEETING, ON, kind="evaluation"), "7", True),
    (rules.ZORGTEAM_AFTER_COURT_ORDER, ev(MEETING, BEFORE, kind="evaluation"), "7", False),
    (rules.HANDOVER, ev(MEETING, ON, kind=rules.HANDOVER_MEETING), "12", True),
    (rules.HANDOVER, ev(MEETING, AFTER, kind="evaluation"), "12", False),
    (rules.HANDOVER, ev(MEETING, BEFORE, kind=rules.HANDOVER_MEETING), "12", False),
    (rules.COURT_ORDER_REVIEW, ev(REVIEW, AFTER, key="7"), "7", True),
    (rules.COURT_ORDER_REVIEW, ev(REVIEW, AFTER, key="8"), "7", False),  # another order
    (rules.COURT_ORDER_REVIEW, ev(REVIEW, None, key="7", done=False), "7", False),  # no decision
    (rules.CHILD_JOINS_ZORGTEAM, ev(MEMBER, AFTER, kind=rules.PLEEGKIND), "", True),
    (rules.CHILD_JOINS_ZORGTEAM, ev(MEMBER, AFTER, kind="pleegouder"), "", False),
    (rules.START_MEETING, ev(MEETING, AFTER, kind=rules.START_MEETING_KIND), "", True),
    (rules.START_MEETING, ev(MEETING, AFTER, kind="evaluation"), "", False),
    (rules.REQUESTED_MEETING, ev(MEETING, AFTER, kind="evaluation"), "4", True),
    (rules.REQUESTED_MEETING, ev(MEETING, ON, kind="on_request", at=EVENING), "4", True),
    (rules.REQUESTED_MEETING, ev(MEETING, ON, kind="start", at=MORNING), "4", False),  # before
    (rules.REQUESTED_MEETING, ev(MEETING, BEFORE, kind="on_request"), "4", False),
    (rules.REQUESTED_MEETING, ev(ASKED, AFTER, key="4"), "4", True),  # declined with a reason
    (rules.REQUESTED_MEETING, ev(ASKED, AFTER, key="5"), "4", False),  # another request
    (rules.REQUESTED_MEETING, ev(ASKED, None, key="4", done=False), "4", False),  # still open
    (rules.DECISION_EXPLANATION, ev(EXPLAINED, AFTER, key="9"), "9", True),  # answered
    (rules.DECISION_EXPLANATION, ev(EXPLAINED, None, key="9", done=False), "9", False),
    (rules.DECISION_EXPLANATION, ev(MEETING, AFTER, kind="evaluation"), "9", False),
]
# fmt: on


@pytest.mark.parametrize(("kind", "event", "key", "expected"), TABLE)
def test_what_closes_each_deadline(kind, event, key, expected):
    assert closes(kind, event, key) is expected


def test_every_kind_says_what_closes_it_and_where_it_is_recorded():
    forms = {
        rules.FORM_VISIT_EVALUATION,
        rules.FORM_PERSPECTIVE_STUDY_START,
        rules.FORM_PERSPECTIVE_DECISION,
        rules.FORM_GUARDIAN_CONTACT,
        rules.FORM_ZORGTEAM_MEETING,
        rules.FORM_COURT_ORDER_REVIEW,
        rules.FORM_ZORGTEAM_MEMBER,
        rules.FORM_EXPLANATION,  # the decision's page (the collaboration app registers it)
    }
    for rule in rules.RULES:
        assert rule.closed_by.form in forms, rule.kind
        # Read from a model: evaluations' own, or one an app above registered.
        for way in (rule.closed_by, *rule.also_closed_by):
            assert way.event in closing.SOURCES, rule.kind
    assert {rule.kind for rule in rules.RULES} == set(rules.KINDS)
