"""The deadlines follow every change of a placement: registered with cases.hooks in apps.py."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgteam.models import Membership

from . import rules
from .services import deadlines_refresh


def deadlines_follow(placement):
    """Recompute the placement's deadlines in the caller's transaction (under its lock).

    Tells the person who made the change about a warm handover it opened: the new
    professional plans a handover meeting by its due date.
    """
    changes = deadlines_refresh(placement=placement)
    notes = []
    for deadline in changes.opened:
        if deadline.kind != rules.HANDOVER:
            continue
        member = Membership.objects.select_related("person").get(pk=int(deadline.key))
        notes.append(
            _("A warm handover is due by %(date)s: %(name)s plans a handover meeting.")
            % {"date": date_format(deadline.due_date, "j F Y"), "name": member.person.full_name}
        )
    return notes
