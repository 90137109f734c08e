"""The plan's section on the professionals' placement page (cases.sections, order 20).

The query count is constant: a handful of queries whatever the size of the plan or team.
The meeting requests the regie acts on are in the collaboration app's section, which knows
when a meeting answered them.
What it shows follows the reader's access (zorgteam.access): another professional sees
the adopted goals and agreements shared with them, not the proposals or who read what.
"""

from zorgteam.access import access_for, current_memberships
from zorgteam.permissions import holds_regie_among

from . import selectors


def section_context(request, placement):
    user = request.user
    access = access_for(user, placement)
    versions = selectors.versions_for(access, team_read=True)
    current = selectors.current_version(versions)
    draft = selectors.draft_version(versions)
    agreements = selectors.agreements_for(access, current) if current else []
    whole_file = access.whole_file
    family = selectors.family_members(selectors.current_members(placement)) if whole_file else []
    return {
        "plan_access": access,
        "plan_current": current,
        "plan_draft": draft,
        "plan_older": [v for v in versions if v.is_adopted and v != current],
        "plan_goals": selectors.goals_for(access, current) if current else [],
        "plan_groups": selectors.by_category(agreements),
        "plan_agreement_count": len(agreements),
        "plan_regie_only_count": sum(1 for a in agreements if a.is_regie_only),
        "plan_read_overview": selectors.read_overview(agreements, family) if current else [],
        # A proposal is made on a version: without one there is nothing to read.
        "plan_open_comments": selectors.open_comments(placement) if whole_file and versions else [],
        "plan_can_edit": holds_regie_among(user, placement, current_memberships(placement)),
        "plan_can_request_meeting": not access.read_only,
    }
