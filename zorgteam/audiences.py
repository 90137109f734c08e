"""Audiences: with whom a goal, agreement, decision or meeting note is shared.

DOMAIN.md, "Privacy and access": the regie sees the whole file; everyone else sees what is
shared with *their* audience. A person's audiences follow from their current role(s) in the
zorgteam, never from the kind of account alone.

Storage: one boolean column per audience (`for_professionals`, `for_foster_parents`, …).
The regie has no column: it always sees everything. Booleans filter the same way on
PostgreSQL and SQLite, combine with plain `Q` objects and need no join (an ArrayField would
be PostgreSQL-only, a JSON list is awkward to filter on both, a through table costs a join
on every page).
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Role


class Audience(models.TextChoices):
    REGIE = "regie", _("The regie")
    PROFESSIONALS = "professionals", _("Other professionals")
    FOSTER_PARENTS = "foster_parents", _("Foster parents")
    PARENTS = "parents", _("Parents")
    CHILD = "child", _("The child")
    NETWORK = "network", _("Network")


# The audiences a regie member can share with; the order of the checkboxes.
SHAREABLE = (
    Audience.PROFESSIONALS,
    Audience.FOSTER_PARENTS,
    Audience.PARENTS,
    Audience.CHILD,
    Audience.NETWORK,
)
FIELD_FOR = {
    Audience.PROFESSIONALS: "for_professionals",
    Audience.FOSTER_PARENTS: "for_foster_parents",
    Audience.PARENTS: "for_parents",
    Audience.CHILD: "for_child",
    Audience.NETWORK: "for_network",
}
FAMILY_AUDIENCES = frozenset(
    {Audience.FOSTER_PARENTS, Audience.PARENTS, Audience.CHILD, Audience.NETWORK}
)

# The regie: who coordinates and decides (the team lead and application manager join
# through cases.permissions.oversees_placement).
REGIE_ROLES = frozenset({Role.PLEEGZORGBEGELEIDER, Role.VOOGD, Role.GEDRAGSWETENSCHAPPER})
ROLE_AUDIENCE = {
    Role.PLEEGZORGBEGELEIDER: Audience.REGIE,
    Role.VOOGD: Audience.REGIE,
    Role.GEDRAGSWETENSCHAPPER: Audience.REGIE,
    Role.BEHANDELAAR: Audience.PROFESSIONALS,
    Role.DOCENT: Audience.PROFESSIONALS,
    Role.GEMEENTE: Audience.PROFESSIONALS,
    Role.PLEEGOUDER: Audience.FOSTER_PARENTS,
    Role.OUDER: Audience.PARENTS,
    Role.PLEEGKIND: Audience.CHILD,
    Role.NETWERK: Audience.NETWORK,
    Role.VERTROUWENSPERSOON: Audience.NETWORK,
    # An unclear role gets the least: what the network sees.
    Role.OVERIG: Audience.NETWORK,
}
# Roles that keep (read-only) access to the file after the placement ended.
CLOSED_FILE_ROLES = frozenset(
    role
    for role, audience in ROLE_AUDIENCE.items()
    if audience in (Audience.REGIE, Audience.PROFESSIONALS)
)


def audience_of_role(role):
    return ROLE_AUDIENCE.get(role, Audience.NETWORK)


def roles_of(audience):
    return frozenset(role for role, a in ROLE_AUDIENCE.items() if a == audience)


def audience_q(audiences, prefix=""):
    """The filter for items shared with any of `audiences` (the regie sees everything)."""
    audiences = frozenset(audiences)
    if Audience.REGIE in audiences:
        return Q()
    condition = Q(pk__in=[])
    for audience in SHAREABLE:
        if audience in audiences:
            condition |= Q(**{f"{prefix}{FIELD_FOR[audience]}": True})
    return condition


class SharedItem(models.Model):
    """The audience columns of a goal, agreement, decision or meeting note."""

    for_professionals = models.BooleanField(_("shared with the other professionals"), default=False)
    for_foster_parents = models.BooleanField(_("shared with the foster parents"), default=False)
    for_parents = models.BooleanField(_("shared with the parents"), default=False)
    for_child = models.BooleanField(_("shared with the child"), default=False)
    for_network = models.BooleanField(_("shared with the network"), default=False)

    AUDIENCE_FIELDS = tuple(FIELD_FOR.values())

    class Meta:
        abstract = True

    @property
    def audiences(self):
        """The audiences that see this item, the regie always included."""
        shared = {a for a in SHAREABLE if getattr(self, FIELD_FOR[a])}
        return frozenset({Audience.REGIE, *shared})

    def set_audiences(self, audiences):
        audiences = frozenset(audiences)
        for audience, field in FIELD_FOR.items():
            setattr(self, field, audience in audiences)

    def is_shared_with(self, audiences):
        return bool(self.audiences & frozenset(audiences))

    @property
    def is_regie_only(self):
        return self.audiences == {Audience.REGIE}

    @property
    def reaches_family(self):
        return bool(self.audiences & FAMILY_AUDIENCES)

    def audiences_display(self):
        return audiences_label(self.audiences)


def audiences_label(audiences):
    shared = [str(a.label) for a in SHAREABLE if a in audiences]
    if not shared:
        return str(_("Only the regie"))
    return str(_("The regie and: %(audiences)s")) % {"audiences": ", ".join(shared).lower()}


class AudienceField(forms.MultipleChoiceField):
    """Checkboxes for the audiences; the regie is not a choice, it always sees the item."""

    def __init__(self, *, audiences=SHAREABLE, **kwargs):
        kwargs.setdefault("label", _("Shared with"))
        kwargs.setdefault(
            "help_text",
            _(
                "The regie (pleegzorgbegeleider, voogd, team lead and gedragswetenschapper) "
                "always sees everything. Tick who else may see this: on a page, in print and "
                "in an email."
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[(a.value, a.label) for a in audiences],
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def clean(self, value):
        return frozenset(Audience(v) for v in super().clean(value))


def initial_audiences(instance, default=()):
    """The ticked boxes of an AudienceField for an existing item, or the defaults for a new one."""
    if instance is not None and instance.pk:
        return [a.value for a in SHAREABLE if getattr(instance, FIELD_FOR[a])]
    return [Audience(a).value for a in default]


def audience_flags(audiences):
    """{"for_parents": True, …} for every column, from a set of audiences."""
    audiences = frozenset(audiences)
    return {field: audience in audiences for audience, field in FIELD_FOR.items()}
