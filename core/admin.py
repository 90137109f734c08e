from django.contrib import admin

from .admin_mixins import ReadOnlyAdmin
from .models import AuditEvent, Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run", "detail"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail is evidence: nobody edits or deletes it through the admin."""

    list_display = ["at", "user", "action", "placement", "what"]
    list_filter = ["action"]
    search_fields = ["what", "user__email", "placement__reference"]
    date_hierarchy = "at"
