"""Traffic lights for deadlines, rendered in Python.

A caseload page shows some 250 deadlines. Rendered through {% include %} with {% translate %}
each they took most of the page's time (the dashboard stays within 5x a trivial page). Here
the labels are translated once per language (evaluations.formatting) and each light is a few
escaped strings joined: the same markup a template would write.
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
def light_badge(light):
    """The pill: a coloured dot and the status in words (never colour alone)."""
    return mark_safe(_badge(light, labels()))


@register.simple_tag
def due_text(light):
    return mark_safe(_due(light, labels()))


@register.simple_tag
def kind_label(light):
    return mark_safe(_kind(light, labels()))


@register.simple_tag
def role_label(light):
    role = light.responsible_role
    return labels()["role"].get(role, role)


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
