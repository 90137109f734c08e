"""What the quality figures mean, as pure functions over plain values (no ORM, no clock).

The database computes every figure (quality.sql mirrors each function below as an SQL
expression); these functions are the definitions a domain expert can read and the tests
check both against the same tables of cases.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from evaluations.rules import PLEEGZORGBEGELEIDER, VOOGD, add_months

# Outcomes of one stored deadline (evaluations.models.Deadline), judged on a day.
ON_TIME = "on_time"
LATE = "late"
PENDING = "pending"  # open and not yet past due: it can still be met
NOT_JUDGED = "not_judged"  # cancelled before it fell due: it no longer applied

# Deadline.Status values, repeated here so the definitions stay free of the ORM.
OPEN, DONE, CANCELLED = "open", "done", "cancelled"


def outcome(*, status, due, closed_on, as_of):
    """On time = closed (done) on or before the due date. Late = done after it, or still open
    past it ("open and past due counts as late"), or stopped applying only after it was
    already overdue (the placement ended with the obligation unmet). Open and due today or
    later is pending; cancelled on or before the due date is not judged."""
    if status == DONE:
        return ON_TIME if closed_on is not None and closed_on <= due else LATE
    if status == OPEN:
        return LATE if due < as_of else PENDING
    if status == CANCELLED and closed_on is not None and closed_on > due:
        return LATE
    return NOT_JUDGED


def days_late(*, status, due, closed_on, as_of):
    """How late a late deadline was, in days: until it was closed, or until `as_of` while it
    is still open. None for any other outcome (and for a done row without a date)."""
    if outcome(status=status, due=due, closed_on=closed_on, as_of=as_of) != LATE:
        return None
    end = as_of if status == OPEN else closed_on
    return (end - due).days if end is not None else None


# --- The child's age at placement --------------------------------------------------------------

AGE_0_4, AGE_5_11, AGE_12_UP, AGE_UNKNOWN = "0-4", "5-11", "12+", "unknown"
AGE_BANDS = (AGE_0_4, AGE_5_11, AGE_12_UP, AGE_UNKNOWN)


def age_in_years(birth_date, on):
    """Completed years, as cases.Child.age_on counts them (a 29 February child turns a year
    older on 1 March in other years)."""
    if birth_date is None:
        return None
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_band(age):
    """The issue's split: young children (0-4), for whom a quick decision matters most."""
    if age is None:
        return AGE_UNKNOWN
    if age < 5:
        return AGE_0_4
    if age < 12:
        return AGE_5_11
    return AGE_12_UP


# --- Endings -------------------------------------------------------------------------------

WITHIN_3_MONTHS, MONTHS_3_TO_12, AFTER_12_MONTHS = "lt3", "3to12", "gte12"
DURATION_BUCKETS = (WITHIN_3_MONTHS, MONTHS_3_TO_12, AFTER_12_MONTHS)

# Ending groups: how a placement stands at the end of the period.
EARLY, PLANNED, UNKNOWN_REASON, CONTINUING = "early", "planned", "unknown", "continuing"
ENDING_GROUPS = (EARLY, PLANNED, UNKNOWN_REASON, CONTINUING)


def duration_bucket(start, end):
    """How long a placement lasted, in calendar months (DOMAIN.md's arithmetic)."""
    if end < add_months(start, 3):
        return WITHIN_3_MONTHS
    if end < add_months(start, 12):
        return MONTHS_3_TO_12
    return AFTER_12_MONTHS


def ending_group(*, start, end, reason_kind, early_reasons, period_start, period_end):
    """Early, planned or unknown for a placement that ended within the period; continuing for
    one that runs past the period's end; None for one outside the period."""
    if end is not None and period_start <= end <= period_end:
        if not reason_kind:
            return UNKNOWN_REASON
        return EARLY if reason_kind in early_reasons else PLANNED
    if start <= period_end and (end is None or end > period_end):
        return CONTINUING
    return None


def reference_day(*, group, end, period_end):
    """The day "what preceded" is counted back from: the end, or the period's end."""
    return period_end if group == CONTINUING else end


# --- What preceded an ending, and the risk signals ------------------------------------------

# The roles whose change the sources count (and the engine opens a handover for).
STAFF_CHANGE_ROLES = (PLEEGZORGBEGELEIDER, VOOGD)
LOOKBACK_MONTHS = 12  # "staff changes in the 12 months before"
STAFF_CHANGES_AT_RISK = 2  # "two or more changes of pleegzorgbegeleider or voogd in 12 months"
NO_MEETING_MONTHS = 6  # "no zorgteam meeting in 6 months"
REQUEST_WAIT_DAYS = 14  # a meeting is due within 2 weeks of a request (DOMAIN.md)
# A plan is drawn up at the start meeting, due 2 weeks after the start (DOMAIN.md); a new
# version gets the same two weeks to reach the family before its absence is a signal.
PLAN_GRACE_DAYS = 14
FAMILY_GRACE_DAYS = 14


def lookback_start(day):
    """The first day of the 12 months that end on `day` (both ends included)."""
    return add_months(day, -LOOKBACK_MONTHS) + timedelta(days=1)


def in_lookback(event_day, reference):
    return lookback_start(reference) <= event_day <= reference


def staff_changes(members, reference):
    """How many times a pleegzorgbegeleider or voogd took over the role in the 12 months up to
    `reference`. `members` are (role, start, pk) of the memberships in those roles. The first
    professional in a role is the placement's start, not a change; ties on the start date go
    by creation order, as the deadline engine orders them (one handover each)."""
    count = 0
    for role, start, pk in members:
        if role not in STAFF_CHANGE_ROLES:
            continue
        earlier = any(r == role and (s, p) < (start, pk) for r, s, p in members)
        if earlier and in_lookback(start, reference):
            count += 1
    return count


def request_waited_too_long(*, created_on, handled_on, as_of):
    """A meeting request that went more than 2 weeks without being planned or answered, up to
    `as_of` (a request still open counts its days until then)."""
    end = handled_on if handled_on is not None and handled_on <= as_of else as_of
    return (end - created_on).days > REQUEST_WAIT_DAYS


def no_recent_meeting(*, start, last_meeting, as_of):
    """Running at least 6 months, and no zorgteam meeting in the last 6 months."""
    since = add_months(as_of, -NO_MEETING_MONTHS)
    return start <= since and (last_meeting is None or last_meeting < since)


def no_adopted_plan(*, start, has_adopted_plan, as_of):
    return not has_adopted_plan and start <= as_of - timedelta(days=PLAN_GRACE_DAYS)


def family_has_not_looked(*, adopted_on, adopted_at, family_last_visit, has_family, as_of):
    """The foster family has not opened its agreements in the portal since the last adopted
    version (given two weeks). Without a foster family in the team there is nobody to ask."""
    if not has_family or adopted_on is None:
        return False
    if adopted_on > as_of - timedelta(days=FAMILY_GRACE_DAYS):
        return False
    return family_last_visit is None or family_last_visit < adopted_at


# --- The period --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def months(self):
        """The first day of every calendar month the period touches, in order."""
        month = self.start.replace(day=1)
        result = []
        while month <= self.end:
            result.append(month)
            month = add_months(month, 1)
        return result


def default_period(today):
    """The last 12 months: this month and the 11 before it, so the trend has 12 whole bars."""
    return Period(add_months(today.replace(day=1), -11), today)


def share(part, whole):
    """A percentage, or None when there is nothing to divide ("no data", never 0%)."""
    if not whole:
        return None
    return 100.0 * part / whole
