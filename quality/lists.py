"""The lists behind the figures: deadlines (norms) and placements (endings), as tables that
render on the page and export to CSV. Rows are read as plain values, one query a page."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from evaluations.forms import deadline_action_url

from . import definitions as d
from . import sql
from .ending_tables import BUCKET_LABELS, GROUP_LABELS, reason_label
from .norm_tables import AGE_LABELS, month_label, short_date
from .norms import NORMS
from .tables import Table, cell, days

OUTCOME_LABELS = {d.ON_TIME: gettext_lazy("on time"), d.LATE: gettext_lazy("late")}


def _date(day):
    return short_date(day) if day else "—"


def _norm_labels():
    return {kind: str(norm.label) for norm in NORMS for kind in norm.kinds}


def deadline_rows(queryset):
    """The deadlines of a figure as values, the latest ones first."""
    return (
        queryset.annotate(holder_name=sql.responsible_on_due_date("person__full_name"))
        .order_by(F("late_days").desc(nulls_last=True), "-due_date", "placement__reference")
        .values(
            "kind",
            "due_date",
            "closed_on",
            "status",
            "outcome",
            "late_days",
            "holder_name",
            "placement__reference",
            "placement__child__first_name",
        )
    )


def deadline_heading(filters, norm, person_name="", team_name=""):
    parts = [str(norm.label) if norm else _("All norms")]
    if filters.get("outcome"):
        parts.append(str(OUTCOME_LABELS[filters["outcome"]]))
    if person_name:
        parts.append(person_name)
    if team_name:
        parts.append(team_name)
    if filters.get("band"):
        parts.append(str(AGE_LABELS[filters["band"]]))
    if filters.get("month"):
        parts.append(month_label(filters["month"]))
    return " · ".join(parts)


def deadline_table(rows, caption, filters):
    labels = _norm_labels()
    table = Table(
        "deadlines",
        caption,
        [
            pgettext("quality", "Child"),
            pgettext("quality", "Reference"),
            pgettext("quality", "Norm"),
            pgettext("quality", "Due"),
            pgettext("quality", "Done on"),
            pgettext("quality", "Outcome"),
            _("Days late"),
            _("Responsible on the due date"),
            pgettext("quality", "Act"),
        ],
        filters=filters,
        text_columns=frozenset({1, 2, 3, 4, 5, 7, 8}),
    )
    # A generator: an export of tens of thousands of rows streams instead of piling up.
    table.rows = (_deadline_cells(row, labels) for row in rows)
    return table


def _deadline_cells(row, labels):
    reference = row["placement__reference"]
    is_open = row["status"] == d.OPEN
    act = deadline_action_url(reference=reference, kind=row["kind"]) if is_open else None
    return [
        cell(row["placement__child__first_name"]),
        cell(reference, reverse("cases:placement_detail", args=[reference])),
        cell(labels.get(row["kind"], row["kind"])),
        cell(_date(row["due_date"])),
        cell(_("still open") if is_open else _date(row["closed_on"])),
        cell(str(OUTCOME_LABELS.get(row["outcome"], ""))),
        cell(days(row["late_days"])),
        cell(row["holder_name"] or _("Nobody in the role")),
        cell(pgettext("quality", "Record") if act else "", act or "", reference),
    ]


def placement_rows(queryset):
    return queryset.order_by("-end_date", "reference").values(
        "reference",
        "child__first_name",
        "start_date",
        "end_date",
        "end_reason_kind",
        "ending",
        "bucket",
        "staff_changes",
        "late_evaluation",
        "waited_request",
    )


def placement_table(rows, caption, filters):
    table = Table(
        "placements",
        caption,
        [
            pgettext("quality", "Child"),
            pgettext("quality", "Reference"),
            pgettext("quality", "Start"),
            pgettext("quality", "End"),
            _("Kind of ending"),
            pgettext("quality", "Lasted"),
            _("Staff changes in the 12 months before"),
            _("Overdue visit evaluation"),
            _("Meeting request waited more than 2 weeks"),
        ],
        filters=filters,
        text_columns=frozenset({1, 2, 3, 4, 5, 7, 8}),
    )
    table.rows = (_placement_cells(row, _("yes"), _("no")) for row in rows)
    return table


def _placement_cells(row, yes, no):
    reference = row["reference"]
    continuing = row["ending"] == d.CONTINUING
    return [
        cell(row["child__first_name"]),
        cell(reference, reverse("cases:placement_detail", args=[reference])),
        cell(_date(row["start_date"])),
        cell(_date(row["end_date"]) if not continuing else _("continues")),
        cell(
            str(GROUP_LABELS[d.CONTINUING]) if continuing else reason_label(row["end_reason_kind"])
        ),
        cell(str(BUCKET_LABELS[row["bucket"]]) if row["bucket"] else "—"),
        cell(row["staff_changes"]),
        cell(yes if row["late_evaluation"] else no),
        cell(yes if row["waited_request"] else no),
    ]
