"""Whose placements, over which period: the frame every figure of the quality page is in.

Privacy: everything starts at Placement.objects.whole_file_for(user) — a team lead's
organisation, the placements where the professional is in the regie. Deadlines tell of court
orders and the voogd's contacts, so another professional in a team (a teacher) counts none
of that placement's; families never get here (the views 404).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, QuerySet, Value, When

from cases.models import Placement
from evaluations.models import Deadline

from . import sql
from .definitions import Period
from .norms import ALL_KINDS, NORMS


def oversees_organisation(user):
    """Team leads (and the application manager) see figures per professional and per team."""
    return bool(user.is_superuser or (user.is_team_lead and user.organisation_id))


@dataclass(frozen=True)
class Scope:
    user: object
    today: date
    period: Period

    @property
    def is_lead(self):
        return oversees_organisation(self.user)

    def placements(self) -> QuerySet:
        return Placement.objects.whole_file_for(self.user, on=self.today)

    def deadlines(self) -> QuerySet:
        """The deadlines of the norms that fell due in the period, each with its norm, its
        outcome as of today and, when late, how many days."""
        return (
            Deadline.objects.filter(
                placement__in=self.placements(),
                kind__in=ALL_KINDS,
                due_date__gte=self.period.start,
                due_date__lte=self.period.end,
            )
            .annotate(
                norm=norm_of_kind(),
                outcome=sql.outcome(self.today),
                late_days=sql.days_late(self.today),
            )
            .order_by()
        )

    def judged_deadlines(self) -> QuerySet:
        """Only those that can be judged: met on time or late (not pending, not cancelled
        before they fell due)."""
        return self.deadlines().filter(sql.judged(self.today))


def norm_of_kind():
    return Case(
        *(When(kind__in=norm.kinds, then=Value(norm.key)) for norm in NORMS),
        default=Value(""),
        output_field=CharField(),
    )
