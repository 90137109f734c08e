from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user, on=None):
        """The placements this person may see. Every view starts here (privacy by default).

        A member sees the placements where they are a current zorgteam member; a team lead
        also sees every placement of their organisation; an application manager
        (superuser) sees all. Anyone else sees nothing. A family member's access ends on the
        placement's end date; professionals keep reading the closed file (DOMAIN.md).
        """
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        from zorgteam.models import Membership

        on = on or timezone.localdate()
        membership = Membership.objects.current(on=on).filter(placement=OuterRef("pk"), person=user)
        condition = Q(Exists(membership))
        if user.is_professional and user.is_team_lead and user.organisation_id:
            condition |= Q(provider_id=user.organisation_id)
        if not user.is_professional:
            condition &= Q(end_date__isnull=True) | Q(end_date__gt=on)
        return self.filter(condition)

    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
