"""Placements at risk: the running placements with the signals the sources name, ranked.

The signals (definitions.py has each as a pure function):
- two or more changes of pleegzorgbegeleider or voogd in the last 12 months;
- no zorgteam meeting in the last 6 months (running at least that long);
- an overdue visit evaluation;
- a meeting request open for more than 2 weeks;
- no adopted hulpverleningsplan (running for more than 2 weeks);
- a foster family that has not opened the portal since the last plan version (2 weeks on).
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import (
    DateField,
    Exists,
    F,
    OuterRef,
    Subquery,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from agreements.models import MeetingRequest, PlanVersion, PortalVisit
from evaluations import rules
from evaluations.models import Deadline, ZorgteamMeeting
from zorgteam.models import Membership, Role

from . import definitions as d
from . import sql

STAFF_CHANGES = "staff_changes"
NO_MEETING = "no_meeting"
OVERDUE_EVALUATION = "overdue_evaluation"
WAITING_REQUEST = "waiting_request"
NO_PLAN = "no_plan"
FAMILY_NOT_LOOKED = "family_not_looked"
SIGNALS = (
    STAFF_CHANGES,
    NO_MEETING,
    OVERDUE_EVALUATION,
    WAITING_REQUEST,
    NO_PLAN,
    FAMILY_NOT_LOOKED,
)
SIGNAL_LABELS = {
    STAFF_CHANGES: _("Two or more staff changes in 12 months"),
    NO_MEETING: _("No zorgteam meeting in 6 months"),
    OVERDUE_EVALUATION: _("Visit evaluation overdue"),
    WAITING_REQUEST: _("Meeting request waiting more than 2 weeks"),
    NO_PLAN: _("No adopted plan"),
    FAMILY_NOT_LOOKED: _("Foster family has not looked at the agreements since the last version"),
}

# For the chart, where a label has one line.
SIGNAL_SHORT = {
    STAFF_CHANGES: _("2+ staff changes in 12 months"),
    NO_MEETING: _("No meeting in 6 months"),
    OVERDUE_EVALUATION: _("Evaluation overdue"),
    WAITING_REQUEST: _("Request waiting > 2 weeks"),
    NO_PLAN: _("No adopted plan"),
    FAMILY_NOT_LOOKED: _("Family has not looked"),
}


def _foster_parents(today):
    return Membership.objects.current(on=today).filter(role=Role.PLEEGOUDER)


def facts(scope):
    """The scope's running placements, one row each with the facts the signals are read
    from. Each fact is one correlated subquery (indexed on placement_id)."""
    today = scope.today
    request_cutoff = today - timedelta(days=d.REQUEST_WAIT_DAYS)
    waiting = (
        MeetingRequest.objects.pending()
        .annotate(created_on=TruncDate("created_at"))
        .filter(placement_id=OuterRef("pk"), created_on__lt=request_cutoff)
        .order_by("created_at", "pk")
    )
    adopted = PlanVersion.objects.adopted().filter(placement_id=OuterRef("pk")).order_by("-number")
    family_visits = PortalVisit.objects.filter(
        placement_id=OuterRef("pk"),
        last_visit_at__gte=OuterRef("last_adopted_at"),
        person_id__in=_foster_parents(today)
        .filter(placement_id=OuterRef(OuterRef("pk")))
        .values("person_id"),
    )
    return (
        scope.placements()
        .active(on=today)
        .filter(start_date__lte=today)
        .annotate(
            staff_changes=sql.staff_changes(today),
            last_meeting=Subquery(
                ZorgteamMeeting.objects.filter(placement_id=OuterRef("pk"))
                .order_by("-date")
                .values("date")[:1]
            ),
            overdue_since=Subquery(
                Deadline.objects.open()
                .filter(
                    placement_id=OuterRef("pk"), kind=rules.VISIT_EVALUATION, due_date__lt=today
                )
                .order_by("due_date")
                .values("due_date")[:1],
                output_field=DateField(),
            ),
            request_pk=Subquery(waiting.values("pk")[:1]),
            request_on=Subquery(waiting.values("created_on")[:1], output_field=DateField()),
            has_plan=Exists(adopted),
            last_adopted_on=Subquery(adopted.values("adopted_on")[:1]),
            last_adopted_at=Subquery(adopted.values("adopted_at")[:1]),
            has_family=Exists(_foster_parents(today).filter(placement_id=OuterRef("pk"))),
        )
        .annotate(family_looked=Exists(family_visits))
        .values(
            "reference",
            "start_date",
            "staff_changes",
            "last_meeting",
            "overdue_since",
            "request_pk",
            "request_on",
            "has_plan",
            "last_adopted_on",
            "has_family",
            "family_looked",
            child_name=F("child__first_name"),
        )
        .order_by()
    )


def conditions(today):
    """Each signal as an SQL condition on the columns of facts(), with {named} values.

    definitions.py has the same rules as pure functions; the tests hold the two together.
    """
    values = {
        "changes": d.STAFF_CHANGES_AT_RISK,
        "six_months_ago": d.add_months(today, -d.NO_MEETING_MONTHS),
        "plan_grace": today - timedelta(days=d.PLAN_GRACE_DAYS),
        "family_grace": today - timedelta(days=d.FAMILY_GRACE_DAYS),
    }
    by_signal = {
        STAFF_CHANGES: "staff_changes >= {changes}",
        NO_MEETING: "start_date <= {six_months_ago}"
        " AND (last_meeting IS NULL OR last_meeting < {six_months_ago})",
        OVERDUE_EVALUATION: "overdue_since IS NOT NULL",
        WAITING_REQUEST: "request_pk IS NOT NULL",
        NO_PLAN: "NOT has_plan AND start_date <= {plan_grace}",
        FAMILY_NOT_LOOKED: "has_family AND last_adopted_on <= {family_grace} AND NOT family_looked",
    }
    return by_signal, values


def _bind(template, values):
    """{name} -> a query parameter, in order of appearance: no value is ever spliced in."""
    params = []

    def placeholder(match):
        params.append(values[match.group(1)])
        return "%s"

    return re.sub(r"\{(\w+)\}", placeholder, template), params


@dataclass
class RiskCounts:
    running: int = 0
    at_risk: int = 0
    per_signal: dict = field(default_factory=dict)
    matching: int = 0  # in the list asked for: all at risk, or those with one signal


class RiskRow(dict):
    """A placement's facts (see facts()) and its flag_<signal> of 0 or 1, as attributes."""

    __getattr__ = dict.__getitem__


def ranked(scope, *, signal=None, limit=25, offset=0, everything=False):
    """(rows, counts): the placements at risk, the most signals first (then the longest
    overdue evaluation, the oldest request), and the counts of the whole scope, which ride
    along as window sums. One query; every fact computed once per placement.

    `everything`: all the placements of the list and no counts (the CSV export).
    """
    by_signal, values = conditions(scope.today)
    listed = f"flag_{signal}" if signal in SIGNALS else "signals"
    flags = ", ".join(f"CASE WHEN {by_signal[s]} THEN 1 ELSE 0 END AS flag_{s}" for s in SIGNALS)
    template = f"""
        SELECT *,
            COUNT(*) OVER () AS n_running,
            SUM(CASE WHEN signals > 0 THEN 1 ELSE 0 END) OVER () AS n_at_risk,
            SUM(CASE WHEN {listed} > 0 THEN 1 ELSE 0 END) OVER () AS n_matching,
            {", ".join(f"SUM(flag_{s}) OVER () AS n_{s}" for s in SIGNALS)}
        FROM (
            SELECT *, {" + ".join(f"flag_{s}" for s in SIGNALS)} AS signals
            FROM (SELECT t.*, {flags} FROM t) AS flagged
        ) AS counted
        {f"WHERE {listed} > 0" if everything else ""}
        ORDER BY {listed} DESC, signals DESC, overdue_since ASC NULLS LAST,
            request_on ASC NULLS LAST, reference
        LIMIT {{limit}} OFFSET {{offset}}
    """
    # Every running placement at most: a bound for the export that SQLite accepts too.
    limit = 2**31 - 1 if everything else limit
    query, params = _bind(template, {**values, "limit": limit, "offset": offset})
    found = sql.over_rows(
        facts(scope),
        query,
        params,
        dates=("start_date", "last_meeting", "overdue_since", "request_on", "last_adopted_on"),
    )
    # No running placement in scope (a professional without a caseload): every count is 0.
    counts = RiskCounts(per_signal=dict.fromkeys(SIGNALS, 0))
    if found:
        first = found[0]
        counts = RiskCounts(
            running=int(first["n_running"]),
            at_risk=int(first["n_at_risk"] or 0),
            per_signal={s: int(first[f"n_{s}"] or 0) for s in SIGNALS},
            matching=int(first["n_matching"] or 0),
        )
    # Past the placements at risk the ordering reaches those without a signal: not listed.
    return [RiskRow(row) for row in found if row[listed] > 0], counts
