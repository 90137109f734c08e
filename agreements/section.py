"""The plan's section on the professionals' placement page (cases.sections, order 20).

The query count is constant: a handful of queries whatever the size of the plan or team.
"""

from zorgteam.permissions import holds_regie

from . import selectors
from .forms import MeetingRequestHandleForm


def section_context(request, placement):
    user = request.user
    versions = selectors.versions_for(user, placement)
    current = selectors.current_version(versions)
    draft = selectors.draft_version(versions)
    agreements = selectors.agreements_for(user, current) if current else []
    members = selectors.current_members(placement)
    family = [m.person for m in selectors.family_members(members)]
    return {
        "plan_current": current,
        "plan_draft": draft,
        "plan_older": [v for v in versions if v.is_adopted and v != current],
        "plan_goals": selectors.goals_for(user, current) if current else [],
        "plan_groups": selectors.by_category(agreements),
        "plan_agreement_count": len(agreements),
        "plan_professionals_only_count": sum(1 for a in agreements if a.is_professionals_only),
        "plan_read_overview": selectors.read_overview(agreements, family) if current else [],
        "plan_meeting_requests": selectors.open_meeting_requests(placement),
        "plan_open_comments": selectors.open_comments(placement),
        "plan_can_edit": holds_regie(user, placement),
        "plan_handle_form": MeetingRequestHandleForm(),
    }
