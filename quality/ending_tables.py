"""Early endings and placements at risk as tables and charts, each figure a link."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from cases.models import Placement
from evaluations import rules
from evaluations.forms import ZORGTEAM_MEETING, deadline_action_url

from . import charts, endings, risk
from . import definitions as d
from .tables import Table, cell, number, percent

GROUP_LABELS = {
    d.EARLY: gettext_lazy("Ended early"),
    d.PLANNED: gettext_lazy("Ended as planned"),
    d.UNKNOWN_REASON: gettext_lazy("Ended, kind not recorded"),
    d.CONTINUING: gettext_lazy("Continuing"),
}
BUCKET_LABELS = {
    d.WITHIN_3_MONTHS: gettext_lazy("Within 3 months"),
    d.MONTHS_3_TO_12: gettext_lazy("After 3 to 12 months"),
    d.AFTER_12_MONTHS: gettext_lazy("After 12 months or more"),
}
PRECEDED_LABELS = {
    endings.STAFF_CHANGE: gettext_lazy("A staff change in the 12 months before"),
    endings.LATE_EVALUATION: gettext_lazy("An overdue visit evaluation in the 12 months before"),
    endings.WAITED_REQUEST: gettext_lazy("A meeting request that waited more than 2 weeks"),
}
PRECEDED_SHORT = {
    endings.STAFF_CHANGE: gettext_lazy("Staff change"),
    endings.LATE_EVALUATION: gettext_lazy("Overdue visit evaluation"),
    endings.WAITED_REQUEST: gettext_lazy("Meeting request waited > 2 weeks"),
}
GROUP_SHORT = {
    d.EARLY: gettext_lazy("early"),
    d.PLANNED: gettext_lazy("as planned"),
    d.CONTINUING: gettext_lazy("continuing"),
}
COMPARED = (d.EARLY, d.PLANNED, d.CONTINUING)


def reason_label(reason):
    if not reason:
        return _("Kind not recorded")
    return str(Placement.EndReasonKind(reason).label)


def _ordered_reasons():
    early = [r for r in endings.REASONS if r in endings.EARLY_REASONS]
    return early + [r for r in endings.REASONS if r not in endings.EARLY_REASONS] + [""]


def reasons_table(result, links):
    table = Table(
        "endings-reasons",
        _("Placements that ended in the period, by kind of ending"),
        [_("Kind of ending"), pgettext("quality", "Placements"), _("Share of the endings")],
    )
    for reason in _ordered_reasons():
        count = result.by_reason.get(reason, 0)
        if reason == "" and not count:
            continue
        label = reason_label(reason)
        url = (
            links.placements(reason=reason) if reason else links.placements(group=d.UNKNOWN_REASON)
        )
        table.rows.append(
            [
                cell(label),
                cell(count, url if count else "", label),
                cell(percent(d.share(count, result.ended))),
            ]
        )
    return table


def reasons_chart(result):
    return charts.hbar(
        "chart-endings-reasons",
        _("Early endings by reason"),
        [
            (
                reason_label(reason),
                result.by_reason.get(reason, 0),
                number(result.by_reason.get(reason, 0)),
                "early",
            )
            for reason in endings.REASONS
            if reason in endings.EARLY_REASONS
        ],
    )


def durations_table(result, links):
    table = Table(
        "endings-durations",
        _("Placements that ended in the period, by how long they lasted"),
        [
            pgettext("quality", "Lasted"),
            GROUP_LABELS[d.EARLY],
            GROUP_LABELS[d.PLANNED],
            GROUP_LABELS[d.UNKNOWN_REASON],
            _("Share ended early"),
        ],
    )
    for bucket in d.DURATION_BUCKETS:
        label = BUCKET_LABELS[bucket]
        row = [cell(label)]
        for group in (d.EARLY, d.PLANNED, d.UNKNOWN_REASON):
            count = result.by_bucket[(group, bucket)]
            row.append(
                cell(
                    count,
                    links.placements(group=group, bucket=bucket) if count else "",
                    f"{GROUP_LABELS[group]}, {label}",
                )
            )
        row.append(
            cell(percent(d.share(result.by_bucket[(d.EARLY, bucket)], result.bucket_total(bucket))))
        )
        table.rows.append(row)
    return table


def durations_chart(result):
    return charts.hbar(
        "chart-endings-durations",
        _("Early endings by how long the placement lasted"),
        [
            (
                str(BUCKET_LABELS[b]),
                result.by_bucket[(d.EARLY, b)],
                number(result.by_bucket[(d.EARLY, b)]),
                "early",
            )
            for b in d.DURATION_BUCKETS
        ],
    )


def preceded_table(result, links):
    table = Table(
        "endings-preceded",
        _("What preceded the ending, beside placements that continue"),
        [_("In the 12 months before the end")] + [str(GROUP_LABELS[g]) for g in COMPARED],
    )
    row = [cell(pgettext("quality", "Placements"))]
    for group in COMPARED:
        count = result.groups[group].count
        row.append(cell(count, links.placements(group=group) if count else "", GROUP_LABELS[group]))
    table.rows.append(row)
    for signal in endings.SIGNALS:
        row = [cell(PRECEDED_LABELS[signal])]
        for group in COMPARED:
            figure = result.groups[group]
            with_signal = figure.with_signal[signal]
            if not figure.count:
                row.append(cell("—"))
                continue
            row.append(
                cell(
                    _("%(share)s (%(count)s)")
                    % {"share": percent(figure.signal_share(signal)), "count": with_signal},
                    links.placements(group=group, signal=signal) if with_signal else "",
                    f"{PRECEDED_LABELS[signal]}, {GROUP_LABELS[group]}",
                )
            )
        table.rows.append(row)
    row = [cell(_("Staff changes per placement (mean)"))]
    for group in COMPARED:
        mean = result.groups[group].mean_staff_changes
        row.append(cell(number(mean, 2) if mean is not None else "—"))
    table.rows.append(row)
    return table


def preceded_chart(result):
    """Per signal one label and three bars: ended early, ended as planned, continuing."""
    items = []
    for signal in endings.SIGNALS:
        for index, group in enumerate(COMPARED):
            share = result.groups[group].signal_share(signal)
            items.append(
                (
                    str(PRECEDED_SHORT[signal]) if index == 0 else "",
                    share,
                    f"{GROUP_SHORT[group]}: {percent(share)}",
                    group,
                )
            )
    return charts.hbar(
        "chart-endings-preceded",
        _("What preceded the ending, beside placements that continue"),
        items,
        maximum=100,
    )


# --- Placements at risk ----------------------------------------------------------------------


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
    return formats.date_format(day, "j M Y")


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
