"""Early endings as tables and charts: by kind, by duration, what preceded them; each figure
a link to the placements behind it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cases.models import EndReason

from . import charts, endings
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
    return str(EndReason(reason).label)


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
