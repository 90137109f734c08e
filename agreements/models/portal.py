"""What the portal records: read receipts ("gezien"), meeting requests and visits.

They live here, below the portal, because the professionals' pages read them too: who has
seen which agreement, and the meeting requests the pleegzorgbegeleider plans or closes.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgreementRead(models.Model):
    """A person marked an agreement as read ("gezien").

    `key` is the agreement's key, so a receipt still counts for an unchanged copy of the
    agreement in a later version: seen means read_at >= the agreement's published_at.
    """

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="reads"
    )
    key = models.UUIDField()
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_reads"
    )
    read_at = models.DateTimeField(_("seen at"))

    class Meta:
        ordering = ["-read_at"]
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "person"], name="agreement_read_once"),
        ]
        indexes = [models.Index(fields=["key", "person"], name="agreement_read_key_person")]

    def __str__(self):
        return f"{self.person_id} saw {self.agreement_id} at {self.read_at:%Y-%m-%d %H:%M}"


class MeetingRequestQuerySet(models.QuerySet):
    def pending(self):
        """Requests the pleegzorgbegeleider still has to act on."""
        return self.filter(status=MeetingRequest.Status.OPEN)

    def upcoming(self, on):
        return self.filter(status=MeetingRequest.Status.PLANNED, planned_on__gte=on)


class MeetingRequest(models.Model):
    """Any member may ask for a zorgteam meeting (advice 8: one party finding it needed is
    enough). The pleegzorgbegeleider gets an email and sees it on the placement page."""

    class Status(models.TextChoices):
        OPEN = "open", _("requested")
        PLANNED = "planned", _("planned")
        CLOSED = "closed", _("handled")

    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    planned_on = models.DateField(_("meeting date"), null=True, blank=True)
    response = models.CharField(_("answer to the team"), max_length=300, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    # Claimed with a conditional update before the email goes out, so it is sent once.
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request for a zorgteam meeting")
        verbose_name_plural = _("requests for a zorgteam meeting")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="meeting_request_has_reason"),
            models.CheckConstraint(
                condition=~Q(status="planned") | Q(planned_on__isnull=False),
                name="meeting_request_planned_has_date",
            ),
        ]
        indexes = [models.Index(fields=["placement", "status"], name="meeting_request_open")]

    def __str__(self):
        return f"{self.placement_id} {self.status} {self.created_at:%Y-%m-%d}"


class PortalVisit(models.Model):
    """When a person last looked at a placement in the portal ("changed since your last visit")."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey("cases.Placement", on_delete=models.CASCADE, related_name="+")
    last_visit_at = models.DateTimeField()

    class Meta:
        verbose_name = _("portal visit")
        verbose_name_plural = _("portal visits")
        constraints = [
            models.UniqueConstraint(fields=["person", "placement"], name="portal_visit_once"),
        ]

    def __str__(self):
        return f"{self.person_id} @ {self.placement_id}: {self.last_visit_at:%Y-%m-%d %H:%M}"
