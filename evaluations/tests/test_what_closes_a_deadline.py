"""What closes each deadline: the rules' closing predicates, as a table (pure, no database)."""

from datetime import date

import pytest

from evaluations import closing, rules
from evaluations.rules import DeadlineFact, EventFact

BASIS = date(2026, 9, 1)
BEFORE, ON, AFTER = date(2026, 8, 31), BASIS, date(2026, 9, 2)


def closes(kind, event, key=""):
    closing = rules.RULES_BY_KIND[kind].closed_by
    return event.type == closing.event and closing.when(event, DeadlineFact(kind, key, BASIS))


def ev(event_type, day=AFTER, **fields):
    return EventFact(event_type, day, **fields)


VISIT, CONTACT = rules.EVENT_VISIT_EVALUATION, rules.EVENT_GUARDIAN_CONTACT
MEETING, REVIEW = rules.EVENT_ZORGTEAM_MEETING, rules.EVENT_COURT_ORDER_REVIEW
MEMBER = rules.EVENT_TEAM_MEMBERSHIP

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
    }
    for rule in rules.RULES:
        assert rule.closed_by.form in forms, rule.kind
        assert rule.closed_by.event in closing.SOURCES, rule.kind  # read from a model
    assert {rule.kind for rule in rules.RULES} == set(rules.KINDS)
