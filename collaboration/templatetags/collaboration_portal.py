"""Blocks of the family's portal page that the collaboration app owns: staff-change notices,
the decisions shared with this person, and the notes of meetings shared with them.

Each tag reads from a placement the portal view already loaded through visible_to, and
filters by the roles the person holds in its team today.
"""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("collaboration/_portal_notices.html")
def portal_staff_notices(placement):
    return {"notices": selectors.staff_notices(placement)}


@register.inclusion_tag("collaboration/_portal_decisions.html", takes_context=True)
def portal_decisions(context, placement):
    user = context["request"].user
    return {
        "placement": placement,
        "decisions": list(
            selectors.decisions_for_family(user, placement).select_related("decided_by")
        ),
    }


@register.inclusion_tag("collaboration/_portal_meeting_notes.html", takes_context=True)
def portal_meeting_notes(context, placement):
    user = context["request"].user
    return {"records": selectors.meeting_notes_for_family(user, placement)}
