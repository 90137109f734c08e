"""The reminder outbox and the daily digests that carry it (STYLE.md, "Sending reminders").

A reminder is a row before it is an email. The sweep writes one Reminder per
(deadline, stage, occurrence, recipient) under a unique constraint; the sender bundles a
person's pending rows into at most one Digest per day, claims it with a conditional update
and only then talks to the SMTP server.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import stages


class ReminderQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Reminder.Status.PENDING)

    def open_for(self, user):
        """The reminders this person got or will get whose deadline is still open.

        Only for placements the person may still see: someone who left the zorgteam keeps
        no window on the case through an old reminder.
        """
        return self.filter(recipient=user, deadline_id__in=self.open_deadline_ids(user)).exclude(
            status=Reminder.Status.DROPPED
        )

    def open_deadline_ids(self, user):
        """The ids of the open deadlines in open_for(user): two small queries, one if none.

        The person's own reminders come first, then which of their placements they may still
        see. Nested in one query as subqueries, a table without fresh statistics (a new
        install, right after an import) made PostgreSQL plan nested loops of sequential
        scans, which took minutes; and listing every visible placement first cost an
        application manager or team lead a thousand ids on every page (the navigation count).
        """
        from cases.models import Placement

        rows = set(
            self.filter(recipient=user, deadline__status="open")
            .exclude(status=Reminder.Status.DROPPED)
            .order_by()  # a set: the model's ordering would only add a sort
            .values_list("deadline_id", "deadline__placement_id")
        )
        if not rows:
            return set()
        visible = set(
            Placement.objects.visible_to(user)
            .active()
            .filter(pk__in={placement_id for _id, placement_id in rows})
            .order_by()
            .values_list("pk", flat=True)
        )
        return {deadline_id for deadline_id, placement_id in rows if placement_id in visible}


class Reminder(models.Model):
    class Stage(models.TextChoices):
        DUE_SOON = stages.DUE_SOON, _("due soon")
        DUE = stages.DUE, _("due today")
        OVERDUE = stages.OVERDUE, _("overdue")

    class Reason(models.TextChoices):
        RESPONSIBLE = stages.RESPONSIBLE, _("you are responsible")
        ESCALATED = stages.ESCALATED, _("overdue: you have the regie")
        INFORMED = stages.INFORMED, _("for your information")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        DROPPED = "dropped", _("not sent")

    deadline = models.ForeignKey(
        "evaluations.Deadline",
        verbose_name=_("deadline"),
        on_delete=models.CASCADE,
        related_name="reminders",
        # The unique constraint below starts with deadline_id and serves as its index; one
        # index fewer to maintain for each of the thousands of rows a sweep may insert.
        db_index=False,
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    occurrence = models.PositiveSmallIntegerField(
        _("occurrence"), default=1, help_text=_("Overdue reminders repeat every week: 1, 2, 3…")
    )
    stage_date = models.DateField(_("stage starts"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    dropped_reason = models.CharField(_("why not sent"), max_length=100, blank=True)
    digest = models.ForeignKey(
        "Digest",
        verbose_name=_("digest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
        db_index=False,  # indexed below only where set: new rows have none
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            # The outbox's guarantee: a sweep that runs twice, or two sweeps at once, write
            # each reminder once (bulk_create(ignore_conflicts=True) relies on it).
            models.UniqueConstraint(
                fields=["deadline", "stage", "occurrence", "recipient"],
                name="reminder_once_per_stage_and_recipient",
            ),
        ]
        indexes = [
            # The sender's pool: a person's pending rows not yet in a digest.
            models.Index(
                fields=["recipient"], condition=Q(status="pending"), name="reminder_pending"
            ),
            # The sweep reads back only rows of stages that can still be current.
            models.Index(fields=["stage_date"], name="reminder_stage_date"),
            models.Index(
                fields=["digest"], condition=Q(digest__isnull=False), name="reminder_in_digest"
            ),
        ]

    def __str__(self):
        return f"{self.deadline_id} {self.stage}#{self.occurrence} → {self.recipient_id}"


class Digest(models.Model):
    """One email to one person on one day, listing all their pending reminders.

    The unique (recipient, day) row is what a sender claims: whoever flips it to `sending`
    with a conditional update is the only one who sends it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, will be retried")
        SUPERSEDED = "superseded", _("replaced by a later digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminder_digests",
    )
    day = models.DateField(_("day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("number of items"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "recipient"]
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [
            # One email per person per day.
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_one_per_day"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="digest_status_next")]

    def __str__(self):
        return f"{self.recipient_id} {self.day} ({self.status})"
