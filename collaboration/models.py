"""What the zorgteam's collaboration leaves behind: the agenda and shared notes of a meeting,
the decision log with the family's questions about it, and staff changes with their
handover checklist.

Bounds on text live in the forms and the services (TextField has no database limit);
dates are checked by the services against the placement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgteam.audiences import FAMILY_AUDIENCES, SHAREABLE, Audience, SharedItem
from zorgteam.models import Role


class MeetingRecord(models.Model):
    """The agenda answers of one zorgteam meeting and the regie's own notes (advices 1 and 8).
    The notes the team shares are the meeting's `notes`, read by the meeting's audiences.

    `agenda` keeps each question with its wording at the time and who it was asked of, so
    the record reads the same after the questions change: [{"q", "label", "who", "answer"}].
    """

    meeting = models.OneToOneField(
        "evaluations.ZorgteamMeeting",
        verbose_name=_("zorgteam meeting"),
        on_delete=models.CASCADE,
        related_name="record",
    )
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    regie_notes = models.TextField(_("notes for the regie"), blank=True)
    next_evaluation = models.DateField(_("next evaluation"), null=True, blank=True)
    draft_version = models.ForeignKey(
        "agreements.PlanVersion",
        verbose_name=_("agreements went into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreements_added = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")

    def __str__(self):
        return f"{self.meeting}"


class Decision(SharedItem):
    """A decision taken about the child, with the people it concerns (advice 2).

    The decision log is the regie's file (DOMAIN.md, "Privacy and access"); beyond the regie
    only the family's audiences can be given a decision, never the other professionals.
    """

    DEFAULT_AUDIENCES = (Audience.FOSTER_PARENTS,)
    SHARE_WITH = tuple(a for a in SHAREABLE if a in FAMILY_AUDIENCES)

    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    date = models.DateField(_("decided on"))
    subject = models.CharField(_("what was decided"), max_length=200)
    decision = models.TextField(_("the decision"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by_role = models.CharField(_("in the role of"), max_length=30, choices=Role.choices)
    consulted = models.TextField(_("consulted beforehand"))
    foster_parents_view = models.TextField(_("the foster parents' view, in their words"))
    explanation = models.TextField(_("why this decision"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-recorded_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject="") & ~Q(explanation=""), name="decision_has_subject_and_why"
            ),
            models.CheckConstraint(
                condition=Q(for_professionals=False), name="decision_not_for_other_professionals"
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.date}: {self.subject}"


class ExplanationRequest(models.Model):
    """A family member asks for more explanation of a decision; the decider owes an answer
    within 2 weeks (the decision_explanation deadline)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="explanation_requests"
    )
    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="explanation_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("request for explanation")
        verbose_name_plural = _("requests for explanation")
        constraints = [
            # One button, one open question: pressing it twice asks once.
            models.UniqueConstraint(
                fields=["decision", "requested_by"],
                condition=Q(answered_at__isnull=True),
                name="explanation_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="explanation_answer_not_empty",
            ),
        ]

    def __str__(self):
        return f"{self.decision_id} asked {self.requested_at:%Y-%m-%d}"

    @property
    def requested_on(self):
        return timezone.localdate(self.requested_at)


class StaffChange(models.Model):
    """A new pleegzorgbegeleider or voogd: the family is told (advice 7) and the new
    professional works through a handover checklist (advice 6)."""

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="staff_change_notices"
    )
    new_membership = models.OneToOneField(
        "zorgteam.Membership", on_delete=models.CASCADE, related_name="staff_change"
    )
    old_membership = models.ForeignKey(
        "zorgteam.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    change_date = models.DateField(_("date of the change"))
    handover_meeting_on = models.DateField(_("handover meeting planned on"), null=True, blank=True)
    file_read_on = models.DateField(_("file read on"), null=True, blank=True)
    plan_kept_on = models.DateField(_("plan kept unchanged, confirmed on"), null=True, blank=True)
    family_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-change_date", "-pk"]
        verbose_name = _("staff change")
        verbose_name_plural = _("staff changes")

    def __str__(self):
        return f"{self.placement_id} {self.role} {self.change_date}"
