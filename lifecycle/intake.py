"""Registering a new placement in the app (intake): one transaction, nothing half-saved.

The child, the placement (registered_via=intake, so the start meeting is owed), the court
order it is placed under, the first members (the registering pleegzorgbegeleider) and invitations for the others
(sent after the commit; a membership starts when its invitation is accepted),
an empty draft of the hulpverleningsplan and the deadlines that apply. A child with the same
name and birth date as one the app knows is flagged before a second placement is made.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.services import plan_version_start
from cases.models import Child, Placement
from cases.services import placement_create
from evaluations.services import court_order_record, deadlines_refresh
from zorgteam.invitations import member_invite
from zorgteam.models import Role
from zorgteam.services import membership_add


@dataclass(frozen=True)
class MemberInvite:
    role: str
    email: str
    full_name: str = ""


@dataclass(frozen=True)
class CourtOrderAtIntake:
    kind: str
    date: object
    end_date: object = None


@dataclass(frozen=True)
class Duplicate:
    child: Child
    placements: tuple  # (reference or None when not visible to the user, running: bool)


def _invite_member(*, placement, invite, start_date, invited_by):
    """The seam to the invitation flow (zorgteam.invitations.member_invite): the person is
    emailed after the commit; their membership starts when they accept."""
    return member_invite(
        placement=placement,
        email=invite.email,
        full_name=invite.full_name,
        role=invite.role,
        start_date=start_date,
        invited_by=invited_by,
    )


def find_duplicates(*, first_name, last_name, birth_date, user):
    """Children the app knows with this name and birth date, with their placements. The
    reference of a placement the user may not see is withheld: it exists, no more."""
    from cases.models import Placement as P

    children = list(
        Child.objects.filter(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            birth_date=birth_date,
        ).prefetch_related("placements")
    )
    if not children:
        return []
    visible = set(
        P.objects.visible_to(user).filter(child__in=children).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    return [
        Duplicate(
            child=child,
            placements=tuple(
                (p.reference if p.pk in visible else None, not p.is_ended(on=today))
                for p in child.placements.all()
            ),
        )
        for child in children
    ]


def _lock_child_identity(first_name, last_name, birth_date):
    """Two intakes of the same child at once must not both pass the duplicate check: on
    PostgreSQL a transaction-scoped advisory lock on the (name, birth date) serialises them."""
    if connection.vendor != "postgresql":
        return
    identity = f"{first_name.strip().lower()}|{last_name.strip().lower()}|{birth_date}"
    key = int.from_bytes(hashlib.sha256(identity.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _new_reference(start_date):
    # Short, unguessable enough, and free of personal data (no name, no birth date).
    while True:
        reference = f"PZ-{start_date.year}-{secrets.token_hex(3).upper()}"
        if not Placement.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def placement_intake(
    *,
    reference="",
    child_first_name,
    child_last_name="",
    child_birth_date,
    start_date,
    variant,
    care_kind,
    legal_frame,
    provider=None,
    placer=None,
    court_order=None,
    members=(),
    registering_pleegzorgbegeleider=None,
    same_child=None,
    duplicate_confirmed=False,
    recorded_by,
):
    """Register a placement. Raises ValidationError (nothing written) on any refusal; a
    duplicate child not confirmed raises one with code "duplicate_child".

    `same_child`: the Child the user confirmed this placement is for (a known child moving
    to a new family); otherwise a new child is made. `registering_pleegzorgbegeleider`: the
    user who takes the regie herself; else a member with that role must be among `members`.
    """
    _lock_child_identity(child_first_name, child_last_name, child_birth_date)
    duplicates = find_duplicates(
        first_name=child_first_name,
        last_name=child_last_name,
        birth_date=child_birth_date,
        user=recorded_by,
    )
    if duplicates and not duplicate_confirmed:
        raise ValidationError(
            _(
                "The app already knows a child with this name and birth date. Check whether "
                "it is the same child before a second placement is made."
            ),
            code="duplicate_child",
        )
    if same_child is not None and same_child.pk not in {d.child.pk for d in duplicates}:
        raise ValidationError(_("That child does not have this name and birth date."))
    roles = {invite.role for invite in members}
    if registering_pleegzorgbegeleider is None and Role.PLEEGZORGBEGELEIDER not in roles:
        raise ValidationError(
            _("Every placement has a pleegzorgbegeleider: add one, or take it on yourself.")
        )
    placement = placement_create(
        reference=reference or _new_reference(start_date),
        child=same_child,
        child_first_name=child_first_name.strip(),
        child_last_name=child_last_name.strip(),
        child_birth_date=child_birth_date,
        start_date=start_date,
        variant=variant,
        care_kind=care_kind,
        legal_frame=legal_frame,
        provider=provider,
        placer=placer,
        recorded_by=recorded_by,
        registered_via=Placement.Registration.INTAKE,
    )
    if court_order is not None:
        court_order_record(
            placement=placement,
            date=court_order.date,
            kind=court_order.kind,
            end_date=court_order.end_date,
            note=_("Recorded at intake."),
            recorded_by=recorded_by,
            before_start_ok=True,
        )
    # Members from today when the placement starts later: the team prepares the start, and
    # the pleegzorgbegeleider must be able to open the placement she just registered.
    member_from = min(start_date, timezone.localdate())
    if registering_pleegzorgbegeleider is not None:
        membership_add(
            placement=placement,
            person=registering_pleegzorgbegeleider,
            role=Role.PLEEGZORGBEGELEIDER,
            start_date=member_from,
        )
    for index, invite in enumerate(members):
        try:
            _invite_member(
                placement=placement, invite=invite, start_date=member_from, invited_by=recorded_by
            )
        except ValidationError as error:
            error.member_index = index  # which row of the form it belongs on
            raise
    plan_version_start(
        placement=placement, created_by=recorded_by, summary=_("The first hulpverleningsplan")
    )
    deadlines_refresh(placement=placement)
    return placement


def plausible_start_range(today=None):
    """Intake is for a placement that starts about now: up to a year back (registered late,
    then without a start meeting), up to half a year ahead."""
    today = today or timezone.localdate()
    return today - timedelta(days=366), today + timedelta(days=183)
