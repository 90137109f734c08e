"""The collaboration sections of the professionals' placement page (cases.sections).

A fixed number of queries each, whatever the history, read once with the timeline
(reads.py): the meeting requests the regie acts on, the decisions with a count of open
questions, the latest meeting records, and the handover checklists of recent staff changes.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cases.permissions import oversees_placement
from evaluations.models import ZorgteamMeeting
from evaluations.selectors import placement_events

from . import reads
from .forms import HandoverPlanForm
from .meeting_requests import open_meeting_requests
from .views.common import may_record, reads_whole_file

MEETINGS_SHOWN = 5
# A checklist stays on the page while it is not done, and at most this long after the change.
CHECKLIST_DAYS = 180


def section_context(request, placement):
    if not reads_whole_file(request.user, placement):
        return {"collab_hidden": True}
    decisions = reads.decisions(placement)
    records = reads.meeting_records(placement)[:MEETINGS_SHOWN]
    meeting_url = reverse("collaboration:meeting_record", args=[placement.reference])
    requests = open_meeting_requests(
        placement,
        reads.meeting_requests(placement),
        placement_events(placement, ZorgteamMeeting),
    )
    for meeting_request in requests:
        meeting_request.record_url = f"{meeting_url}?kind={ZorgteamMeeting.Kind.ON_REQUEST}"
    return {
        "collab_requests": requests,
        "collab_decisions": decisions,
        "collab_meetings": records,
        "collab_may_record": may_record(request.user, placement),
        "collab_ended": placement.is_ended(),
        "collab_meeting_url": meeting_url,
    }


def handover_context(request, placement):
    """The checklists the new professional works through; the regie sees them too."""
    today = timezone.localdate()
    user = request.user
    if placement.is_ended(on=today):
        return {"handovers": []}  # nobody is handed an ended placement
    since = today - timedelta(days=CHECKLIST_DAYS)
    changes = [c for c in reads.staff_changes(placement) if c.change_date >= since]
    if not changes:
        return {"handovers": []}
    regie = may_record(user, placement)
    held = sorted(
        meeting.date
        for meeting in placement_events(placement, ZorgteamMeeting)
        if meeting.kind == ZorgteamMeeting.Kind.HANDOVER
    )
    handovers = []
    for change in changes:
        mine = change.new_membership.person_id == user.pk or oversees_placement(user, placement)
        if not (mine or regie):
            continue
        held_on = next((day for day in held if day >= change.change_date), None)
        done = bool(change.file_read_on and held_on and change.plan_kept_on)
        if done and not mine:
            continue
        handovers.append(
            {
                "change": change,
                "mine": mine,
                "held_on": held_on,
                "done": done,
                "plan_form": HandoverPlanForm(
                    prefix=f"h{change.pk}",
                    initial={"planned_on": change.handover_meeting_on},
                ),
                "record_url": reverse("collaboration:meeting_record", args=[placement.reference])
                + f"?kind={ZorgteamMeeting.Kind.HANDOVER}",
            }
        )
    return {"handovers": handovers}
