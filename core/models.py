from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a periodic job last ran, so /health/ can tell a stopped beat or worker."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    last_run = models.DateTimeField(_("last run"))
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.last_run:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """Who read or changed which case file, and when (AVG: youth-care data must be traceable)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    what = models.CharField(_("what"), max_length=200)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.what}"
