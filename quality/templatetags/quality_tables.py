"""The rows of a quality table, rendered in Python: a team lead's table per professional has
a few thousand cells, and Django's template engine took a third of the page's time on them."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _content(cell):
    text = escape(cell.text)
    if cell.note:
        text += f'<span class="d-block small text-body-secondary">{escape(cell.note)}</span>'
    if not cell.url:
        return text
    context = (
        f'<span class="visually-hidden"> ({escape(cell.context)})</span>' if cell.context else ""
    )
    return f'<a href="{escape(cell.url)}">{text}{context}</a>'


def _align(table, index):
    return "text-start" if index in table.text_columns else "text-end"


@register.simple_tag
def table_head(table):
    cells = [
        f'<th scope="col">{escape(label)}</th>'
        if index == 0
        else f'<th scope="col" class="{_align(table, index)}">{escape(label)}</th>'
        for index, label in enumerate(table.columns)
    ]
    return mark_safe(f"<tr>{''.join(cells)}</tr>")


@register.simple_tag
def table_rows(table):
    rows = []
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0:
                cells.append(f'<th scope="row" class="fw-normal">{_content(cell)}</th>')
            else:
                css = _align(table, index) + (f" {escape(cell.css)}" if cell.css else "")
                cells.append(f'<td class="{css}">{_content(cell)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        empty = escape(_("Nothing to show for this period."))
        rows.append(
            f'<tr><td colspan="{len(table.columns)}" class="text-body-secondary">{empty}</td></tr>'
        )
    # Every value above went through escape(): safe to mark as HTML.
    return mark_safe("\n".join(rows))
