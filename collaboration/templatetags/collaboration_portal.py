"""Blocks of the family's portal page that the collaboration app owns: staff-change notices
and the decision log as far as it is shared with the reader.

Each tag reads from a placement the portal view already loaded through visible_to, with the
access (zorgteam.access_for) the view computed for this person on it.
"""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("collaboration/_portal_notices.html")
def portal_staff_notices(placement):
    return {"notices": selectors.staff_notices(placement)}


@register.inclusion_tag("collaboration/_portal_decisions.html")
def portal_decisions(placement, access, perspective_decisions):
    """One "Decisions" section: the decision log's entries shared with this person, then the
    perspective decision (evaluations) when it is shared."""
    return {
        "placement": placement,
        "decisions": list(selectors.decisions_for(access).select_related("decided_by")),
        "perspective_decisions": perspective_decisions,
    }
