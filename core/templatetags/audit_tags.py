from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..audit_views import may_see_placement_log_of

register = template.Library()


@register.simple_tag(takes_context=True)
def access_log_link(context, placement, current_members):
    """ "Who looked at this file", for those who may see it; decided from the members the
    page already holds, so the placement page costs no query more."""
    if not may_see_placement_log_of(context["request"].user, placement, current_members):
        return ""
    return format_html(
        '<p class="small d-print-none"><a href="{}">{}</a></p>',
        reverse("audit:placement_log", args=[placement.reference]),
        _("Who looked at this file"),
    )
