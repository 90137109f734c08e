"""Placements at risk as a table, a chart and a ranked list: per signal what is wrong and a
link to the page where someone acts on it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from evaluations import rules
from evaluations.forms import ZORGTEAM_MEETING, deadline_action_url

from . import charts, risk
from . import definitions as d
from .norm_tables import short_date
from .tables import Table, cell, number, percent


def signals_table(counts, links):
    table = Table(
        "risk-signals",
        _("Running placements with a risk signal"),
        [
            pgettext("quality", "Signal"),
            pgettext("quality", "Placements"),
            _("Share of the running placements"),
        ],
    )
    table.rows.append(
        [
            cell(_("At least one signal")),
            cell(counts.at_risk, links.risk() if counts.at_risk else "", _("at risk")),
            cell(percent(d.share(counts.at_risk, counts.running))),
        ]
    )
    for signal in risk.SIGNALS:
        count = counts.per_signal[signal]
        label = risk.SIGNAL_LABELS[signal]
        table.rows.append(
            [
                cell(label),
                cell(count, links.risk(signal) if count else "", label),
                cell(percent(d.share(count, counts.running))),
            ]
        )
    return table


def signals_chart(counts):
    return charts.hbar(
        "chart-risk",
        _("Running placements per risk signal"),
        [
            (str(risk.SIGNAL_SHORT[s]), counts.per_signal[s], number(counts.per_signal[s]), "risk")
            for s in risk.SIGNALS
        ],
    )


@dataclass
class Signal:
    key: str
    label: str
    detail: str
    url: str
    action: str


@dataclass
class RiskRow:
    reference: str
    child: str
    url: str
    signals: list


def _date(day):
    return short_date(day)


ACTION_LABELS = {
    risk.STAFF_CHANGES: gettext_lazy("Zorgteam"),
    risk.NO_MEETING: gettext_lazy("Record a meeting"),
    risk.OVERDUE_EVALUATION: gettext_lazy("Record the evaluation"),
    risk.WAITING_REQUEST: gettext_lazy("Answer the request"),
    risk.NO_PLAN: gettext_lazy("To the plan"),
    risk.FAMILY_NOT_LOOKED: gettext_lazy("Zorgteam"),
}


def _signals_of(p, today):
    ref = p.reference
    if p.flag_staff_changes:
        yield (
            risk.STAFF_CHANGES,
            ngettext("%(n)s change", "%(n)s changes", p.staff_changes) % {"n": p.staff_changes},
            reverse("zorgteam:manage", args=[ref]),
        )
    if p.flag_no_meeting:
        yield (
            risk.NO_MEETING,
            _("last on %(date)s") % {"date": _date(p.last_meeting)}
            if p.last_meeting
            else _("none recorded"),
            reverse("evaluations:record", args=[ref, ZORGTEAM_MEETING]),
        )
    if p.flag_overdue_evaluation:
        yield (
            risk.OVERDUE_EVALUATION,
            _("due %(date)s, %(days)s days ago")
            % {"date": _date(p.overdue_since), "days": (today - p.overdue_since).days},
            deadline_action_url(reference=ref, kind=rules.VISIT_EVALUATION),
        )
    if p.flag_waiting_request:
        yield (
            risk.WAITING_REQUEST,
            _("asked on %(date)s") % {"date": _date(p.request_on)},
            reverse("agreements:meeting_request_handle", args=[ref, p.request_pk]),
        )
    if p.flag_no_plan:
        yield risk.NO_PLAN, "", reverse("agreements:plan", args=[ref])
    if p.flag_family_not_looked:
        yield (
            risk.FAMILY_NOT_LOOKED,
            _("version of %(date)s") % {"date": _date(p.last_adopted_on)},
            reverse("zorgteam:manage", args=[ref]),
        )


def risk_rows(placements, today):
    """The ranked placements with, per signal, what is wrong and the page to act on it."""
    return [
        RiskRow(
            reference=p.reference,
            child=p.child_name,
            url=reverse("cases:placement_detail", args=[p.reference]),
            signals=[
                Signal(key, str(risk.SIGNAL_LABELS[key]), detail, url, str(ACTION_LABELS[key]))
                for key, detail, url in _signals_of(p, today)
            ],
        )
        for p in placements
    ]


def risk_table(rows, filters=None):
    """The ranked list for CSV: one column per signal, with what is wrong."""
    table = Table(
        "risk",
        _("Placements at risk"),
        [
            pgettext("quality", "Reference"),
            pgettext("quality", "Child"),
            pgettext("quality", "Signals"),
        ]
        + [str(risk.SIGNAL_LABELS[s]) for s in risk.SIGNALS],
        filters=filters or {},
    )
    for row in rows:
        found = {s.key: s.detail or _("yes") for s in row.signals}
        table.rows.append(
            [cell(row.reference, row.url), cell(row.child), cell(len(row.signals))]
            + [cell(found.get(s, "")) for s in risk.SIGNALS]
        )
    return table
