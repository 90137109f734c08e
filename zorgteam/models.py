from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles in the zorgteam (DOMAIN.md, "People and roles")."""

    PLEEGZORGBEGELEIDER = "pleegzorgbegeleider", _("Pleegzorgbegeleider")
    VOOGD = "voogd", _("(Gezins)voogd")
    PLEEGOUDER = "pleegouder", _("Foster parent (pleegouder)")
    OUDER = "ouder", _("Parent")
    PLEEGKIND = "pleegkind", _("Foster child")
    NETWERK = "netwerk", _("Network")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Confidant (vertrouwenspersoon)")
    BEHANDELAAR = "behandelaar", _("Therapist (behandelaar)")
    DOCENT = "docent", _("Teacher")
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("Behavioural scientist")
    GEMEENTE = "gemeente", _("Municipality")
    OVERIG = "overig", _("Other")


PROFESSIONAL_ROLES = frozenset(
    {
        Role.PLEEGZORGBEGELEIDER,
        Role.VOOGD,
        Role.BEHANDELAAR,
        Role.DOCENT,
        Role.GEDRAGSWETENSCHAPPER,
        Role.GEMEENTE,
    }
)


# Roles only a family member (non-professional account) may hold, and the reverse. Access is
# decided by the account (professionals' file vs. the family portal), so a professional
# account in a family role would see professionals-only data of that family.
FAMILY_ROLES = frozenset({Role.PLEEGOUDER, Role.OUDER, Role.PLEEGKIND, Role.NETWERK})


# The kind of person an account made for someone joining in this role gets (an invitation,
# the caseload import). It decides what they may see (professionals vs. the family's
# portal), so an unclear role ("overig") gets the least: a non-professional who sees only
# what the family sees.
ROLE_PERSON_TYPES = {
    Role.PLEEGZORGBEGELEIDER: "pleegzorgbegeleider",
    Role.VOOGD: "voogd",
    Role.PLEEGOUDER: "pleegouder",
    Role.OUDER: "ouder",
    Role.PLEEGKIND: "pleegkind",
    Role.NETWERK: "netwerk",
    Role.VERTROUWENSPERSOON: "netwerk",
    Role.BEHANDELAAR: "professional",
    Role.DOCENT: "professional",
    Role.GEDRAGSWETENSCHAPPER: "professional",
    Role.GEMEENTE: "professional",
    Role.OVERIG: "netwerk",
}


def role_fits_person(role, person):
    """A professional account takes professional roles; a family account family roles.

    The vertrouwenspersoon and "other" fit both: a confidant may be a neighbour or a worker.
    """
    if person.is_professional:
        return role not in FAMILY_ROLES
    return role not in PROFESSIONAL_ROLES


RESPONSIBILITIES_MAX_LENGTH = 1000


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))

    def in_role(self, *roles):
        return self.filter(role__in=roles)


class Membership(models.Model):
    """One person's place in one placement's zorgteam, for a period.

    A staff change ends one membership and starts another, so the history stays.
    """

    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    start_date = models.DateField(_("member from"))
    end_date = models.DateField(_("member until"), null=True, blank=True)
    responsibilities = models.TextField(
        _("responsibilities (who does what)"),
        blank=True,
        max_length=RESPONSIBILITIES_MAX_LENGTH,
        validators=[MaxLengthValidator(RESPONSIBILITIES_MAX_LENGTH)],
        help_text=_("In plain words: what this member does and what you can ask them."),
    )
    reachable = models.CharField(
        _("how to reach"), max_length=200, blank=True, help_text=_("e.g. weekdays 9-17 by phone")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "role", "start_date"]
        verbose_name = _("zorgteam membership")
        verbose_name_plural = _("zorgteam memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["person", "placement"])]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} ({self.placement.reference})"

    @property
    def is_professional(self):
        return self.role in PROFESSIONAL_ROLES

    def clean(self):
        super().clean()
        if self.person_id and self.role and not role_fits_person(self.role, self.person):
            if self.person.is_professional:
                message = _(
                    "%(person)s has a professional account and cannot take a family role. "
                    "Give them a separate account for this."
                )
            else:
                message = _("%(person)s has a family account and cannot take a professional role.")
            raise ValidationError({"role": message % {"person": self.person}})

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


# Registered with the zorgteam app; at the end, because it refers to Role above.
from .invitation_models import Invitation  # noqa: E402, F401
