from django import template

from ..permissions import holds_regie_among

register = template.Library()


@register.inclusion_tag("zorgteam/_manage_link.html", takes_context=True)
def zorgteam_manage_link(context, placement, current_members):
    """The "Zorgteam beheren" link for the placement page, only for those who may manage.

    Decided from the current members the page already holds, so the page costs no query more.
    """
    return {
        "placement": placement,
        "show": holds_regie_among(context["request"].user, placement, current_members),
    }
