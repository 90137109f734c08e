"""The norms' figures: share met on time, how late the late ones were, the monthly trend, the
split by age at placement, and per professional and per team.

Each function is one aggregate query over the stored deadlines (Scope.judged_deadlines);
Python only arranges the few aggregate rows that come back (per norm, month or person).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q
from django.db.models.functions import TruncMonth

from accounts.models import User

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


def _counts():
    return {
        "judged": Count("pk"),
        "on_time": Count("pk", filter=sql.on_time()),
    }


def norm_figures(scope):
    """One NormFigure per norm, in the table's order; a norm without rows has judged == 0."""
    rows = {
        row["norm"]: row
        for row in scope.judged_deadlines()
        .values("norm")
        .annotate(
            **_counts(),
            still_open=Count("pk", filter=Q(status=d.OPEN)),
            median_late=sql.Median("late_days"),
            worst_late=Max("late_days"),
        )
    }
    figures = []
    for norm in NORMS:
        row = rows.get(norm.key, {})
        figures.append(
            NormFigure(
                norm=norm,
                judged=row.get("judged", 0),
                on_time=row.get("on_time", 0),
                still_open=row.get("still_open", 0),
                median_late=row.get("median_late"),
                worst_late=row.get("worst_late"),
            )
        )
    return figures


def trend(scope):
    """{norm key: [(first day of month, Counts)] for every month of the period}."""
    found = {
        (row["norm"], row["month"]): Counts(row["judged"], row["on_time"])
        for row in scope.judged_deadlines()
        .annotate(month=TruncMonth("due_date"))
        .values("norm", "month")
        .annotate(**_counts())
    }
    months = scope.period.months()
    return {
        norm.key: [(month, found.get((norm.key, month), Counts())) for month in months]
        for norm in NORMS
    }


@dataclass
class AgeFigure(Counts):
    band: str = ""
    median_late: float | None = None
    worst_late: int | None = None


def age_split(scope):
    """{norm key: [AgeFigure per age band]} for the norms split by age at placement."""
    rows = {
        (row["norm"], row["band"]): row
        for row in scope.judged_deadlines()
        .filter(kind__in=[kind for norm in AGE_NORMS for kind in norm.kinds])
        .annotate(band=sql.age_band("placement__child__birth_date", "placement__start_date"))
        .values("norm", "band")
        .annotate(**_counts(), median_late=sql.Median("late_days"), worst_late=Max("late_days"))
    }
    result = {}
    for norm in AGE_NORMS:
        result[norm.key] = [
            AgeFigure(
                band=band,
                judged=rows.get((norm.key, band), {}).get("judged", 0),
                on_time=rows.get((norm.key, band), {}).get("on_time", 0),
                median_late=rows.get((norm.key, band), {}).get("median_late"),
                worst_late=rows.get((norm.key, band), {}).get("worst_late"),
            )
            for band in d.AGE_BANDS
        ]
    return result


# --- Per professional and per team ----------------------------------------------------------


@dataclass
class GroupFigure(Counts):
    """One professional's (or team's) figures: in all, and per norm key."""

    key: int | None = None  # the person's or organisation's pk; None: nobody held the role
    name: str = ""
    team_key: int | None = None
    team_name: str = ""
    norms: dict = field(default_factory=lambda: defaultdict(Counts))


def _worst_first(groups):
    # The lowest share on time first; among equals the most late ones; no data last.
    return sorted(
        groups,
        key=lambda g: (g.share is None, g.share if g.share is not None else 0, -g.late, g.name),
    )


def by_professional(scope):
    """The professionals who held the responsible role on each due date, worst first."""
    rows = list(
        sql.with_holder(scope.judged_deadlines())
        .values("norm", holder_id=F("holder__person_id"))
        .annotate(**_counts())
    )
    people = {
        person["pk"]: person
        for person in User.objects.filter(pk__in={row["holder_id"] for row in rows}).values(
            "pk", "full_name", "email", "organisation_id", "organisation__name"
        )
    }
    groups = {}
    for row in rows:
        person = people.get(row["holder_id"], {})
        group = groups.get(row["holder_id"])
        if group is None:
            group = groups[row["holder_id"]] = GroupFigure(
                key=row["holder_id"],
                name=person.get("full_name") or person.get("email", ""),
                team_key=person.get("organisation_id"),
                team_name=person.get("organisation__name") or "",
            )
        counts = Counts(row["judged"], row["on_time"])
        group.norms[row["norm"]].add(counts)
        group.add(counts)
    return _worst_first(groups.values())


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
