"""Writes on the zorgteam. A change of team changes deadlines (child joins, handover)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.hooks import placement_changed

from .models import ROLE_PERSON_TYPES, Membership, Role


def _check_no_overlap(membership):
    """One person holds a role in a team once at a time: a second, overlapping row would
    make the team list and the handover deadlines (one per new professional) double."""
    overlapping = (
        Membership.objects.filter(
            placement=membership.placement, person=membership.person, role=membership.role
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date))
        .exclude(pk=membership.pk)
    )
    if overlapping.exists():
        raise ValidationError(
            {"email": _("This person is already a member of this zorgteam in this role.")}
        )


@transaction.atomic
def membership_add(*, placement, person, role, start_date, responsibilities="", reachable=""):
    membership = Membership(
        placement=placement,
        person=person,
        role=role,
        start_date=start_date,
        responsibilities=responsibilities,
        reachable=reachable,
    )
    membership.full_clean()
    _check_no_overlap(membership)
    membership.save()
    placement_changed(placement)
    return membership


@transaction.atomic
def membership_end(*, membership, end_date):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if end_date < membership.start_date:
        raise ValidationError(_("The end date cannot be before the start date."))
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    placement_changed(membership.placement)
    return membership


@transaction.atomic
def membership_replace(*, membership, new_person, change_date, responsibilities=None):
    """A staff change: the old member's last day is the day before the new one starts.

    Both rows stay, so the team's history shows who was responsible when.
    """
    old = Membership.objects.select_for_update().get(pk=membership.pk)
    if change_date <= old.start_date:
        raise ValidationError(_("The change must be after the current member started."))
    old.end_date = change_date - timedelta(days=1)
    old.save(update_fields=["end_date"])
    new = Membership(
        placement=old.placement,
        person=new_person,
        role=old.role,
        start_date=change_date,
        responsibilities=old.responsibilities if responsibilities is None else responsibilities,
        reachable="",
    )
    new.full_clean()
    _check_no_overlap(new)
    new.save()
    # What the change set in motion (a warm handover), for the message to the manager.
    new.notes = placement_changed(old.placement)
    return new


@transaction.atomic
def membership_update(*, membership, responsibilities, reachable):
    """Who does what and how to reach them. Role and person change only by a staff change."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.responsibilities = responsibilities
    membership.reachable = reachable
    membership.full_clean()
    membership.save(update_fields=["responsibilities", "reachable"])
    return membership


class _InviteForm(PasswordResetForm):
    """Django's password-reset mail for one new account.

    PasswordResetForm skips accounts without a usable password, which is exactly what an
    invited person has, so the recipient is given instead of looked up.
    """

    def __init__(self, user):
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email):
        yield self.user


def _send_invite(user, *, role_label, invited_by_name):
    site = urlsplit(settings.SITE_URL)
    form = _InviteForm(user)
    form.is_valid()
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="zorgteam/emails/invite_subject.txt",
        email_template_name="zorgteam/emails/invite_body.txt",
        extra_email_context={"role": role_label, "invited_by": invited_by_name},
    )


@transaction.atomic
def person_get_or_invite(*, email, full_name="", role, invited_by=None):
    """The person with this email address, or a new account for them with an invitation.

    Returns (person, invited). The new account has no usable password: the invitation
    (sent once the transaction commits, so a refused change sends nothing) lets them
    choose one. An existing person is never changed here.
    """
    User = get_user_model()
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("Fill in the email address of the person.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    person = User.objects.filter(email=email).first()
    if person is not None:
        if not person.is_active:
            raise ValidationError(
                {"email": _("The account of this email address is switched off.")}
            )
        return person, False
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationError(
            {
                "full_name": _(
                    "There is no account for this email address yet: fill in the full name, "
                    "so we can invite this person."
                )
            }
        )
    person = User.objects.create_user(
        email=email, full_name=full_name, person_type=ROLE_PERSON_TYPES[Role(role)]
    )
    role_label = str(Role(role).label)
    inviter = invited_by.full_name if invited_by is not None else ""
    transaction.on_commit(
        lambda: _send_invite(person, role_label=role_label, invited_by_name=inviter)
    )
    return person, True


@transaction.atomic
def membership_add_by_email(
    *,
    placement,
    email,
    full_name="",
    role,
    start_date,
    responsibilities="",
    reachable="",
    added_by=None,
):
    """Add someone to the team by email address, inviting them if they have no account."""
    person, invited = person_get_or_invite(
        email=email, full_name=full_name, role=role, invited_by=added_by
    )
    membership = membership_add(
        placement=placement,
        person=person,
        role=role,
        start_date=start_date,
        responsibilities=responsibilities,
        reachable=reachable,
    )
    membership.invited = invited  # for the caller's message: an invitation is on its way
    return membership


@transaction.atomic
def membership_replace_by_email(
    *,
    membership,
    email,
    full_name="",
    change_date,
    responsibilities=None,
    reachable="",
    changed_by=None,
):
    """A staff change to the person with this email address (invited if new)."""
    old = Membership.objects.select_for_update().get(pk=membership.pk)
    if old.end_date is not None and old.end_date < change_date:
        raise ValidationError(_("This member has already left the zorgteam."))
    person, invited = person_get_or_invite(
        email=email, full_name=full_name, role=old.role, invited_by=changed_by
    )
    if person.pk == old.person_id:
        raise ValidationError({"email": _("This person already holds this role.")})
    new = membership_replace(
        membership=old,
        new_person=person,
        change_date=change_date,
        responsibilities=responsibilities,
    )
    if reachable:
        new.reachable = reachable
        new.save(update_fields=["reachable"])
    new.invited = invited
    return new
