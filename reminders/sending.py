"""Claim-then-send: each person's pending reminders leave as one digest email per day.

The order of events is what keeps a reminder from being lost or doubled:
1. claim: flip the (recipient, day) Digest to `sending` with a conditional UPDATE. Only the
   caller whose UPDATE changed the row goes on; a second sweep, task or command stops here.
2. in the same transaction, drop what is no longer relevant (deadline done, stage passed,
   recipient left the zorgteam) and attach the rest of the person's pool to the digest.
3. send, outside any transaction (SMTP can be slow).
4. on success mark the digest and its rows sent; on failure record the error, schedule the
   next attempt with backoff and put the rows back in the pool, so the retry re-checks them.
A worker killed between 3 and 4 leaves the digest `sending`; after REMINDER_CLAIM_TIMEOUT it
is retried. That one window is the price of never losing a reminder; the retry carries the
same Message-ID, so a mail client shows a double as one message.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from zorgteam.models import Membership

from . import stages
from .emails import digest_message
from .models import Digest, Reminder
from .services import stage_of

logger = logging.getLogger(__name__)

SENT = "sent"
NOTHING = "nothing"  # the pool was empty, or everything in it was dropped
SKIPPED = "skipped"  # already sent today, someone else is sending, or a retry is scheduled


class DigestSendFailed(Exception):
    def __init__(self, message, *, digest_id, retry_in):
        super().__init__(message)
        self.digest_id = digest_id
        self.retry_in = retry_in


@dataclass
class SendResult:
    outcome: str
    digest_id: int | None = None
    items: int = 0
    dropped: int = 0


def backoff(attempts):
    """Seconds until the next attempt after `attempts` failures: doubling, with a ceiling."""
    base = settings.REMINDER_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.REMINDER_RETRY_MAX_SECONDS)


def _stale_claim_before(now):
    return now - timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT_SECONDS)


def recipients_to_send(*, day, now=None):
    """The people whose digest for `day` can be claimed now."""
    now = now or timezone.now()
    in_pool = (
        Reminder.objects.pending()
        .filter(digest=None)
        .order_by()  # the default ordering would defeat DISTINCT
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    retry = Digest.objects.filter(
        Q(status=Digest.Status.FAILED, next_attempt_at__lte=now)
        | Q(status=Digest.Status.SENDING, claimed_at__lt=_stale_claim_before(now))
    ).values_list("recipient_id", flat=True)
    # Already sent today (one email per day), or a retry of today's digest is scheduled.
    settled = Digest.objects.filter(day=day).filter(
        Q(status=Digest.Status.SENT) | Q(status=Digest.Status.FAILED, next_attempt_at__gt=now)
    )
    wanted = set(in_pool) | set(retry)
    return sorted(wanted - set(settled.values_list("recipient_id", flat=True)))


def _why_dropped(reminder, day, entitled):
    """Why this pending reminder should not be sent on `day`, or "" if it should."""
    deadline = reminder.deadline
    if deadline.status != deadline.Status.OPEN:
        return "deadline closed"
    placement = deadline.placement
    if placement.end_date is not None and placement.end_date <= day:
        return "placement ended"
    current = stage_of(deadline, day)
    if current is None or (current.stage, current.occurrence) != (
        reminder.stage,
        reminder.occurrence,
    ):
        return "stage passed"
    roles = stages.recipient_roles(deadline.kind, deadline.responsible_role, current.stage)
    if not entitled.get(deadline.placement_id, set()) & set(roles):
        return "no longer in the zorgteam"
    return ""


def triage(reminders, *, recipient, day):
    """Split a person's pending reminders into (to send, [(reminder, why not)])."""
    if not (recipient.is_active and recipient.is_professional and recipient.email):
        return [], [(r, "recipient cannot receive reminders") for r in reminders]
    entitled = {}
    for placement_id, role in (
        Membership.objects.current(on=day)
        .filter(person=recipient)
        .values_list("placement_id", "role")
    ):
        entitled.setdefault(placement_id, set()).add(role)
    keep, drop = [], []
    for reminder in reminders:
        why = _why_dropped(reminder, day, entitled)
        if why:
            drop.append((reminder, why))
        else:
            keep.append(reminder)
    return keep, drop


def _pool(recipient_id):
    return (
        Reminder.objects.pending()
        .filter(recipient_id=recipient_id, digest=None)
        .select_related("deadline__placement__child")
    )


def _mark_dropped(dropped):
    for why in {why for _r, why in dropped}:
        Reminder.objects.filter(
            pk__in=[r.pk for r, w in dropped if w == why], status=Reminder.Status.PENDING
        ).update(status=Reminder.Status.DROPPED, dropped_reason=why)


def _claim(digest, recipient, day, now):
    """Steps 1 and 2. Returns (claimed, reminders attached, number dropped)."""
    claimable = Q(
        status__in=[Digest.Status.PENDING, Digest.Status.FAILED], next_attempt_at__lte=now
    )
    claimable |= Q(status=Digest.Status.SENDING, claimed_at__lt=_stale_claim_before(now))
    with transaction.atomic():
        won = Digest.objects.filter(claimable, pk=digest.pk).update(
            status=Digest.Status.SENDING, claimed_at=now
        )
        if not won:
            return False, [], 0
        # Rows left attached by an attempt that died mid-way, here or on an earlier day,
        # go back to the pool; the earlier days' digests are replaced by this one.
        stale = Digest.objects.filter(recipient=recipient, day__lt=day).filter(
            Q(status__in=[Digest.Status.PENDING, Digest.Status.FAILED])
            | Q(status=Digest.Status.SENDING, claimed_at__lt=_stale_claim_before(now))
        )
        Reminder.objects.pending().filter(
            Q(digest=digest) | Q(digest__in=stale.values("pk"))
        ).update(digest=None)
        stale.update(status=Digest.Status.SUPERSEDED)

        keep, dropped = triage(list(_pool(recipient.pk)), recipient=recipient, day=day)
        _mark_dropped(dropped)
        # Conditional again: a send for another day may have taken a row meanwhile.
        Reminder.objects.pending().filter(pk__in=[r.pk for r in keep], digest=None).update(
            digest=digest
        )
        attached = list(
            Reminder.objects.pending()
            .filter(digest=digest)
            .select_related("deadline__placement__child")
        )
        if not attached:
            # Nothing to say today: release the claim so later reminders today still go out.
            Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.PENDING)
        return True, attached, len(dropped)


def digest_send(*, recipient_id, day=None, now=None, connection=None):
    """Send `recipient_id` their digest for `day` (default today) if it is theirs to send.

    Raises DigestSendFailed after recording an SMTP (or any sending) failure.
    """
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    recipient = User.objects.get(pk=recipient_id)
    digest, _created = Digest.objects.get_or_create(
        recipient=recipient, day=day, defaults={"next_attempt_at": now}
    )
    claimed, reminders, dropped = _claim(digest, recipient, day, now)
    if not claimed:
        return SendResult(SKIPPED, digest.pk)
    if not reminders:
        return SendResult(NOTHING, digest.pk, dropped=dropped)

    try:
        message = digest_message(
            recipient=recipient,
            reminders=reminders,
            day=day,
            digest_id=digest.pk,
            connection=connection,
        )
        message.send()
    except Exception as exc:  # SMTP down, refused, timed out, or a bug: never lose the rows
        attempts = digest.attempts + 1
        retry_in = backoff(attempts)
        with transaction.atomic():
            Digest.objects.filter(pk=digest.pk, status=Digest.Status.SENDING).update(
                status=Digest.Status.FAILED,
                attempts=F("attempts") + 1,
                last_error=f"{type(exc).__name__}: {exc}"[:1000],
                next_attempt_at=timezone.now() + timedelta(seconds=retry_in),
            )
            Reminder.objects.pending().filter(digest=digest).update(digest=None)
        # User ids, not addresses, in logs; the error text (which can quote the address) is
        # in the digest's last_error, for the admin.
        logger.warning(
            "reminder digest %s to user %s failed (%s); next attempt in %s s",
            digest.pk,
            recipient.pk,
            type(exc).__name__,
            retry_in,
        )
        raise DigestSendFailed(str(exc), digest_id=digest.pk, retry_in=retry_in) from exc

    sent_at = timezone.now()
    with transaction.atomic():
        Digest.objects.filter(pk=digest.pk).update(
            status=Digest.Status.SENT,
            sent_at=sent_at,
            attempts=F("attempts") + 1,
            item_count=len(reminders),
            last_error="",
        )
        Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(
            status=Reminder.Status.SENT, sent_at=sent_at
        )
    logger.info(
        "reminder digest %s sent to user %s (%d items)", digest.pk, recipient.pk, len(reminders)
    )
    return SendResult(SENT, digest.pk, items=len(reminders), dropped=dropped)


@dataclass
class RunResult:
    sweep: object
    results: dict  # recipient_id -> SendResult, or the DigestSendFailed it raised


def sweep_and_send_now(*, as_of, now=None):
    """The whole job synchronously (the send_reminders command): sweep, then send each digest.

    A failed digest is recorded and left for the next run or the task's retry.
    """
    from .services import reminders_sweep

    sweep = reminders_sweep(as_of=as_of)
    results = {}
    for recipient_id in recipients_to_send(day=as_of, now=now):
        try:
            results[recipient_id] = digest_send(recipient_id=recipient_id, day=as_of, now=now)
        except DigestSendFailed as exc:
            results[recipient_id] = exc
    return RunResult(sweep, results)
