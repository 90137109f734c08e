"""The hulpverleningsplan in versions, with its goals and agreements.

A version is drafted, then adopted (vastgesteld) on a date; an adopted version is
read-only and the next version starts as a copy of the last one. Goals and agreements
belong to one version; a copy shares its `key` with the row it was copied from, so an
agreement's history, its read receipts and "changed since your last visit" follow it
across versions. What people changed and proposed is in changes.py; what the portal
records (read receipts, meeting requests, visits) in portal.py.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from zorgteam.audiences import Audience, SharedItem
from zorgteam.models import Role

from .querysets import AgreementQuerySet, GoalQuerySet, PlanVersionQuerySet


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="plan_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.CharField(
        _("what changes in this version"),
        max_length=300,
        blank=True,
        help_text=_("e.g. after the evaluation of the bezoekregeling, or a new court order"),
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "-number"]
        verbose_name = _("hulpverleningsplan version")
        verbose_name_plural = _("hulpverleningsplan versions")
        constraints = [
            models.UniqueConstraint(fields=["placement", "number"], name="plan_version_unique"),
            # One draft at a time: two drafts would fork the plan.
            models.UniqueConstraint(
                fields=["placement"], condition=Q(status="draft"), name="plan_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", adopted_on__isnull=True)
                | Q(status="adopted", adopted_on__isnull=False, adopted_at__isnull=False),
                name="plan_version_adopted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} v{self.number} ({self.status})"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_adopted(self):
        return self.status == self.Status.ADOPTED


# Bounds on what people type: a page shows every goal and agreement of a plan.
GOAL_MAX_LENGTH = 1000
AGREEMENT_MAX_LENGTH = 4000


class Goal(SharedItem):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Dropped")

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="goals"
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    description = models.TextField(
        _("goal"),
        max_length=GOAL_MAX_LENGTH,
        validators=[MaxLengthValidator(GOAL_MAX_LENGTH)],
        help_text=_("In behavioural terms: what will the child do or be able to do?"),
    )
    target_date = models.DateField(_("to be reached by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    progress_note = models.CharField(_("progress"), max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="goal_key_once_per_version"),
        ]

    def __str__(self):
        return self.description[:60]

    def clean(self):
        self.description = (self.description or "").strip()
        if not self.description:
            raise ValidationError({"description": _("Describe the goal: it cannot be empty.")})


class Agreement(SharedItem):
    class Category(models.TextChoices):
        CONTACT_PARENTS = "contact_parents", _("Contact with the parents (bezoekregeling)")
        SCHOOL = "school", _("School")
        CARE = "care", _("Doctor, dentist and other care")
        HAIRDRESSER = "hairdresser", _("Hairdresser")
        CLOTHING = "clothing", _("Clothing")
        BIRTHDAYS = "birthdays", _("Birthdays")
        HOLIDAYS = "holidays", _("Holidays, Father's Day and Mother's Day")
        POCKET_MONEY = "pocket_money", _("Pocket money")
        OTHER = "other", _("Other")

    class VisitFrequency(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        BIWEEKLY = "biweekly", _("every two weeks")
        TRIWEEKLY = "triweekly", _("every three weeks")
        MONTHLY = "monthly", _("every month")
        SIX_WEEKLY = "six_weekly", _("every six weeks")
        QUARTERLY = "quarterly", _("every three months")
        OTHER = "other", _("otherwise (see the text)")

    class VisitForm(models.TextChoices):
        SUPERVISED = "supervised", _("supervised visit")
        UNSUPERVISED = "unsupervised", _("unsupervised visit")
        PHONE = "phone", _("by phone")
        VIDEO = "video", _("by video call")

    VISIT_FIELDS = ("visit_frequency", "visit_form", "visit_location", "visit_duration_minutes")

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="agreements"
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    text = models.TextField(
        _("agreement"),
        max_length=AGREEMENT_MAX_LENGTH,
        validators=[MaxLengthValidator(AGREEMENT_MAX_LENGTH)],
    )
    owner_role = models.CharField(
        _("carried out by (role)"), max_length=30, choices=Role.choices, blank=True
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("carried out by (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    concerns = models.CharField(_("concerns"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    visit_frequency = models.CharField(
        _("how often"), max_length=20, choices=VisitFrequency.choices, blank=True
    )
    visit_form = models.CharField(
        _("form of contact"), max_length=20, choices=VisitForm.choices, blank=True
    )
    visit_location = models.CharField(_("where"), max_length=200, blank=True)
    visit_duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24 * 60)],
    )
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    # When this wording reached the team: set at the adoption of the version that introduced
    # it, carried over by copies that leave it unchanged, cleared by a change in a draft.
    # "Changed since your last visit" and "gezien" compare against it.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_in = models.ForeignKey(
        PlanVersion,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["category", "position", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="agreement_key_once_per_version"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="agreement_text_not_empty"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_until_after_from",
            ),
            models.CheckConstraint(
                condition=~Q(owner_role="") | Q(owner_person__isnull=False),
                name="agreement_has_owner",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.text[:60]}"

    @property
    def is_bezoekregeling(self):
        return bool(self.visit_frequency)

    def owner_display(self):
        if self.owner_person_id and self.owner_role:
            role = self.get_owner_role_display()
            return (
                f"{self.owner_person}, {role}"
                if role.startswith("(")
                else f"{self.owner_person} ({role})"
            )
        if self.owner_person_id:
            return str(self.owner_person)
        return self.get_owner_role_display()

    def validity_display(self):
        if self.valid_from and self.valid_until:
            return _("%(start)s to %(end)s") % {
                "start": formats.date_format(self.valid_from, "j F Y"),
                "end": formats.date_format(self.valid_until, "j F Y"),
            }
        if self.valid_from:
            return _("from %(start)s") % {"start": formats.date_format(self.valid_from, "j F Y")}
        if self.valid_until:
            return _("until %(end)s") % {"end": formats.date_format(self.valid_until, "j F Y")}
        return ""

    def clean(self):
        errors = {}
        self.text = (self.text or "").strip()
        if not self.text:
            errors["text"] = _("Write down the agreement: the text cannot be empty.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _(
                "The end date (%(end)s) is before the start date (%(start)s). "
                "Choose an end date on or after the start date."
            ) % {
                "end": formats.date_format(self.valid_until, "j F Y"),
                "start": formats.date_format(self.valid_from, "j F Y"),
            }
        if not self.owner_role and not self.owner_person_id:
            errors["owner_role"] = _(
                "Say who carries out this agreement: a role, a member or both."
            )
        errors.update(self._clean_bezoekregeling())
        if errors:
            raise ValidationError(errors)

    def _clean_bezoekregeling(self):
        """The bezoekregeling is structured: frequency, form and duration all, or none."""
        filled = [f for f in self.VISIT_FIELDS if getattr(self, f) not in ("", None)]
        if not filled:
            return {}
        if self.category != self.Category.CONTACT_PARENTS:
            return {
                "category": _(
                    "A bezoekregeling belongs to the category “contact with the parents”. "
                    "Choose that category or empty the bezoekregeling fields."
                )
            }
        message = _("Fill in how often, the form and the duration of the bezoekregeling.")
        errors = {}
        for field in ("visit_frequency", "visit_form", "visit_duration_minutes"):
            if getattr(self, field) in ("", None):
                errors[field] = message
        if self.visit_duration_minutes == 0:
            errors["visit_duration_minutes"] = _("The duration must be at least one minute.")
        return errors

    def bezoekregeling_display(self):
        if not self.is_bezoekregeling:
            return ""
        parts = [self.get_visit_frequency_display(), self.get_visit_form_display()]
        if self.visit_location:
            parts.append(self.visit_location)
        if self.visit_duration_minutes:
            parts.append(_("%(minutes)s minutes") % {"minutes": self.visit_duration_minutes})
        text = ", ".join(str(p) for p in parts)
        return text[:1].upper() + text[1:]


# Sensible defaults per category (the regie changes them in the form). The regie always
# sees everything; "other professionals" get what their work touches (school, care).
_FAMILY = (Audience.FOSTER_PARENTS, Audience.PARENTS)
DEFAULT_AUDIENCES = {
    Agreement.Category.CONTACT_PARENTS: (*_FAMILY, Audience.CHILD),
    Agreement.Category.SCHOOL: (Audience.PROFESSIONALS, *_FAMILY, Audience.CHILD),
    Agreement.Category.CARE: (Audience.PROFESSIONALS, *_FAMILY),
    Agreement.Category.HAIRDRESSER: (*_FAMILY, Audience.CHILD),
    Agreement.Category.CLOTHING: (*_FAMILY, Audience.CHILD),
    Agreement.Category.BIRTHDAYS: (*_FAMILY, Audience.CHILD, Audience.NETWORK),
    Agreement.Category.HOLIDAYS: (*_FAMILY, Audience.CHILD, Audience.NETWORK),
    Agreement.Category.POCKET_MONEY: (*_FAMILY, Audience.CHILD),
    Agreement.Category.OTHER: (Audience.FOSTER_PARENTS,),
}
GOAL_DEFAULT_AUDIENCES = (Audience.PROFESSIONALS, *_FAMILY, Audience.CHILD)


def default_audiences(category):
    return frozenset(DEFAULT_AUDIENCES.get(category, ()))
