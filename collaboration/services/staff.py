"""Staff changes told to the family (advice 7) and handed over with care (advice 6).

When the pleegzorgbegeleider or voogd changes (zorgteam.services.membership_replace sends
staff_changed inside its transaction), a StaffChange opens: the family is emailed after the
commit and sees a notice in the portal with the new person's name, role, how to reach them
and, once planned, the date of the handover meeting. The new professional gets a checklist
on the placement page: file read, handover meeting held, plan unchanged until they know the
family.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evaluations.models import ZorgteamMeeting
from evaluations.services import HANDOVER_ROLES
from evaluations.services.deadlines import lock_placement

from ..models import StaffChange

PLAN_AHEAD_DAYS = 365
ITEMS = {"file_read": "file_read_on", "plan_kept": "plan_kept_on"}


def staff_change_open(sender, *, old, new, **kwargs):
    """Receiver of zorgteam.signals.staff_changed (in the staff change's transaction)."""
    if new.role not in HANDOVER_ROLES:
        return
    change = StaffChange.objects.create(
        placement_id=new.placement_id,
        new_membership=new,
        old_membership=old,
        role=new.role,
        change_date=new.start_date,
    )
    from ..notifications import staff_change_notify

    change_id = change.pk
    transaction.on_commit(lambda: staff_change_notify(change_id=change_id))


def handover_meeting_held_on(change):
    """The day of the handover meeting on or after the change, if one is recorded."""
    return (
        ZorgteamMeeting.objects.filter(
            placement_id=change.placement_id,
            kind=ZorgteamMeeting.Kind.HANDOVER,
            date__gte=change.change_date,
        )
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


@transaction.atomic
def handover_meeting_plan(*, staff_change, planned_on):
    """The date of the handover meeting; the family is told (email and portal)."""
    placement = lock_placement(staff_change.placement_id)
    change = StaffChange.objects.select_for_update().get(pk=staff_change.pk)
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError({"planned_on": _("The meeting date cannot be in the past.")})
    if planned_on < change.change_date:
        # Only a handover meeting from the new professional's first day closes the deadline.
        raise ValidationError(
            {
                "planned_on": _("Plan it on or after the first day of %(name)s (%(date)s).")
                % {
                    "name": change.new_membership.person.full_name,
                    "date": date_format(change.change_date, "j F Y"),
                }
            }
        )
    if planned_on > today + timedelta(days=PLAN_AHEAD_DAYS):
        raise ValidationError({"planned_on": _("Plan the meeting within a year from today.")})
    if placement.end_date is not None and planned_on > placement.end_date:
        raise ValidationError(
            {
                "planned_on": _("The placement ends on %(date)s; plan the meeting before that.")
                % {"date": date_format(placement.end_date, "j F Y")}
            }
        )
    if change.handover_meeting_on == planned_on:
        return change
    change.handover_meeting_on = planned_on
    change.save(update_fields=["handover_meeting_on"])
    from ..notifications import staff_change_notify

    change_id = change.pk
    transaction.on_commit(lambda: staff_change_notify(change_id=change_id, planned=True))
    return change


@transaction.atomic
def handover_item_done(*, staff_change, item):
    """Tick "file read" or "plan kept unchanged until I know the family". Idempotent."""
    if item not in ITEMS:
        raise ValidationError(_("Unknown checklist item."))
    change = StaffChange.objects.select_for_update().get(pk=staff_change.pk)
    field = ITEMS[item]
    if getattr(change, field) is None:
        setattr(change, field, timezone.localdate())
        change.save(update_fields=[field])
    return change
