"""Recorded events that satisfy deadlines, and the deadlines themselves.

A deadline is a stored row with its due date on an indexed column, so "what is due by X?"
is one cheap query (healthchecks' alert_after). Rows are recomputed from the events by
evaluations.services.deadlines_refresh in the same transaction as every change.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgteam.audiences import Audience, SharedItem

from . import rules

# Bounds on what people type into an event (a timeline shows them all).
NOTE_MAX_LENGTH = 4000
PARTICIPANTS_MAX_LENGTH = 1000


def _text(label, *, max_length=NOTE_MAX_LENGTH, blank=True):
    return models.TextField(
        label, blank=blank, max_length=max_length, validators=[MaxLengthValidator(max_length)]
    )


class EventBase(models.Model):
    placement = models.ForeignKey(
        "cases.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-recorded_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.placement.reference} {self.date}"


class VisitEvaluation(EventBase):
    """The zorgteam evaluated the bezoekregeling (visit arrangement)."""

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="visit_evaluations"
    )
    participants = _text(_("participants"), max_length=PARTICIPANTS_MAX_LENGTH, blank=False)
    outcome = _text(_("outcome"), blank=False)
    bezoekregeling_changed = models.BooleanField(_("the bezoekregeling changes"), default=False)

    class Meta(EventBase.Meta):
        verbose_name = _("visit-arrangement evaluation")
        verbose_name_plural = _("visit-arrangement evaluations")


class PerspectiveStudyStart(EventBase):
    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="perspective_study_starts"
    )
    note = _text(_("note"))

    class Meta(EventBase.Meta):
        verbose_name = _("start of the perspective study")
        verbose_name_plural = _("starts of the perspective study")


class PerspectiveDecision(SharedItem, EventBase):
    """The perspective decision: shared with the audiences the regie chooses (the family is
    told in person first; the portal shows it once shared)."""

    DEFAULT_AUDIENCES = (Audience.FOSTER_PARENTS, Audience.PARENTS)

    class Outcome(models.TextChoices):
        RETURN_HOME = "return_home", _("Return home")
        FOSTER_FAMILY = "foster_family", _("Grows up in this foster family")
        ELSEWHERE = "elsewhere", _("Grows up elsewhere")
        # A caseload import knows the date of a decision but not always its outcome.
        NOT_RECORDED = "not_recorded", _("Outcome not recorded (imported)")

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="perspective_decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note = _text(_("note"))

    class Meta(EventBase.Meta):
        verbose_name = _("perspective decision")
        verbose_name_plural = _("perspective decisions")


class GuardianContact(EventBase):
    """The voogd's contact with the (birth) parents."""

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        HOME_VISIT = "home_visit", _("Home visit")
        PHONE = "phone", _("By phone")
        VIDEO = "video", _("By video call")
        OTHER = "other", _("Other")

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="guardian_contacts"
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    with_whom = models.CharField(_("with whom"), max_length=200)
    note = _text(_("note"))

    class Meta(EventBase.Meta):
        verbose_name = _("guardian contact with the parents")
        verbose_name_plural = _("guardian contacts with the parents")


class ZorgteamMeeting(SharedItem, EventBase):
    """A zorgteam meeting; its notes are shared with the audiences the regie chooses."""

    DEFAULT_AUDIENCES = (Audience.PROFESSIONALS, Audience.FOSTER_PARENTS)

    class Kind(models.TextChoices):
        START = "start", _("Start meeting (startbijeenkomst)")
        EVALUATION = "evaluation", _("Evaluation")
        ON_REQUEST = "on_request", _("On request of a member")
        AFTER_COURT_ORDER = rules.AFTER_COURT_ORDER_MEETING, _("After a court order")
        HANDOVER = rules.HANDOVER_MEETING, _("Handover")

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="zorgteam_meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=Kind.choices)
    participants = _text(_("participants"), max_length=PARTICIPANTS_MAX_LENGTH, blank=False)
    notes = _text(_("notes"))

    class Meta(EventBase.Meta):
        verbose_name = _("zorgteam meeting")
        verbose_name_plural = _("zorgteam meetings")


class CourtOrder(EventBase):
    """A beschikking of the kinderrechter. `date` is the date of the order."""

    class Kind(models.TextChoices):
        OTS = "ots", _("OTS (supervision order)")
        MUHP = "muhp", _("MUHP (out-of-home placement authorisation)")
        VOOGDIJ = "voogdij", _("Voogdij (guardianship)")
        OTHER = "other", _("Other")

    class Review(models.TextChoices):
        PENDING = "", _("Not yet decided")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        NOT_EXTENDED = "not_extended", _("Decided not to extend")

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="court_orders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    review = models.CharField(
        _("extension decision"), max_length=30, choices=Review.choices, blank=True
    )
    review_date = models.DateField(_("date of the extension decision"), null=True, blank=True)
    review_note = _text(_("note on the extension decision"))
    review_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension decision recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = _text(_("note"))

    class Meta(EventBase.Meta):
        verbose_name = _("court order (beschikking)")
        verbose_name_plural = _("court orders (beschikkingen)")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("date")),
                name="court_order_end_after_date",
            ),
        ]


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Deadline.Status.OPEN)

    def due_by(self, day):
        """Open deadlines due on or before `day`: one indexed range scan (deadline_open_due)."""
        return self.open().filter(due_date__lte=day)

    def for_placements(self, placements):
        return self.filter(placement__in=placements)


class Deadline(models.Model):
    # One choice per row of rules.RULES: a new kind is a row there (and a migration here).
    Kind = models.TextChoices(
        "Kind", [(rule.kind.upper(), (rule.kind, rule.label)) for rule in rules.RULES]
    )

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("no longer applies")

    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    key = models.CharField(
        _("key"),
        max_length=40,
        blank=True,
        help_text=_("The court order or staff change it is about."),
    )
    due_date = models.DateField(_("due date"))
    basis_date = models.DateField(_("counted from"))
    responsible_role = models.CharField(_("responsible role"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by_id = models.PositiveBigIntegerField(null=True, blank=True)
    closed_by = GenericForeignKey("closed_by_type", "closed_by_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "placement_id", "kind"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            # At most one open deadline per obligation; refreshes run under the placement's lock.
            models.UniqueConstraint(
                fields=["placement", "kind", "key"],
                condition=Q(status="open"),
                name="deadline_one_open_per_obligation",
            ),
        ]
        indexes = [
            # "What is due by X?" reads only open rows, ordered by due date (partial index).
            models.Index(fields=["due_date"], condition=Q(status="open"), name="deadline_open_due"),
            models.Index(fields=["placement", "status"], name="deadline_placement_status"),
            # A placement's next open due date (the caseload's sort key, for every row): the
            # first entry of one index range instead of aggregating its open deadlines.
            models.Index(
                fields=["placement", "due_date"],
                condition=Q(status="open"),
                name="deadline_open_by_placement",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.kind} {self.due_date} ({self.status})"

    @property
    def rule(self):
        return rules.RULES_BY_KIND[self.kind]

    def status_on(self, day, due_soon_days=None):
        from .status import deadline_status

        return deadline_status(self.due_date, day, due_soon_days)
