from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user, on=None):
        """The placements this person may see. Every view starts here (privacy by default).

        A member sees the placements where they are a current zorgteam member; a team lead
        also sees every placement of their organisation; an application manager
        (superuser) sees all. Anyone else sees nothing. When a placement ends, the family
        (foster parents, parents, child, network) loses access on its end date; the
        professionals keep reading the closed file (zorgteam.audiences.CLOSED_FILE_ROLES).
        What a person sees *inside* a placement: zorgteam.access.access_for.
        """
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        from zorgteam.audiences import CLOSED_FILE_ROLES
        from zorgteam.models import Membership

        on = on or timezone.localdate()
        membership = (
            Membership.objects.current(on=on)
            .filter(placement=OuterRef("pk"), person=user)
            .filter(
                Q(role__in=CLOSED_FILE_ROLES)
                | Q(placement__end_date__isnull=True)
                | Q(placement__end_date__gt=on)
            )
        )
        condition = Q(Exists(membership))
        if user.is_professional and user.is_team_lead and user.organisation_id:
            condition |= Q(provider_id=user.organisation_id)
        return self.filter(condition)

    def whole_file_for(self, user, on=None):
        """The placements whose whole file this person reads (zorgteam.audiences.REGIE_ROLES,
        a team lead's organisation, everything for an application manager): the ones whose
        deadlines, events and court orders they see."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        from zorgteam.audiences import REGIE_ROLES
        from zorgteam.models import Membership

        on = on or timezone.localdate()
        membership = (
            Membership.objects.current(on=on)
            .filter(placement=OuterRef("pk"), person=user)
            .filter(role__in=REGIE_ROLES)
        )
        condition = Q(Exists(membership))
        if user.is_professional and user.is_team_lead and user.organisation_id:
            condition |= Q(provider_id=user.organisation_id)
        return self.filter(condition)

    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
