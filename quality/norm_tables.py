"""The norms' figures as tables and charts: per norm, per month, by age, per professional
and per team. Every figure links to the deadlines (and so the placements) behind it."""

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from . import charts
from . import definitions as d
from .figures import UNASSIGNED
from .norms import NORMS_BY_KEY
from .tables import Cell, Table, cell, days, percent

AGE_LABELS = {
    d.AGE_0_4: gettext_lazy("0–4 years"),
    d.AGE_5_11: gettext_lazy("5–11 years"),
    d.AGE_12_UP: gettext_lazy("12 years and older"),
    d.AGE_UNKNOWN: gettext_lazy("Birth date unknown"),
}


def month_label(month):
    return f"{MONTHS_3[month.month]} {month.year}"


def short_date(day):
    """'1 okt 2026': Dutch writes month abbreviations in lower case (as the dashboard does)."""
    return f"{day.day} {MONTHS_3[day.month]} {day.year}"


def norms_table(figures, links):
    table = Table(
        "norms",
        _("Share met on time per norm"),
        [
            pgettext("quality", "Norm"),
            _("Due in the period"),
            pgettext("quality", "On time"),
            _("Share on time"),
            pgettext("quality", "Late"),
            _("Of which still open"),
            _("Median days late"),
            _("Most days late"),
        ],
        note_column=pgettext("quality", "Term"),
    )
    for f in figures:
        norm = f.norm
        heading = Cell(str(norm.label), note=str(norm.period))
        if not f.judged:
            table.rows.append([heading, cell(0), cell(0), cell(percent(None))] + [cell("—")] * 4)
            continue
        table.rows.append(
            [
                heading,
                cell(f.judged, links.deadlines(norm=norm.key), norm.label),
                cell(f.on_time, links.deadlines(norm=norm.key, outcome=d.ON_TIME), norm.label),
                cell(percent(f.share)),
                cell(
                    f.late,
                    links.deadlines(norm=norm.key, outcome=d.LATE),
                    _("late: %(norm)s") % {"norm": norm.label},
                ),
                cell(f.still_open),
                cell(days(f.median_late)),
                cell(days(f.worst_late)),
            ]
        )
    return table


def norms_chart(figures):
    return charts.hbar(
        "chart-norms",
        _("Share met on time per norm"),
        [(str(f.norm.label), f.share, percent(f.share), "on-time") for f in figures],
        maximum=100,
    )


def trend_table(trend, links, norms_with_data):
    norms = [NORMS_BY_KEY[key] for key in norms_with_data]
    table = Table(
        "trend",
        _("Share met on time per month (by due date)"),
        [pgettext("quality", "Month")] + [str(n.label) for n in norms],
    )
    months = [month for month, _counts in next(iter(trend.values()), [])]
    for index, month in enumerate(months):
        row = [cell(month_label(month))]
        for norm in norms:
            counts = trend[norm.key][index][1]
            text = (
                _("%(share)s of %(count)s")
                % {"share": percent(counts.share), "count": counts.judged}
                if counts.judged
                else "—"
            )
            row.append(
                cell(
                    text,
                    links.deadlines(norm=norm.key, month=month.isoformat())
                    if counts.judged
                    else "",
                    f"{norm.label}, {month_label(month)}",
                )
            )
        table.rows.append(row)
    return table


def trend_charts(trend, norms_with_data):
    return [
        charts.columns(
            f"chart-trend-{key}",
            _("%(norm)s: share on time per month") % {"norm": NORMS_BY_KEY[key].label},
            [
                (
                    month_label(month),
                    str(MONTHS_3[month.month]),
                    counts.share,
                    percent(counts.share),
                )
                for month, counts in trend[key]
            ],
        )
        for key in norms_with_data
    ]


def age_table(norm, figures, links):
    table = Table(
        f"age-{norm.key}",
        _("%(norm)s by the child's age at placement") % {"norm": norm.label},
        [
            _("Age at placement"),
            _("Due in the period"),
            pgettext("quality", "On time"),
            _("Share on time"),
            pgettext("quality", "Late"),
            _("Median days late"),
            _("Most days late"),
        ],
    )
    for f in figures:
        label = AGE_LABELS[f.band]
        if not f.judged:
            if f.band == d.AGE_UNKNOWN:
                continue  # only shown when some birth dates are missing
            table.rows.append(
                [cell(label), cell(0), cell(0), cell(percent(None))] + [cell("—")] * 3
            )
            continue
        table.rows.append(
            [
                cell(label),
                cell(f.judged, links.deadlines(norm=norm.key, band=f.band), label),
                cell(
                    f.on_time, links.deadlines(norm=norm.key, band=f.band, outcome=d.ON_TIME), label
                ),
                cell(percent(f.share)),
                cell(
                    f.late,
                    links.deadlines(norm=norm.key, band=f.band, outcome=d.LATE),
                    _("late: %(group)s") % {"group": label},
                ),
                cell(days(f.median_late)),
                cell(days(f.worst_late)),
            ]
        )
    return table


def age_chart(norm, figures):
    return charts.hbar(
        f"chart-age-{norm.key}",
        _("%(norm)s on time, by age at placement") % {"norm": norm.label},
        [
            (str(AGE_LABELS[f.band]), f.share, percent(f.share), "on-time")
            for f in figures
            if f.band != d.AGE_UNKNOWN or f.judged
        ],
        maximum=100,
    )


def groups_table(groups, links, norms_with_data, *, teams=False):
    """Per professional (or per team), worst first; per norm the share and the late ones."""
    norms = [NORMS_BY_KEY[key] for key in norms_with_data]
    first = _("Team (organisation)") if teams else _("Professional")
    columns = [first] + ([] if teams else [_("Team (organisation)")])
    columns += [_("Due in the period"), _("Share on time"), pgettext("quality", "Late")]
    columns += [str(n.label) for n in norms]
    table = Table(
        "teams" if teams else "professionals",
        _("Per team") if teams else _("Per professional"),
        columns,
        text_columns=frozenset() if teams else frozenset({1}),
    )
    # Translated once: a large organisation has a few thousand cells here.
    late_of, share_late, norm_of = (
        _("late: %(group)s"),
        _("%(share)s · %(late)s late"),
        _("%(norm)s, %(group)s"),
    )
    no_team, nobody = _("No organisation"), _("Nobody in the role")
    labels = {norm.key: str(norm.label) for norm in norms}
    for g in groups:
        key = g.key if g.key is not None else UNASSIGNED
        if teams:
            name = g.name or no_team
            scope = {"team": key}
        else:
            name = g.name if g.key is not None else nobody
            scope = {"person": key}
        row = [cell(name)]
        if not teams:
            row.append(cell(g.team_name or "—"))
        row += [
            cell(g.judged, links.deadlines(**scope), name),
            cell(percent(g.share)),
            cell(
                g.late,
                links.deadlines(outcome=d.LATE, **scope),
                late_of % {"group": name},
            ),
        ]
        for norm in norms:
            counts = g.norms.get(norm.key)
            if not counts or not counts.judged:
                row.append(cell("—"))
                continue
            # The late ones when there are any (the ones to look into); else all of them.
            outcome = d.LATE if counts.late else None
            row.append(
                cell(
                    share_late % {"share": percent(counts.share), "late": counts.late},
                    links.deadlines(norm=norm.key, outcome=outcome, **scope),
                    norm_of % {"norm": labels[norm.key], "group": name},
                )
            )
        table.rows.append(row)
    return table
