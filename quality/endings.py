"""Early endings: how many placements ended early in the period, why, after how long, and
what preceded them (staff changes, overdue evaluations, unanswered meeting requests) beside
the placements that ended as planned and those that continue.

One query: each placement of the scope is annotated with its group and what preceded its
reference day (the end, or the period's end), then everything is counted at once over the
materialized rows (sql.over_rows), so each correlated subquery runs once per placement.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from agreements.models import MeetingRequest
from cases.models import EARLY_END_REASONS, EndReason
from evaluations import rules
from evaluations.models import Deadline

from . import definitions as d
from . import sql

EARLY_REASONS = tuple(EARLY_END_REASONS)
REASONS = tuple(EndReason.values)
# What preceded an ending, counted per group (definitions: the 12 months before).
STAFF_CHANGE, LATE_EVALUATION, WAITED_REQUEST = "staff_change", "late_evaluation", "waited_request"
SIGNALS = (STAFF_CHANGE, LATE_EVALUATION, WAITED_REQUEST)


def _late_evaluation():
    """A visit evaluation fell due in the 12 months before the reference day and was not done
    by its due date (done late, still open, or dropped at the end)."""
    return Exists(
        Deadline.objects.filter(
            placement_id=OuterRef("pk"),
            kind=rules.VISIT_EVALUATION,
            due_date__gt=sql.AddMonths(OuterRef("reference_day"), -d.LOOKBACK_MONTHS),
            due_date__lt=OuterRef("reference_day"),
        ).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=F("due_date")))
    )


def _waited_request():
    """A meeting request made in the 12 months before the reference day waited more than two
    weeks to be planned or answered (definitions.request_waited_too_long)."""
    wait_end = Case(
        When(handled_on__lte=OuterRef("reference_day"), then=F("handled_on")),
        default=OuterRef("reference_day"),
        output_field=DateField(),
    )
    return Exists(
        MeetingRequest.objects.annotate(
            created_on=TruncDate("created_at"), handled_on=TruncDate("handled_at")
        )
        .filter(
            placement_id=OuterRef("pk"),
            created_on__gt=sql.AddMonths(OuterRef("reference_day"), -d.LOOKBACK_MONTHS),
            created_on__lte=OuterRef("reference_day"),
        )
        .annotate(waited=sql.DaysBetween(wait_end, "created_on"))
        .filter(waited__gt=d.REQUEST_WAIT_DAYS)
    )


def annotated(scope):
    """The scope's placements that ended in the period or continue past it, each with its
    group, duration bucket and what preceded its reference day."""
    period = scope.period
    ended_in_period = Q(end_date__gte=period.start, end_date__lte=period.end)
    return (
        scope.placements()
        .annotate(
            ending=Case(
                When(ended_in_period & Q(end_reason_kind=""), then=Value(d.UNKNOWN_REASON)),
                When(ended_in_period & Q(end_reason_kind__in=EARLY_REASONS), then=Value(d.EARLY)),
                When(ended_in_period, then=Value(d.PLANNED)),
                When(
                    Q(start_date__lte=period.end)
                    & (Q(end_date__isnull=True) | Q(end_date__gt=period.end)),
                    then=Value(d.CONTINUING),
                ),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .exclude(ending="")
        .annotate(
            reference_day=Case(
                When(ending=d.CONTINUING, then=Value(period.end)),
                default=F("end_date"),
                output_field=DateField(),
            ),
            bucket=Case(
                When(ending=d.CONTINUING, then=Value("")),
                default=sql.duration_bucket(),
                output_field=CharField(),
            ),
        )
        .annotate(
            staff_changes=sql.staff_changes("reference_day"),
            late_evaluation=_late_evaluation(),
            waited_request=_waited_request(),
        )
        .order_by()
    )


def signal_filter(signal):
    return {
        STAFF_CHANGE: Q(staff_changes__gt=0),
        LATE_EVALUATION: Q(late_evaluation=True),
        WAITED_REQUEST: Q(waited_request=True),
    }[signal]


@dataclass
class GroupFigure:
    group: str
    count: int = 0
    staff_changes: int = 0  # in all, for the mean
    with_signal: dict = field(default_factory=dict)  # signal -> number of placements

    @property
    def mean_staff_changes(self):
        return self.staff_changes / self.count if self.count else None

    def signal_share(self, signal):
        return d.share(self.with_signal.get(signal, 0), self.count)


@dataclass
class Endings:
    groups: dict  # group -> GroupFigure
    by_reason: dict  # reason kind ("" unknown) -> number ended in the period
    by_bucket: dict  # (group, bucket) -> number ended in the period

    @property
    def ended(self):
        return sum(self.groups[g].count for g in (d.EARLY, d.PLANNED, d.UNKNOWN_REASON))

    @property
    def early(self):
        return self.groups[d.EARLY].count

    @property
    def early_share(self):
        return d.share(self.early, self.ended)

    def bucket_total(self, bucket):
        return sum(self.by_bucket[(g, bucket)] for g in (d.EARLY, d.PLANNED, d.UNKNOWN_REASON))


def endings(scope):
    """Counted once per (ending, kind of ending, duration) over the materialized rows; the
    few aggregate rows are then summed per figure."""
    rows = sql.over_rows(
        annotated(scope).values(
            "ending",
            "end_reason_kind",
            "bucket",
            "staff_changes",
            "late_evaluation",
            "waited_request",
        ),
        """
        SELECT ending, end_reason_kind, bucket, COUNT(*) AS n, SUM(staff_changes) AS changes,
            SUM(CASE WHEN staff_changes > 0 THEN 1 ELSE 0 END) AS staff_change,
            SUM(CASE WHEN late_evaluation THEN 1 ELSE 0 END) AS late_evaluation,
            SUM(CASE WHEN waited_request THEN 1 ELSE 0 END) AS waited_request
        FROM t GROUP BY ending, end_reason_kind, bucket
        """,
    )
    groups = {group: GroupFigure(group=group) for group in d.ENDING_GROUPS}
    by_reason = dict.fromkeys(("", *REASONS), 0)
    by_bucket = {(g, b): 0 for g in d.ENDING_GROUPS for b in d.DURATION_BUCKETS}
    for row in rows:
        group = groups[row["ending"]]
        # int(): PostgreSQL sums a bigint column as numeric (a Decimal in Python).
        group.count += row["n"]
        group.staff_changes += int(row["changes"] or 0)
        for signal in SIGNALS:
            group.with_signal[signal] = group.with_signal.get(signal, 0) + int(row[signal])
        if row["ending"] != d.CONTINUING:
            by_reason[row["end_reason_kind"]] += row["n"]
            by_bucket[(row["ending"], row["bucket"])] += row["n"]
    for group in groups.values():
        group.with_signal = {signal: group.with_signal.get(signal, 0) for signal in SIGNALS}
    return Endings(groups=groups, by_reason=by_reason, by_bucket=by_bucket)


def placements_behind(scope, *, group=None, reason=None, bucket=None, signal=None):
    """The placements behind an endings figure."""
    qs = annotated(scope)
    # Without a group: every placement that ended in the period.
    qs = qs.filter(ending=group) if group is not None else qs.exclude(ending=d.CONTINUING)
    if reason is not None:
        qs = qs.filter(end_reason_kind=reason)
    if bucket is not None:
        qs = qs.filter(bucket=bucket)
    if signal is not None:
        qs = qs.filter(signal_filter(signal))
    return qs
