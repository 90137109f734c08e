"""What people changed and proposed: the history of agreements and the proposals (comments)
of professionals who may read but not edit the plan."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementChange(models.Model):
    """Who changed an agreement, when, and what it said before and after."""

    class Kind(models.TextChoices):
        CREATED = "created", _("added")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    placement = models.ForeignKey(
        "cases.Placement", on_delete=models.CASCADE, related_name="agreement_changes"
    )
    version = models.ForeignKey(
        "agreements.PlanVersion", on_delete=models.CASCADE, related_name="+"
    )
    # SET_NULL: removing an agreement from a draft keeps the record that it was removed.
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    key = models.UUIDField(db_index=True)
    kind = models.CharField(_("what happened"), max_length=10, choices=Kind.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    old_text = models.TextField(_("old text"), blank=True)
    new_text = models.TextField(_("new text"), blank=True)
    # Other fields that changed, as {label: [old, new]} in display form, for the history page.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("change of an agreement")
        verbose_name_plural = _("changes of agreements")

    def __str__(self):
        return f"{self.key} {self.kind} {self.changed_at:%Y-%m-%d %H:%M}"


class PlanComment(models.Model):
    """A proposal by a professional who may read but not edit the plan (the voogd)."""

    version = models.ForeignKey(
        "agreements.PlanVersion", on_delete=models.CASCADE, related_name="comments"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("about the agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goal = models.ForeignKey(
        "agreements.Goal",
        verbose_name=_("about the goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("proposal"), max_length=2000, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposal on the plan")
        verbose_name_plural = _("proposals on the plan")

    def __str__(self):
        return self.text[:60]
