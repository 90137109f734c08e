"""The norms' figures: share met on time, how late the late ones were, the monthly trend, the
split by age at placement, and per professional and per team.

All of them come from one statement over the stored deadlines (compute()); the deadlines
behind a figure are an ORM queryset (deadlines_behind()).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import TruncMonth

from accounts.models import User
from cases.models import Placement

from . import definitions as d
from . import sql
from .norms import AGE_NORMS, NORMS


@dataclass
class Counts:
    judged: int = 0
    on_time: int = 0

    @property
    def late(self):
        return self.judged - self.on_time

    @property
    def share(self):
        return d.share(self.on_time, self.judged)

    def add(self, other):
        self.judged += other.judged
        self.on_time += other.on_time


@dataclass
class NormFigure(Counts):
    norm: object = None
    still_open: int = 0  # late and not done yet
    median_late: float | None = None
    worst_late: int | None = None


@dataclass
class AgeFigure(Counts):
    band: str = ""
    median_late: float | None = None
    worst_late: int | None = None


@dataclass
class GroupFigure(Counts):
    """One professional's (or team's) figures: in all, and per norm key."""

    key: int | None = None  # the person's or organisation's pk; None: nobody held the role
    name: str = ""
    team_key: int | None = None
    team_name: str = ""
    norms: dict = field(default_factory=lambda: defaultdict(Counts))


@dataclass
class NormFigures:
    norms: list  # NormFigure per norm, in the table's order (judged == 0: no data)
    trend: dict  # norm key -> [(first day of month, Counts)] for every month of the period
    ages: dict  # norm key -> [AgeFigure per age band], for the norms split by age
    people: list | None  # GroupFigure per professional, worst first (team leads only)


AGE_KINDS = tuple(kind for norm in AGE_NORMS for kind in norm.kinds)
_band_of_placement = (
    Placement.objects.filter(pk=OuterRef("placement_id"))
    .annotate(band=sql.age_band("child__birth_date", "start_date"))
    .values("band")
)


def _union(median, people):
    """The four ways the judged deadlines are counted, as one statement over "t"."""
    counts = "COUNT(*) AS judged, SUM(on_time) AS on_time"
    branches = [
        # Typed NULLs: PostgreSQL resolves a UNION's column types branch by branch.
        f"SELECT 'norm' AS grain, norm, CAST(NULL AS DATE) AS month, '' AS band,"
        f" CAST(NULL AS BIGINT) AS holder, {counts},"
        f" SUM(still_open) AS still_open, {median} AS median_late, MAX(late_days) AS worst_late"
        " FROM t GROUP BY norm",
        f"SELECT 'month', norm, month, '', NULL, {counts}, 0, NULL, NULL FROM t GROUP BY norm, month",
        f"SELECT 'band', norm, NULL, band, NULL, {counts}, 0, {median}, MAX(late_days)"
        " FROM t WHERE band <> '' GROUP BY norm, band",
    ]
    if people:
        branches.append(
            f"SELECT 'holder', norm, NULL, '', holder_id, {counts}, 0, NULL, NULL"
            " FROM t GROUP BY norm, holder_id"
        )
    return " UNION ALL ".join(branches)


def compute(scope, *, people=None):
    """Every norm's figures in one statement: the period's judged deadlines are read once
    (with, for team leads, who held the responsible role on each due date) and counted per
    norm, per norm and month, per norm and age band, and per norm and professional.

    Python only arranges the aggregate rows that come back, a few per norm.
    """
    people = scope.is_lead if people is None else people
    deadlines = scope.judged_deadlines()
    if people:
        deadlines = sql.with_holder(deadlines)
    one, zero = Value(1), Value(0)
    rows = sql.over_rows(
        deadlines.annotate(
            month=TruncMonth("due_date"),
            on_time=Case(When(sql.on_time(), then=one), default=zero),
            still_open=Case(When(status=d.OPEN, then=one), default=zero),
            # Looked up only for the few deadlines split by age: a join to the child for
            # every deadline of the period cost more than the whole split.
            band=Case(
                When(kind__in=AGE_KINDS, then=Subquery(_band_of_placement[:1])),
                default=Value(""),
                output_field=CharField(),
            ),
            holder_id=F("holder__person_id") if people else Value(None, IntegerField()),
        ).values("norm", "month", "band", "on_time", "still_open", "late_days", "holder_id"),
        _union(sql.median_sql("late_days"), people),
        dates=("month",),
    )
    by_grain = defaultdict(dict)
    for row in rows:
        key = {"norm": (), "month": (row["month"],), "band": (row["band"],)}.get(
            row["grain"], (row["holder"],)
        )
        by_grain[row["grain"]][(row["norm"], *key)] = row
    return NormFigures(
        norms=[_norm_figure(norm, by_grain["norm"].get((norm.key,), {})) for norm in NORMS],
        trend={
            norm.key: [
                (month, _counts(by_grain["month"].get((norm.key, month), {})))
                for month in scope.period.months()
            ]
            for norm in NORMS
        },
        ages={
            norm.key: [
                _age_figure(band, by_grain["band"].get((norm.key, band), {}))
                for band in d.AGE_BANDS
            ]
            for norm in AGE_NORMS
        },
        people=_people(by_grain["holder"]) if people else None,
    )


def _counts(row):
    return Counts(int(row.get("judged") or 0), int(row.get("on_time") or 0))


def _norm_figure(norm, row):
    counts = _counts(row)
    return NormFigure(
        norm=norm,
        judged=counts.judged,
        on_time=counts.on_time,
        still_open=int(row.get("still_open") or 0),
        median_late=row.get("median_late"),
        worst_late=row.get("worst_late"),
    )


def _age_figure(band, row):
    counts = _counts(row)
    return AgeFigure(
        band=band,
        judged=counts.judged,
        on_time=counts.on_time,
        median_late=row.get("median_late"),
        worst_late=row.get("worst_late"),
    )


def _worst_first(groups):
    # The lowest share on time first; among equals the most late ones; no data last.
    return sorted(
        groups,
        key=lambda g: (g.share is None, g.share if g.share is not None else 0, -g.late, g.name),
    )


def _people(rows):
    """GroupFigure per professional from the (norm, holder) rows; one query for the names."""
    people = {
        person["pk"]: person
        for person in User.objects.filter(pk__in={holder for _n, holder in rows}).values(
            "pk", "full_name", "email", "organisation_id", "organisation__name"
        )
    }
    groups = {}
    for (norm_key, holder), row in rows.items():
        group = groups.get(holder)
        if group is None:
            person = people.get(holder, {})
            group = groups[holder] = GroupFigure(
                key=holder,
                name=person.get("full_name") or person.get("email", ""),
                team_key=person.get("organisation_id"),
                team_name=person.get("organisation__name") or "",
            )
        counts = _counts(row)
        group.norms[norm_key].add(counts)
        group.add(counts)
    return _worst_first(groups.values())


# The figures one at a time (each the whole statement: for a single CSV table and the tests).


def norm_figures(scope):
    return compute(scope, people=False).norms


def trend(scope):
    return compute(scope, people=False).trend


def age_split(scope):
    return compute(scope, people=False).ages


def by_professional(scope):
    return compute(scope, people=True).people


def by_team(professionals):
    """The professionals' figures summed per organisation (exact: sums of counts). Deadlines
    nobody held the role for are in the professionals' table only."""
    teams = {}
    for person in professionals:
        if person.key is None:
            continue
        team = teams.get(person.team_key)
        if team is None:
            team = teams[person.team_key] = GroupFigure(key=person.team_key, name=person.team_name)
        team.add(person)
        for key, counts in person.norms.items():
            team.norms[key].add(counts)
    return _worst_first(teams.values())


# --- The deadlines behind a figure -------------------------------------------------------------

UNASSIGNED = "none"


def deadlines_behind(
    scope, *, norm=None, outcome=None, person=None, team=None, band=None, month=None
):
    """The judged deadlines that make up a figure (of one norm, or of all).

    `person`/`team`: a pk, or UNASSIGNED (nobody held the role / a professional without an
    organisation); `band`: an age band; `month`: the first day of a month of the period.
    """
    qs = scope.judged_deadlines()
    if norm is not None:
        qs = qs.filter(kind__in=norm.kinds)
    if outcome in (d.ON_TIME, d.LATE):
        qs = qs.filter(outcome=outcome)
    if person is not None or team is not None:
        qs = sql.with_holder(qs)
        if person == UNASSIGNED:
            qs = qs.filter(holder__person_id__isnull=True)
        elif person is not None:
            qs = qs.filter(holder__person_id=person)
        if team == UNASSIGNED:
            qs = qs.filter(holder__person_id__isnull=False, holder__person__organisation_id=None)
        elif team is not None:
            qs = qs.filter(holder__person__organisation_id=team)
    if band is not None:
        qs = qs.annotate(
            band=sql.age_band("placement__child__birth_date", "placement__start_date")
        ).filter(band=band)
    if month is not None:
        qs = qs.filter(due_date__gte=month, due_date__lt=d.add_months(month, 1))
    return qs
