"""Who may see which part of the hulpverleningsplan. Every view, print, email and count
starts from `shared_with(access)` (one placement, zorgteam.access) or `visible_to(user)`
(across placements), so the rule is written exactly once:

- nobody sees anything of a placement outside their zorgteam (Placement.visible_to);
- the regie (pleegzorgbegeleider, voogd, gedragswetenschapper, team lead) sees every
  version — drafts included — and every goal and agreement;
- everyone else (other professionals, foster parents, parents, the child, the network) sees
  adopted versions only — a draft is the regie's work in progress — and of those only the
  goals and agreements shared with their audience (zorgteam.audiences).

Withdrawing an audience from an item withdraws it from every version that holds the item
(agreements.audience_services), so older versions and their prints follow the withdrawal.
"""

from django.db import models
from django.db.models import Q


def _access_filter(user, *, placement_field, status_field, audience_prefix=None):
    """Q over placements and audiences for everything `user` may see, across placements.

    Placements are grouped by the person's audiences there, so the filter stays small: one
    term for the whole-file placements (including a team lead's), one per other audience set.
    `audience_prefix` None: versions (no audience columns, only adopted-or-whole-file).
    """
    from zorgteam.access import accesses_for
    from zorgteam.audiences import Audience, audience_q

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    groups = {}
    for placement_id, audiences in accesses_for(user).items():
        groups.setdefault(audiences, []).append(placement_id)
    condition = Q(pk__in=[])
    if user.is_professional and user.is_team_lead and user.organisation_id:
        condition |= Q(**{f"{placement_field}__provider_id": user.organisation_id})
    for audiences, ids in groups.items():
        term = Q(**{f"{placement_field}_id__in": ids})
        if Audience.REGIE not in audiences:
            term &= Q(**{status_field: "adopted"})
            if audience_prefix is not None:
                term &= audience_q(audiences, audience_prefix)
        condition |= term
    return condition


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(_access_filter(user, placement_field="placement", status_field="status"))

    def shared_with(self, access):
        qs = self.filter(placement_id=access.placement_id)
        if not access.sees_anything:
            return qs.none()
        if not access.whole_file:
            qs = qs.filter(status=self.model.Status.ADOPTED)
        return qs

    def adopted(self):
        return self.filter(status=self.model.Status.ADOPTED)

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)


class _SharedItemQuerySet(models.QuerySet):
    """Goals and agreements: the version's placement and status, and the audience columns."""

    def visible_to(self, user):
        return self.filter(
            _access_filter(
                user,
                placement_field="version__placement",
                status_field="version__status",
                audience_prefix="",
            )
        )

    def shared_with(self, access):
        qs = self.filter(version__placement_id=access.placement_id)
        if not access.sees_anything:
            return qs.none()
        if not access.whole_file:
            qs = qs.filter(access.q(), version__status="adopted")
        return qs


class GoalQuerySet(_SharedItemQuerySet):
    pass


class AgreementQuerySet(_SharedItemQuerySet):
    def reaching_family(self):
        """Shared with at least one family audience: what read receipts are about."""
        return self.filter(
            Q(for_foster_parents=True)
            | Q(for_parents=True)
            | Q(for_child=True)
            | Q(for_network=True)
        )
