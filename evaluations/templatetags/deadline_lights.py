"""Traffic lights for deadlines, and the caseload's rows, rendered in Python.

A caseload page shows some 250 deadlines. Rendered through {% include %} with {% translate %}
each they took most of the page's time (the dashboard stays within 5x a trivial page). Here
the labels are translated once per language (evaluations.formatting) and each light is a few
escaped strings joined: the same markup a template would write. The rows of the caseload
table and of "this week" followed (within 5x at 1,000 placements): some fifteen
template nodes per row, times 50 rows and 30 items, were the largest share left.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import npgettext

from core.templatetags.dates import day

from ..formatting import labels, short_date
from ..status import OVERDUE

register = template.Library()


def _days_overdue(days, lab):
    cache = lab["overdue"]
    if days not in cache:
        cache[days] = npgettext(
            "traffic light", "%(days)s day overdue", "%(days)s days overdue", days
        ) % {"days": days}
    return cache[days]


# The helpers take the label table `lab` from their caller: looking up the active language
# for each of a few hundred deadlines was itself measurable.


def _badge(light, lab):
    """The pill: a coloured dot and the status in words (never colour alone)."""
    return (
        f'<span class="light light-{light.status}"><span class="light-dot" aria-hidden="true">'
        f"</span>{escape(lab['status'][light.status])}</span>"
    )


def _due(light, lab, compact=False):
    if light.status == OVERDUE and compact:
        # In a caseload row, how late it is says more than the date (shown on "this week").
        days = escape(_days_overdue(light.days_overdue, lab))
        return f'<span class="text-nowrap fw-semibold">{days}</span>'
    if light.status == OVERDUE:
        return (
            f'<span class="text-nowrap">{short_date(light.due_date, lab)}</span> '
            f'<span class="text-nowrap fw-semibold">({escape(_days_overdue(light.days_overdue, lab))})'
            "</span>"
        )
    if light.days == 0:
        return f'<span class="text-nowrap fw-semibold">{escape(lab["today"])}</span>'
    if compact:
        # The column is headed "Deadlines": the date alone reads as the due date there.
        return f'<span class="text-nowrap">{short_date(light.due_date, lab)}</span>'
    text = lab["by"] % {"date": short_date(light.due_date, lab)}
    return f'<span class="text-nowrap">{escape(text)}</span>'


def _kind(light, lab):
    return escape(lab["kind"].get(light.kind, light.kind))


@register.simple_tag
def deadline_list(lights, with_links=False):
    """A placement's open deadlines, most urgent first, as one list.

    On the caseload (no links) overdue ones say how late they are; on the placement page
    (with links to record the event) they give the date as well.
    """
    lab = labels()
    items = []
    for lt in lights:
        link = ""
        if with_links and lt.records:
            link = (
                f' <a class="deadline-act small" href="{escape(lt.url)}">{escape(lab["record"])}'
                f'<span class="visually-hidden"> {_kind(lt, lab)}</span></a>'
            )
        items.append(
            f'<li>{_badge(lt, lab)} <span class="deadline-kind">{_kind(lt, lab)}</span> '
            f'<span class="deadline-due small">{_due(lt, lab, compact=not with_links)}</span>'
            f"{link}</li>"
        )
    css = "deadline-list with-links" if with_links else "deadline-list"
    return mark_safe(f'<ul class="list-unstyled mb-0 {css}">{"".join(items)}</ul>')


# Templates that show lights format their other dates the same way.
register.filter("day", day)


@register.simple_tag
def caseload_rows(
    placements, label_variant, label_since, label_voogd, label_deadlines, label_ended, none
):
    """The rows of the caseload table (dashboard/caseload.html writes the header and labels).

    One tag for all rows: as a tag per row, the template resolved its eight arguments for
    each of the 50 rows.
    """
    labels_ = (label_variant, label_since, label_voogd, label_deadlines, label_ended, none)
    return mark_safe("".join(caseload_row(p, *labels_) for p in placements))


def caseload_row(p, label_variant, label_since, label_voogd, label_deadlines, label_ended, none):
    """One row of the caseload table."""
    lab = labels()
    if p.ended:
        since = (
            f'<span class="badge text-bg-dark">{escape(label_ended)}</span> '
            f'<span class="small">{short_date(p.end_date, lab)}</span>'
        )
    else:
        since = escape(p.since_start)
    if p.lights:
        deadlines = deadline_list(p.lights)
    else:
        deadlines = f'<span class="text-body-secondary small">{escape(none)}</span>'
    worst = f" row-{p.worst}" if p.worst else ""
    # One link for the placement; its name carries the reference, which people search by.
    return mark_safe(
        f'<tr class="caseload-row{worst}">'
        f'<th scope="row" class="fw-normal cell-child">'
        f'<a class="caseload-link" href="{escape(p.url)}">'
        f'<span class="fw-semibold">{escape(str(p.child))}</span> '
        f'<span class="d-block small text-body-secondary">{escape(p.reference)}</span></a></th>'
        f'<td class="cell-half" data-label="{escape(label_variant)}">{escape(p.variant_label)}</td>'
        f'<td class="cell-half" data-label="{escape(label_since)}">{since} '
        f'<span class="d-block small text-body-secondary">{escape(p.start_label)}</span></td>'
        f'<td class="cell-voogd" data-label="{escape(label_voogd)}">'
        f"{escape(p.voogd_name or '—')}</td>"
        f'<td data-label="{escape(label_deadlines)}">{deadlines}</td></tr>'
    )


@register.simple_tag
def week_items(items, record_label, open_label):
    """The lines of "this week", in one tag (see caseload_rows)."""
    return mark_safe("".join(week_item(item, record_label, open_label) for item in items))


def week_item(item, record_label, open_label):
    """One line of "this week": the light, what, whose, when, and the button to act."""
    lab = labels()
    kind = _kind(item, lab)
    role = escape(lab["role"].get(item.responsible_role, item.responsible_role))
    name = escape(item.child_first_name)
    if item.records:
        button, label = "btn-primary", record_label
    else:
        button, label = "btn-outline-primary", open_label
    return mark_safe(
        '<li class="list-group-item px-0 d-flex flex-wrap align-items-center gap-2 week-item">'
        f'{_badge(item, lab)} <div class="flex-grow-1 week-text"><strong>{kind}</strong> '
        f'<span class="d-block d-md-inline small"><a href="{escape(item.placement_url)}">{name}</a> '
        f'<span class="text-body-secondary">{escape(item.reference)}</span> · {_due(item, lab)} · '
        f'<span class="text-body-secondary">{role}</span></span></div> '
        f'<a class="btn btn-sm {button}" href="{escape(item.url)}">{escape(label)}'
        f'<span class="visually-hidden"> {kind}, {name}</span></a></li>'
    )
