"""Invitations into a zorgteam ("invitations, not silent attachment").

`member_invite` is the single seam through which a person is added by email address — the
zorgteam page, a staff change and the intake of a new placement all call it. It never looks
at whether an account exists, so whoever adds a person learns nothing about accounts: no
name, no "switched off". The person gets a Dutch email with a link; on the accept page they
choose a password (a new account, or an imported one without a password) or log in (an
account with a password); the membership starts when they accept.

The token: 32 random bytes (URL-safe), valid for INVITATION_DAYS days and once; only its
SHA-256 is stored (a fast hash suffices for a random 256-bit secret: there is nothing to
guess). Revoking, accepting and expiring all end it.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.permissions import file_is_open
from core.services import audit_record

from .models import Invitation, Membership, Role, role_fits_person

logger = logging.getLogger(__name__)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _days():
    return getattr(settings, "INVITATION_DAYS", 7)


def _normalise_email(email):
    return (email or "").strip().lower()


@transaction.atomic
def member_invite(
    *,
    placement,
    email,
    full_name,
    role,
    start_date,
    responsibilities="",
    reachable="",
    invited_by=None,
    replaces=None,
):
    """Invite a person into the placement's zorgteam by email. Returns the Invitation.

    The answer is the same whether or not the address has an account. A staff change passes
    `replaces` (the membership that ends the day before `start_date` once accepted). The
    email goes out after the commit, so a refused change sends nothing. A pending invitation
    for the same address and role is replaced by this one (a lost email is simply resent).
    """
    from .services import check_within_placement

    email = _normalise_email(email)
    full_name = (full_name or "").strip()
    errors = {}
    if not email:
        errors["email"] = _("Fill in the email address of the person.")
    if role not in Role.values:
        errors["role"] = _("Choose a role from the list.")
    if not full_name:
        errors["full_name"] = _("Fill in the name of the person.")
    if errors:
        raise ValidationError(errors)
    if not file_is_open(placement):
        raise ValidationError(_("This placement has ended: its zorgteam no longer changes."))
    field = "change_date" if replaces is not None else "start_date"
    check_within_placement(placement, start_date, field)
    if replaces is not None:
        if replaces.placement_id != placement.pk or replaces.role != role:
            raise ValueError("A staff change keeps the placement and the role.")
        if start_date <= replaces.start_date:
            raise ValidationError(
                {field: _("The change must be after the current member started.")}
            )
        if replaces.person.email == email:
            raise ValidationError({"email": _("This person already holds this role.")})
    already = (
        Membership.objects.current()
        .filter(placement=placement, role=role, person__email=email)
        .exists()
    )
    if already:
        # Only a current member of this very team: the one adding sees them in the list.
        raise ValidationError(
            {"email": _("This person is already a member of this zorgteam in this role.")}
        )
    now = timezone.now()
    Invitation.objects.pending(now).filter(placement=placement, email=email, role=role).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        placement=placement,
        email=email,
        full_name=full_name,
        role=role,
        start_date=start_date,
        responsibilities=responsibilities or "",
        reachable=reachable or "",
        replaces=replaces,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=_days()),
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    audit_record(
        user=invited_by,
        action="create",
        what=f"zorgteam invitation ({role})",
        placement=placement,
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation(invitation_id=invitation_id, token=token))
    invitation.token = token  # for the caller's tests and logs only; never stored
    return invitation


def invitation_url(token):
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


def send_invitation(*, invitation_id, token):
    """The Dutch invitation email: who invites, in which role, the link, until when.

    No child's name or reference: an address may be mistyped.
    """
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    context = {
        "invitation": invitation,
        "role": invitation.get_role_display(),
        "invited_by": invitation.invited_by.full_name if invitation.invited_by else "",
        "organisation": (
            invitation.invited_by.organisation.name
            if invitation.invited_by and invitation.invited_by.organisation_id
            else ""
        ),
        "url": invitation_url(token),
        "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("zorgteam/emails/invite_subject.txt", context).split())
        body = render_to_string("zorgteam/emails/invite_body.txt", context)
        html = render_to_string("zorgteam/emails/invite_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        # The invitation stays pending; the team page lets the sender invite again.
        logger.exception("Could not email invitation %s", invitation_id)
        return False
    return True


def invitation_for_token(token):
    """The invitation of this link, pending or not; None for a link that never existed."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("placement", "invited_by", "replaces__person")
        .filter(token_hash=hash_token(token))
        .first()
    )


def existing_account(invitation):
    return get_user_model().objects.filter(email=invitation.email).first()


class InvitationRefused(ValidationError):
    """The invitation cannot be accepted (any more); the message says why, in Dutch."""


@transaction.atomic
def invitation_accept(*, token, user=None, full_name=None, password=None):
    """Accept an invitation. Returns the new membership.

    Either `user` is the logged-in account of the invited address, or `password` is given:
    it creates the account (none existed) or sets the first password of an account that has
    none (imported or invited before). Single use: the row is locked and marked accepted in
    the same transaction as the membership.
    """
    from .services import ROLE_PERSON_TYPES, membership_add, membership_replace

    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=hash_token(token or ""))
        .select_related("placement")
        .first()
    )
    if invitation is None or invitation.state() != Invitation.State.PENDING:
        raise InvitationRefused(
            _("This invitation has expired or has already been used. Ask for a new one.")
        )
    placement = invitation.placement
    if not file_is_open(placement):
        raise InvitationRefused(_("This placement has ended: the invitation no longer applies."))
    User = get_user_model()
    person = User.objects.select_for_update().filter(email=invitation.email).first()
    if user is not None:
        if person is None or person.pk != user.pk:
            raise InvitationRefused(
                _("This invitation is for another email address. Log out and open the link again.")
            )
    elif person is not None and person.has_usable_password():
        raise InvitationRefused(_("You already have an account: log in to accept the invitation."))
    elif password is None:
        raise InvitationRefused(_("Choose a password to accept the invitation."))
    if person is not None and not person.is_active:
        raise InvitationRefused(
            _("This account is switched off. Ask the pleegzorgbegeleider for help.")
        )
    if person is None:
        person = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=(full_name or invitation.full_name).strip()[:200],
            person_type=ROLE_PERSON_TYPES[Role(invitation.role)],
        )
    elif user is None:
        person.set_password(password)
        if full_name:
            person.full_name = full_name.strip()[:200]
        person.save(update_fields=["password", "full_name"])
    if not role_fits_person(invitation.role, person):
        raise InvitationRefused(
            _(
                "Your account cannot take this role in the zorgteam (a professional account "
                "takes professional roles, a family account family roles). Ask the "
                "pleegzorgbegeleider for an invitation on another email address."
            )
        )
    try:
        if invitation.replaces_id:
            membership = membership_replace(
                membership=invitation.replaces,
                new_person=person,
                change_date=invitation.start_date,
                responsibilities=invitation.responsibilities or None,
            )
            if invitation.reachable:
                membership.reachable = invitation.reachable
                membership.save(update_fields=["reachable"])
        else:
            membership = membership_add(
                placement=placement,
                person=person,
                role=invitation.role,
                start_date=invitation.start_date,
                responsibilities=invitation.responsibilities,
                reachable=invitation.reachable,
            )
    except ValidationError as error:
        raise InvitationRefused(
            _("The invitation can no longer be accepted: %(reason)s")
            % {"reason": " ".join(error.messages)}
        ) from error
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.membership = membership
    invitation.save(update_fields=["accepted_at", "accepted_by", "membership"])
    audit_record(
        user=person,
        action="create",
        what=f"accepted zorgteam invitation ({invitation.role})",
        placement=placement,
    )
    return membership


@transaction.atomic
def invitation_revoke(*, invitation, revoked_by=None):
    updated = (
        Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=timezone.now())
    )
    if updated:
        audit_record(
            user=revoked_by,
            action="change",
            what="zorgteam invitation withdrawn",
            placement=invitation.placement,
        )
    return bool(updated)
