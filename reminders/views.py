from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evaluations.forms import deadline_action_url
from evaluations.models import Deadline

from .emails import status_text
from .models import Reminder
from .selectors import open_reminders_for_page
from .services import stage_of


def _status(deadline, today):
    current = stage_of(deadline, today)
    if current is None:
        # Its due date moved beyond the reminder window since the reminder went out.
        return "upcoming", _("not yet due")
    light = "due_soon" if current.stage != "overdue" else "overdue"
    return light, status_text(current.stage, deadline.due_date, today)


@login_required
def open_reminders(request):
    """The professional's open reminders, grouped by placement, each linking to where to act."""
    if not request.user.is_professional:
        raise Http404  # families get no deadline reminders; the page does not exist for them
    today = timezone.localdate()
    deadlines = list(open_reminders_for_page(request.user))
    # get_kind_display() rebuilds the choices dict on each call: a fifth of this page's time.
    kind_labels = dict(Deadline.Kind.choices)
    # The row's words are made here, once per label, rather than by template tags per row
    # (blocktranslate, date filters, url lookups were half of this page's time).
    reasons = {
        Reminder.Reason.RESPONSIBLE: _("you are responsible"),
        Reminder.Reason.ESCALATED: _("overdue: you have the regie"),
    }
    informed = _("for your information")
    groups = []
    for _ref, items in groupby(deadlines, key=lambda d: d.placement.reference):
        items = list(items)
        placement_url = items[0].placement.get_absolute_url()
        for deadline in items:
            deadline.light, deadline.status_text = _status(deadline, today)
            deadline.kind_label = kind_labels.get(deadline.kind, deadline.kind)
            deadline.action_url = deadline_action_url(
                reference=deadline.placement.reference, kind=deadline.kind, key=deadline.key
            )
            deadline.due_text = _("by %(date)s") % {"date": date_format(deadline.due_date, "j F Y")}
            deadline.reason_text = reasons.get(deadline.reminder_reason, informed)
            deadline.emailed_text = (
                _("emailed on %(date)s")
                % {"date": date_format(timezone.localtime(deadline.last_emailed), "j F")}
                if deadline.last_emailed
                else ""
            )
        groups.append({"placement": items[0].placement, "url": placement_url, "deadlines": items})
    return render(
        request,
        "reminders/open_reminders.html",
        {
            "groups": groups,
            "count": len(deadlines),
            "today": today,
            # The navigation's count is this list's length: no second count for this page.
            "open_reminder_count": len(deadlines),
        },
    )
