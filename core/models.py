from django.conf import settings
from django.db import models
from django.utils import timezone
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


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    """Append-only: rows are added, never changed or removed through the ORM.

    PostgreSQL enforces the same with a trigger (migration 0002), so raw SQL from the app's
    own code is refused too.
    """

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("The access log cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("The access log cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly("The access log cannot be changed.")

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_copies()
        return super().bulk_create(objs, *args, **kwargs)


class AuditEvent(models.Model):
    """One access to a case file, NEN 7513 style: who, in which role, when, what, which
    client (placement), from where, and the outcome.

    Rows outlive the people and placements they name: the user and placement are kept as
    plain ids (no database constraint, nothing cascades or is set to NULL) and as text copies
    taken at that moment (name, reference).
    """

    class Action(models.TextChoices):
        READ = "read", _("read")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")
        REFUSED = "refused", _("refused")
        LOGIN = "login", _("logged in")
        LOGOUT = "logout", _("logged out")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKOUT = "lockout", _("locked out")
        OTP_ENROLLED = "otp_enrolled", _("second factor set up")
        OTP_VERIFIED = "otp_verified", _("second factor verified")
        OTP_FAILED = "otp_failed", _("second factor failed")
        OTP_RECOVERY_USED = "otp_recovery_used", _("recovery code used")
        OTP_REMOVED = "otp_removed", _("second factor removed")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    user_name = models.CharField(_("name at that moment"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    placement = models.ForeignKey(
        "cases.Placement",
        verbose_name=_("placement"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    placement_reference = models.CharField(
        _("placement reference"), max_length=40, blank=True, db_index=True
    )
    what = models.CharField(_("what"), max_length=200)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=60, blank=True)
    request_id = models.CharField(_("request id"), max_length=128, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        permissions = [("privacy_officer", _("Can review everyone's access log (privacy officer)"))]
        indexes = [models.Index(fields=["user", "at"], name="core_audit_user_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.what}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("The access log cannot be changed.")
        self.fill_copies()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("The access log cannot be deleted.")

    def fill_copies(self):
        """Copy the name and reference from loaded objects, so the row reads without them."""
        cache = self._state.fields_cache
        if not self.user_name and cache.get("user") is not None:
            self.user_name = cache["user"].get_full_name() or str(cache["user"])
        if not self.placement_reference and cache.get("placement") is not None:
            self.placement_reference = cache["placement"].reference
