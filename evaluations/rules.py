"""The deadline engine: which dated obligations a placement has open, when they fall due,
and what closes each.

Pure functions over plain values (STYLE.md "Deadline rules"): no ORM, no clock (the labels
are lazy translations, nothing more of Django). The callers pass in the last *recorded*
events; the storage layer stores the due dates. Every period and rule comes from DOMAIN.md,
section "Dated obligations" and "Further rules".

Each rule is one row of RULES: its kind and label, who is responsible, when it is due (one
pure function), and what closes it (an event type, a pure predicate, and the form that
records that event). The README's contributor section lists what adding a kind takes.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

HULPVERLENING = "hulpverlening"
OPVOEDING = "opvoeding"

PLEEGZORGBEGELEIDER = "pleegzorgbegeleider"
VOOGD = "voogd"
# Not a role: marks a rule whose responsible person is whoever just started (the handover).
NEW_PROFESSIONAL = "new_professional"

VISIT_EVALUATION = "visit_evaluation"
PERSPECTIVE_STUDY_START = "perspective_study_start"
PERSPECTIVE_DECISION = "perspective_decision"
GUARDIAN_CONTACT = "guardian_contact"
CHILD_JOINS_ZORGTEAM = "child_joins_zorgteam"
ZORGTEAM_AFTER_COURT_ORDER = "zorgteam_after_court_order"
HANDOVER = "handover"
COURT_ORDER_REVIEW = "court_order_review"
KINDS: tuple[str, ...] = (
    VISIT_EVALUATION,
    PERSPECTIVE_STUDY_START,
    PERSPECTIVE_DECISION,
    GUARDIAN_CONTACT,
    CHILD_JOINS_ZORGTEAM,
    ZORGTEAM_AFTER_COURT_ORDER,
    HANDOVER,
    COURT_ORDER_REVIEW,
)

# What is recorded, as the closing predicates see it (EventFact.type). The storage layer
# (evaluations.closing) reads each from its model.
EVENT_VISIT_EVALUATION = "visit_evaluation"
EVENT_PERSPECTIVE_STUDY_START = "perspective_study_start"
EVENT_PERSPECTIVE_DECISION = "perspective_decision"
EVENT_GUARDIAN_CONTACT = "guardian_contact"
EVENT_ZORGTEAM_MEETING = "zorgteam_meeting"
EVENT_COURT_ORDER_REVIEW = "court_order_review"  # the decision on extending a court order
EVENT_TEAM_MEMBERSHIP = "team_membership"  # someone joins the zorgteam, in a role

# The kinds of zorgteam meeting a deadline link preselects (a warm handover closes HANDOVER),
# and the role in which the child joins the zorgteam.
HANDOVER_MEETING = "handover"
AFTER_COURT_ORDER_MEETING = "after_court_order"
PLEEGKIND = "pleegkind"

# Where each closing event is recorded: the slug of its form (evaluations:record/<slug>/),
# or the zorgteam's form to add a member.
FORM_VISIT_EVALUATION = "visit-evaluation"
FORM_PERSPECTIVE_STUDY_START = "perspective-study-start"
FORM_PERSPECTIVE_DECISION = "perspective-decision"
FORM_GUARDIAN_CONTACT = "guardian-contact"
FORM_ZORGTEAM_MEETING = "zorgteam-meeting"
FORM_COURT_ORDER_REVIEW = "court-order-review"
FORM_ZORGTEAM_MEMBER = "zorgteam-member"

# An OTS (ondertoezichtstelling) or MUHP (machtiging uithuisplaatsing) lasts at most a year
# and must be extended or allowed to lapse; other orders have no review clock (DOMAIN.md).
REVIEWABLE_ORDER_KINDS = ("ots", "muhp")


def add_months(d: date, months: int) -> date:
    """Calendar months: keep the day, clamp to the month's end (DOMAIN.md "Dated obligations")."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last_day))


@dataclass(frozen=True)
class Periods:
    visit_evaluation_hulpverlening_months: int = 3
    visit_evaluation_opvoeding_months: int = 6
    perspective_study_months: int = 3
    perspective_decision_months: int = 9
    guardian_contact_days: int = 42
    child_joins_age_years: int = 12
    zorgteam_after_court_order_days: int = 14
    handover_days: int = 14
    court_order_review_weeks: int = 12

    def __post_init__(self):
        # Built from settings: a wrong value must fail at start, not as silently wrong dates.
        # A rolling interval of 0 would schedule the next one on the day of the last, so it
        # never advances; lead times ("at once" after a beschikking) may be 0.
        may_be_zero = {
            "zorgteam_after_court_order_days",
            "handover_days",
            "court_order_review_weeks",
        }
        for f in fields(self):
            value = getattr(self, f.name)
            minimum = 0 if f.name in may_be_zero else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise ValueError(f"Periods.{f.name} must be an integer >= {minimum}, got {value!r}")


@dataclass(frozen=True)
class CourtOrderFact:
    key: str
    kind: str  # "ots" | "muhp" | "voogdij" | "other"
    date: date
    end_date: date | None
    review_done: bool = False


@dataclass(frozen=True)
class StaffChangeFact:
    key: str
    role: str  # VOOGD or PLEEGZORGBEGELEIDER: the role of the professional who started
    date: date


@dataclass(frozen=True)
class PlacementFacts:
    start: date
    end: date | None = None
    variant: str = HULPVERLENING
    child_birth_date: date | None = None
    child_is_member: bool = False
    last_visit_evaluation: date | None = None
    perspective_study_started: date | None = None
    perspective_decided: date | None = None
    perspective_decision_date: date | None = None
    last_guardian_contact: date | None = None
    court_orders: tuple[CourtOrderFact, ...] = ()
    staff_changes: tuple[StaffChangeFact, ...] = ()
    meeting_dates: tuple[date, ...] = ()
    handover_meeting_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Obligation:
    kind: str
    key: str
    due: date
    responsible: str
    also_reminded: tuple[str, ...]
    basis: date


Due = list[tuple[str, date, date]]  # [(key, due, basis)]


@dataclass(frozen=True)
class EventFact:
    """A recorded event as a closing predicate sees it."""

    type: str  # EVENT_*
    date: date | None  # the day it happened (a decision's date, a member's first day)
    kind: str = ""  # the kind of meeting; the role of a member
    key: str = ""  # the court order it is about
    done: bool = True  # False: a court order without a decision on extending yet
    new: bool = False  # being recorded now, not read back from the history


@dataclass(frozen=True)
class DeadlineFact:
    """An open deadline as a closing predicate sees it."""

    kind: str
    key: str
    basis: date


@dataclass(frozen=True)
class Closing:
    """What closes an obligation: a recorded event of one type for which `when` holds.

    When several recorded ones qualify, the first one closed it, or the last one with
    `last` (a rolling obligation counts from the last one recorded). `form` is where that
    event is recorded; `preset` a (field, value) the form preselects.
    """

    event: str
    when: Callable[[EventFact, DeadlineFact], bool]
    form: str
    preset: tuple[str, str] | None = None
    last: bool = False


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    responsible: str
    also_reminded: tuple[str, ...]
    description: str
    compute: Callable[[PlacementFacts, Periods], Due]
    closed_by: Closing


def _visit_evaluation(f: PlacementFacts, p: Periods) -> Due:
    # "Since the last X" = the last one recorded, not the previous due date, so a late
    # evaluation moves the clock. The interval is the CURRENT variant's: a variant switch
    # reschedules from the last evaluation or start (DOMAIN.md "Further rules").
    basis = f.last_visit_evaluation or f.start
    months = (
        p.visit_evaluation_opvoeding_months
        if f.variant == OPVOEDING
        else p.visit_evaluation_hulpverlening_months
    )
    return [("", add_months(basis, months), basis)]


def _perspective_open(f: PlacementFacts) -> bool:
    # The perspective rules apply only in the hulpverleningsvariant with no decision recorded;
    # an opvoedingsvariant placement has a decided perspective (DOMAIN.md "Further rules").
    return f.variant == HULPVERLENING and f.perspective_decided is None


def _perspective_study_start(f: PlacementFacts, p: Periods) -> Due:
    if not _perspective_open(f) or f.perspective_study_started is not None:
        return []
    return [("", add_months(f.start, p.perspective_study_months), f.start)]


def _perspective_decision(f: PlacementFacts, p: Periods) -> Due:
    if not _perspective_open(f):
        return []
    # Richtlijn Pleegzorg 2025: a date the zorgteam set for this placement overrides the
    # 9-month default. A set date before the start cannot be met earlier than the start, so
    # it is clamped there (the form should refuse it; here it just becomes due at once).
    if f.perspective_decision_date is not None:
        return [("", max(f.perspective_decision_date, f.start), f.start)]
    return [("", add_months(f.start, p.perspective_decision_months), f.start)]


def _guardian_contact(f: PlacementFacts, p: Periods) -> Due:
    # Rolling: six weeks after the last recorded contact. The escalation to the
    # pleegzorgbegeleider when overdue is the reminders layer's job, not a second obligation.
    basis = f.last_guardian_contact or f.start
    return [("", basis + timedelta(days=p.guardian_contact_days), basis)]


def _child_joins_zorgteam(f: PlacementFacts, p: Periods) -> Due:
    if f.child_birth_date is None or f.child_is_member:
        return []
    # Via add_months so a child born on 29 February turns 12 on 28 February.
    birthday = add_months(f.child_birth_date, 12 * p.child_joins_age_years)
    # A child already 12 at placement is due at once: on the start date.
    basis = max(birthday, f.start)
    return [("", basis, basis)]


def _zorgteam_after_court_order(f: PlacementFacts, p: Periods) -> Due:
    # Any zorgteam meeting on or after the beschikking counts as "sitting down again";
    # a meeting held before the order cannot have discussed it.
    return [
        (order.key, order.date + timedelta(days=p.zorgteam_after_court_order_days), order.date)
        for order in f.court_orders
        if not any(meeting >= order.date for meeting in f.meeting_dates)
    ]


def _handover(f: PlacementFacts, p: Periods) -> Due:
    return [
        (change.key, change.date + timedelta(days=p.handover_days), change.date)
        for change in f.staff_changes
        if not any(meeting >= change.date for meeting in f.handover_meeting_dates)
    ]


def _court_order_review(f: PlacementFacts, p: Periods) -> Due:
    # Due a practice lead time before the order ends (the law's minimum is 2 months, BW 1:265k).
    # Interpretation: the basis is the beschikking, the event that creates the obligation, so
    # an order shorter than the lead time is due at once on its own date, never before it.
    # The "why" text can say "12 weeks before the end" from the order itself (key = order pk).
    lead = timedelta(weeks=p.court_order_review_weeks)
    return [
        (order.key, max(order.end_date - lead, order.date), order.date)
        for order in f.court_orders
        if order.kind in REVIEWABLE_ORDER_KINDS
        and order.end_date is not None
        and not order.review_done
    ]


# --- What closes an obligation (pure predicates) ---------------------------------------------


def _the_next_one(e: EventFact, d: DeadlineFact) -> bool:
    # Rolling: the next one recorded after the basis. On the basis day only one being
    # recorded now counts: one already there on that day is the one it was counted from.
    return e.date > d.basis or (e.new and e.date == d.basis)


def _any_recorded(e: EventFact, d: DeadlineFact) -> bool:
    return True


def _on_or_after_basis(e: EventFact, d: DeadlineFact) -> bool:
    # A meeting held before the beschikking cannot have discussed it.
    return e.date >= d.basis


def _handover_meeting(e: EventFact, d: DeadlineFact) -> bool:
    # The basis is the day the new professional started.
    return e.kind == HANDOVER_MEETING and e.date >= d.basis


def _decision_on_this_order(e: EventFact, d: DeadlineFact) -> bool:
    return e.key == d.key and e.done


def _the_child_joins(e: EventFact, d: DeadlineFact) -> bool:
    return e.kind == PLEEGKIND


# --- The rules ---------------------------------------------------------------------------------

# fmt: off
RULES: tuple[Rule, ...] = (
    Rule(VISIT_EVALUATION, _("Evaluate the bezoekregeling"), PLEEGZORGBEGELEIDER, (VOOGD,),
         "Evaluate the visit arrangement with the zorgteam 3 months (hulpverlening) or 6 months "
         "(opvoeding) after the last recorded evaluation, or after the placement start.",
         _visit_evaluation,
         Closing(EVENT_VISIT_EVALUATION, _the_next_one, FORM_VISIT_EVALUATION, last=True)),
    Rule(PERSPECTIVE_STUDY_START, _("Start the perspective study"), VOOGD, (PLEEGZORGBEGELEIDER,),
         "Start the perspective study within 3 months of the placement start, while the placement "
         "is in hulpverlening and no perspective decision or study start is recorded.",
         _perspective_study_start,
         Closing(EVENT_PERSPECTIVE_STUDY_START, _any_recorded, FORM_PERSPECTIVE_STUDY_START)),
    Rule(PERSPECTIVE_DECISION, _("Take the perspective decision"), VOOGD, (PLEEGZORGBEGELEIDER,),
         "Take the perspective decision on the date the zorgteam set, or else within 9 months of "
         "the placement start, while the placement is in hulpverlening and nothing is decided.",
         _perspective_decision,
         Closing(EVENT_PERSPECTIVE_DECISION, _any_recorded, FORM_PERSPECTIVE_DECISION)),
    Rule(GUARDIAN_CONTACT, _("Voogd's contact with the parents"), VOOGD, (),
         "The voogd has contact with the parents within 6 weeks of the last recorded contact, "
         "or of the placement start.",
         _guardian_contact,
         Closing(EVENT_GUARDIAN_CONTACT, _the_next_one, FORM_GUARDIAN_CONTACT, last=True)),
    Rule(CHILD_JOINS_ZORGTEAM, _("Invite the child into the zorgteam"), PLEEGZORGBEGELEIDER, (),
         "Invite the child into the zorgteam on their 12th birthday, or at the placement start "
         "if already 12, unless the child is a member.",
         _child_joins_zorgteam,
         Closing(EVENT_TEAM_MEMBERSHIP, _the_child_joins, FORM_ZORGTEAM_MEMBER,
                 preset=("role", PLEEGKIND), last=True)),
    Rule(ZORGTEAM_AFTER_COURT_ORDER, _("Zorgteam meeting after a new court order"),
         PLEEGZORGBEGELEIDER, (VOOGD,),
         "Hold a zorgteam meeting within 2 weeks of each new court order, unless a meeting is "
         "recorded on or after its date.",
         _zorgteam_after_court_order,
         Closing(EVENT_ZORGTEAM_MEETING, _on_or_after_basis, FORM_ZORGTEAM_MEETING,
                 preset=("kind", AFTER_COURT_ORDER_MEETING))),
    Rule(HANDOVER, _("Warm handover to the new professional"), NEW_PROFESSIONAL,
         (PLEEGZORGBEGELEIDER,),
         "When the voogd or pleegzorgbegeleider changes, the new professional holds a handover "
         "meeting within 2 weeks of starting.",
         _handover,
         Closing(EVENT_ZORGTEAM_MEETING, _handover_meeting, FORM_ZORGTEAM_MEETING,
                 preset=("kind", HANDOVER_MEETING))),
    Rule(COURT_ORDER_REVIEW, _("Decide on extending the court order"), VOOGD,
         (PLEEGZORGBEGELEIDER,),
         "Decide on extending an OTS or MUHP 12 weeks before it ends, unless an extension request "
         "or a decision not to extend is recorded.",
         _court_order_review,
         Closing(EVENT_COURT_ORDER_REVIEW, _decision_on_this_order, FORM_COURT_ORDER_REVIEW)),
)
# fmt: on
RULES_BY_KIND: dict[str, Rule] = {rule.kind: rule for rule in RULES}


def _responsible(rule: Rule, key: str, facts: PlacementFacts) -> str:
    if rule.responsible != NEW_PROFESSIONAL:
        return rule.responsible
    return next(change.role for change in facts.staff_changes if change.key == key)


def open_obligations(facts: PlacementFacts, periods: Periods = Periods()) -> list[Obligation]:
    """Every obligation still open for this placement, sorted by (due, kind, key)."""
    result = []
    for rule in RULES:
        for key, due, basis in rule.compute(facts, periods):
            # DOMAIN.md: "An ended placement has no open deadlines". Nothing is owed on or after
            # the day the child left, so those are dropped here; what fell due before the end
            # stays open (overdue) until the storage layer closes it when the end date passes.
            if facts.end is not None and due >= facts.end:
                continue
            responsible = _responsible(rule, key, facts)
            # The new pleegzorgbegeleider of a handover is not reminded twice.
            also = tuple(role for role in rule.also_reminded if role != responsible)
            result.append(Obligation(rule.kind, key, due, responsible, also, basis))
    return sorted(result, key=lambda o: (o.due, o.kind, o.key))
