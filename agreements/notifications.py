"""Emails about the plan: a meeting request to the pleegzorgbegeleider, an adopted version to
the zorgteam. Sent after the commit; Dutch plain text + HTML from
agreements/templates/agreements/emails/. An email carries no more personal data than needed:
what happened, for which placement, and a link to where to read or act.
"""

import logging

from django.core.mail import get_connection
from django.utils import timezone

from core.emails import site_link, templated_email
from zorgteam.access import access_for
from zorgteam.models import Membership, Role

from .models import Agreement, Goal, MeetingRequest, PlanVersion

logger = logging.getLogger(__name__)


def _message(*, to, template, context, connection):
    return templated_email(
        to=to, prefix=f"agreements/emails/{template}", context=context, connection=connection
    )


def meeting_request_recipients(placement, *, exclude=None):
    """The placement's current pleegzorgbegeleider(s); the voogd while there is none, so a
    request made during a staff gap is not lost."""
    current = Membership.objects.current().filter(placement=placement).select_related("person")
    for role in (Role.PLEEGZORGBEGELEIDER, Role.VOOGD):
        people = [
            m.person
            for m in current
            if m.role == role and m.person.email and m.person.is_active and m.person != exclude
        ]
        if people:
            return people
    return []


def meeting_request_notify(*, meeting_request_id):
    """Email a meeting request once. Safe to call twice: the first call claims the row."""
    claimed = MeetingRequest.objects.filter(pk=meeting_request_id, emailed_at=None).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return 0
    request = MeetingRequest.objects.select_related("placement__child", "requested_by").get(
        pk=meeting_request_id
    )
    recipients = meeting_request_recipients(request.placement, exclude=request.requested_by)
    try:
        connection = get_connection()
        messages = [
            _message(
                to=person.email,
                template="meeting_request",
                context={
                    "recipient": person,
                    "request": request,
                    "placement": request.placement,
                    "url": site_link("cases:placement_detail", request.placement.reference),
                },
                connection=connection,
            )
            for person in recipients
        ]
        connection.send_messages(messages)
    except Exception:
        # The request itself is saved and shown on the placement page; release the claim so
        # a later call can retry the email.
        logger.exception("Could not email meeting request %s", meeting_request_id)
        MeetingRequest.objects.filter(pk=meeting_request_id).update(emailed_at=None)
        return 0
    return len(recipients)


def plan_adopted_notify(*, version_id):
    """Tell each current member that a version was adopted. What each person is told —
    including every count — comes from shared_with(access of that person)."""
    version = PlanVersion.objects.select_related("placement__child", "adopted_by").get(
        pk=version_id
    )
    placement = version.placement
    members = (
        Membership.objects.current()
        .filter(placement=placement)
        .exclude(person=version.adopted_by)
        .select_related("person")
    )
    people = {m.person for m in members if m.person.email and m.person.is_active}
    connection = get_connection()
    messages = []
    for person in sorted(people, key=lambda p: p.email):
        access = access_for(person, placement)
        if not access.sees_anything:
            continue
        visible = Agreement.objects.shared_with(access).filter(version=version)
        context = {
            "recipient": person,
            "version": version,
            "placement": placement,
            "agreement_count": visible.count(),
            "changed_count": visible.filter(published_in=version).count(),
            "goal_count": Goal.objects.shared_with(access).filter(version=version).count(),
            "url": (
                site_link("agreements:version_detail", placement.reference, version.number)
                if person.is_professional
                else site_link("portal:placement", placement.reference)
            ),
        }
        messages.append(
            _message(
                to=person.email, template="plan_adopted", context=context, connection=connection
            )
        )
    try:
        connection.send_messages(messages)
    except Exception:
        logger.exception("Could not email the adoption of plan version %s", version_id)
        return 0
    return len(messages)
