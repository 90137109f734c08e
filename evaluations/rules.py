"""The deadline engine: which dated obligations a placement has open, and when they fall due.

Pure functions over plain values (STYLE.md "Deadline rules"): no ORM, no Django, no clock.
The callers pass in the last *recorded* events; the storage layer stores the due dates.
Every period and rule comes from DOMAIN.md, section "Dated obligations" and "Further rules".
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta

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

# The kind of zorgteam meeting that is a warm handover (it closes HANDOVER).
HANDOVER_MEETING = "handover"

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
class Rule:
    kind: str
    responsible: str
    also_reminded: tuple[str, ...]
    description: str
    compute: Callable[[PlacementFacts, Periods], Due]


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


# fmt: off
RULES: tuple[Rule, ...] = (
    Rule(VISIT_EVALUATION, PLEEGZORGBEGELEIDER, (VOOGD,),
         "Evaluate the visit arrangement with the zorgteam 3 months (hulpverlening) or 6 months "
         "(opvoeding) after the last recorded evaluation, or after the placement start.",
         _visit_evaluation),
    Rule(PERSPECTIVE_STUDY_START, VOOGD, (PLEEGZORGBEGELEIDER,),
         "Start the perspective study within 3 months of the placement start, while the placement "
         "is in hulpverlening and no perspective decision or study start is recorded.",
         _perspective_study_start),
    Rule(PERSPECTIVE_DECISION, VOOGD, (PLEEGZORGBEGELEIDER,),
         "Take the perspective decision on the date the zorgteam set, or else within 9 months of "
         "the placement start, while the placement is in hulpverlening and nothing is decided.",
         _perspective_decision),
    Rule(GUARDIAN_CONTACT, VOOGD, (),
         "The voogd has contact with the parents within 6 weeks of the last recorded contact, "
         "or of the placement start.",
         _guardian_contact),
    Rule(CHILD_JOINS_ZORGTEAM, PLEEGZORGBEGELEIDER, (),
         "Invite the child into the zorgteam on their 12th birthday, or at the placement start "
         "if already 12, unless the child is a member.",
         _child_joins_zorgteam),
    Rule(ZORGTEAM_AFTER_COURT_ORDER, PLEEGZORGBEGELEIDER, (VOOGD,),
         "Hold a zorgteam meeting within 2 weeks of each new court order, unless a meeting is "
         "recorded on or after its date.",
         _zorgteam_after_court_order),
    Rule(HANDOVER, NEW_PROFESSIONAL, (PLEEGZORGBEGELEIDER,),
         "When the voogd or pleegzorgbegeleider changes, the new professional holds a handover "
         "meeting within 2 weeks of starting.",
         _handover),
    Rule(COURT_ORDER_REVIEW, VOOGD, (PLEEGZORGBEGELEIDER,),
         "Decide on extending an OTS or MUHP 12 weeks before it ends, unless an extension request "
         "or a decision not to extend is recorded.",
         _court_order_review),
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
