"""Emails of the collaboration app, sent after the commit: a staff change to the family, a
question about a decision to its decider, the answer to the family member who asked.

Dutch plain text + HTML from collaboration/templates/collaboration/emails/. No more personal
data than needed: the placement's reference and the child's first name, what happened, and a
link to where to read or act (never the text of a decision or a question).
"""

import logging

from django.core.mail import get_connection
from django.utils import timezone

from core.emails import site_link, templated_email
from evaluations.models import Deadline
from zorgteam.models import Membership, Role

from .models import ExplanationRequest, StaffChange

logger = logging.getLogger(__name__)

FAMILY_ROLES_TOLD = (Role.PLEEGOUDER, Role.OUDER, Role.PLEEGKIND)


def _message(*, to, template, context, connection):
    return templated_email(
        to=to, prefix=f"collaboration/emails/{template}", context=context, connection=connection
    )


def _send(messages, what):
    if not messages:
        return 0
    try:
        get_connection().send_messages(messages)
    except Exception:
        # The record is saved and shown in the app; the email is a courtesy on top.
        logger.exception("Could not email %s", what)
        return 0
    return len(messages)


def staff_change_notify(*, change_id, planned=False):
    """Tell the family who their new pleegzorgbegeleider or voogd is (advice 7); with
    `planned`, that the handover meeting has a date. The first notice is sent once."""
    if not planned:
        claimed = StaffChange.objects.filter(pk=change_id, family_notified_at=None).update(
            family_notified_at=timezone.now()
        )
        if not claimed:
            return 0
    change = StaffChange.objects.select_related("placement__child", "new_membership__person").get(
        pk=change_id
    )
    placement = change.placement
    if placement.is_ended():
        return 0
    family = (
        Membership.objects.current()
        .filter(placement=placement, role__in=FAMILY_ROLES_TOLD)
        .select_related("person")
    )
    people = sorted(
        {m.person for m in family if m.person.email and m.person.is_active}, key=lambda p: p.email
    )
    connection = get_connection()
    messages = [
        _message(
            to=person.email,
            template="staff_change",
            context={
                "recipient": person,
                "change": change,
                "placement": placement,
                "new": change.new_membership,
                "planned": planned,
                "url": site_link("portal:placement", placement.reference),
            },
            connection=connection,
        )
        for person in people
    ]
    return _send(messages, f"staff change {change_id}")


def _decider_addresses(request):
    decision = request.decision
    person = decision.decided_by
    if person is not None and person.is_active and person.email:
        return [person]
    # The decider left: the question goes to whoever holds that role now.
    return [
        m.person
        for m in Membership.objects.current()
        .filter(placement_id=request.placement_id, role=decision.decided_by_role)
        .select_related("person")
        if m.person.is_active and m.person.email
    ]


def explanation_requested_notify(*, request_id):
    request = ExplanationRequest.objects.select_related(
        "decision__decided_by", "placement__child", "requested_by"
    ).get(pk=request_id)
    placement = request.placement
    # The due date as the deadline engine stored it, not recomputed here.
    due = (
        Deadline.objects.filter(
            placement=placement, kind=Deadline.Kind.DECISION_EXPLANATION, key=str(request.pk)
        )
        .values_list("due_date", flat=True)
        .first()
    )
    connection = get_connection()
    messages = [
        _message(
            to=person.email,
            template="explanation_requested",
            context={
                "recipient": person,
                "request": request,
                "decision": request.decision,
                "placement": placement,
                "due": due,
                "url": site_link(
                    "collaboration:decision_detail", placement.reference, request.decision_id
                )
                + "#explain",
            },
            connection=connection,
        )
        for person in _decider_addresses(request)
    ]
    return _send(messages, f"explanation request {request_id}")


def explanation_answered_notify(*, request_id):
    request = ExplanationRequest.objects.select_related(
        "decision", "placement__child", "requested_by"
    ).get(pk=request_id)
    person = request.requested_by
    if person is None or not person.is_active or not person.email:
        return 0
    placement = request.placement
    message = _message(
        to=person.email,
        template="explanation_answered",
        context={
            "recipient": person,
            "request": request,
            "decision": request.decision,
            "placement": placement,
            "url": site_link(
                "collaboration_portal:decision", placement.reference, request.decision_id
            ),
        },
        connection=get_connection(),
    )
    return _send([message], f"explanation answer {request_id}")
