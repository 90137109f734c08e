"""The caseload filter bar's voogd options, written in Python (see dashboard/_filters.html).

An application manager or a team lead filters on some hundreds of voogden: as a template
loop, each option cost five variable lookups and two filters.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def voogd_options(form):
    """The <option>s of the voogd filter: "all voogden", then each voogd, the chosen one
    selected."""
    field = form["voogd"]
    chosen = "" if field.value() is None else str(field.value())
    options = [f'<option value="">{escape(str(form.fields["voogd"].empty_label))}</option>']
    for voogd in form.voogds:
        selected = " selected" if str(voogd.pk) == chosen else ""
        name = voogd.full_name or voogd.email
        options.append(f'<option value="{voogd.pk}"{selected}>{escape(name)}</option>')
    return mark_safe("".join(options))
