"""The vocabulary of the deadline engine (evaluations.rules): the kinds of deadline, the
events that close them, the roles and forms they name, the periods, and the plain facts a
rule reads. Pure values: no ORM, no clock (labels are lazy translations).
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime

HULPVERLENING = "hulpverlening"
OPVOEDING = "opvoeding"

PLEEGZORGBEGELEIDER = "pleegzorgbegeleider"
VOOGD = "voogd"
# Not roles: markers resolved per obligation. NEW_PROFESSIONAL is whoever just started (the
# handover); REGIE is the pleegzorgbegeleider, or the voogd while there is none; DECIDER is
# the role of whoever took the decision an explanation is asked about.
NEW_PROFESSIONAL = "new_professional"
REGIE = "regie"
DECIDER = "decider"
ROLE_MARKERS = frozenset({NEW_PROFESSIONAL, REGIE, DECIDER})

VISIT_EVALUATION = "visit_evaluation"
PERSPECTIVE_STUDY_START = "perspective_study_start"
PERSPECTIVE_DECISION = "perspective_decision"
GUARDIAN_CONTACT = "guardian_contact"
CHILD_JOINS_ZORGTEAM = "child_joins_zorgteam"
ZORGTEAM_AFTER_COURT_ORDER = "zorgteam_after_court_order"
HANDOVER = "handover"
COURT_ORDER_REVIEW = "court_order_review"
START_MEETING = "start_meeting"
REQUESTED_MEETING = "requested_meeting"
DECISION_EXPLANATION = "decision_explanation"
KINDS: tuple[str, ...] = (
    VISIT_EVALUATION,
    PERSPECTIVE_STUDY_START,
    PERSPECTIVE_DECISION,
    GUARDIAN_CONTACT,
    CHILD_JOINS_ZORGTEAM,
    ZORGTEAM_AFTER_COURT_ORDER,
    HANDOVER,
    COURT_ORDER_REVIEW,
    START_MEETING,
    REQUESTED_MEETING,
    DECISION_EXPLANATION,
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
# Requests the apps above register a source for (evaluations.closing.register_source):
EVENT_MEETING_REQUEST = "meeting_request"  # settled: declined with a reason, or handled
EVENT_EXPLANATION_REQUEST = "explanation_request"  # settled: answered by the decider

# The kinds of zorgteam meeting a deadline link preselects (a warm handover closes HANDOVER),
# and the role in which the child joins the zorgteam.
HANDOVER_MEETING = "handover"
AFTER_COURT_ORDER_MEETING = "after_court_order"
START_MEETING_KIND = "start"
ON_REQUEST_MEETING = "on_request"
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
# The decision's page, where the decider answers (registered by the collaboration app).
FORM_EXPLANATION = "explanation"

# An OTS (ondertoezichtstelling) or MUHP (machtiging uithuisplaatsing) lasts at most a year
# and must be extended or allowed to lapse; other orders have no review clock (DOMAIN.md).
REVIEWABLE_ORDER_KINDS = ("ots", "muhp")
# The legal maximum of an OTS or MUHP (BW 1:258, 1:265c): one recorded without an end date is
# taken to end this long after its date, so its review deadline still exists (DOMAIN.md).
ORDER_MAX_MONTHS = 12


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
    start_meeting_days: int = 14
    # "At or around the start": a placement registered later than this after its start is a
    # running placement being onboarded, its start meeting behind it.
    start_meeting_registration_window_days: int = 28
    requested_meeting_days: int = 14
    decision_explanation_days: int = 14

    def __post_init__(self):
        # Built from settings: a wrong value must fail at start, not as silently wrong dates.
        # A rolling interval of 0 would schedule the next one on the day of the last, so it
        # never advances; lead times ("at once" after a beschikking) may be 0.
        may_be_zero = {
            "zorgteam_after_court_order_days",
            "handover_days",
            "court_order_review_weeks",
            "start_meeting_days",
            "start_meeting_registration_window_days",
            "requested_meeting_days",
            "decision_explanation_days",
        }
        for f in fields(self):
            value = getattr(self, f.name)
            minimum = 0 if f.name in may_be_zero else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise ValueError(f"Periods.{f.name} must be an integer >= {minimum}, got {value!r}")


DEFAULT_PERIODS = Periods()


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
class RequestFact:
    """A member's request the team owes an answer to: a meeting, or more explanation of a
    decision. `settled` when it was declined with a reason or answered; `role` is whose
    answer is asked for (the decider's role, for DECIDER rules)."""

    kind: str  # the rule it opens: REQUESTED_MEETING or DECISION_EXPLANATION
    key: str
    date: date
    settled: bool = False
    role: str = ""
    asked_at: datetime | None = None  # the moment of asking: to order a meeting the same day


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
    start_meeting_dates: tuple[date, ...] = ()
    # The day the placement was registered in the app (intake); None for an import, the admin
    # or a placement older than the intake: those owe no start meeting.
    registered_in_app_on: date | None = None
    has_pleegzorgbegeleider: bool = True
    requests: tuple[RequestFact, ...] = ()
    # (day, moment recorded) of every zorgteam meeting: a meeting on the day of a request
    # answers it only when recorded after the question was asked.
    meeting_moments: tuple[tuple[date, datetime | None], ...] = ()


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
    at: datetime | None = None  # the moment it was recorded


@dataclass(frozen=True)
class DeadlineFact:
    """An open deadline as a closing predicate sees it."""

    kind: str
    key: str
    basis: date
    opened_at: datetime | None = None  # when the obligation was opened (the request's moment)


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
    # Another way it is done, besides closed_by (a request declined with a reason).
    also_closed_by: tuple[Closing, ...] = ()
