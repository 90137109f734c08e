"""Who may see which part of the hulpverleningsplan. Every view, print, email and count
starts from one of these `visible_to` methods, so the rule is written exactly once.

The rule (DOMAIN.md "Privacy and access"):
- nobody sees anything of a placement outside their zorgteam (Placement.visible_to);
- professionals see every version, goal and agreement of their placements;
- everyone else (foster parents, parents, the child, the network) sees adopted versions
  only — a draft is the professionals' work in progress — and of those only the agreements
  shared with the whole zorgteam, never the professionals-only ones.
"""

from django.db import models

from cases.models import Placement


def _is_professional(user):
    return bool(getattr(user, "is_professional", False))


def _placements(user):
    return Placement.objects.visible_to(user)


def _versions(queryset):
    # The version model through the relation, so this module needs no import of plan.py.
    return queryset.model._meta.get_field("version").related_model.objects


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        qs = self.filter(placement__in=_placements(user))
        if not _is_professional(user):
            qs = qs.filter(status=self.model.Status.ADOPTED)
        return qs

    def adopted(self):
        return self.filter(status=self.model.Status.ADOPTED)

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__in=_versions(self).visible_to(user))


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """THE visibility rule for agreements (see the module docstring)."""
        qs = self.filter(version__in=_versions(self).visible_to(user))
        if not _is_professional(user):
            qs = qs.filter(visibility=self.model.Visibility.TEAM)
        return qs

    def for_person(self, user, placement):
        return self.visible_to(user).filter(version__placement=placement)

    def shared_with_team(self):
        return self.filter(visibility=self.model.Visibility.TEAM)
