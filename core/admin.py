from django.contrib import admin

from .models import AuditEvent, Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run", "detail"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "placement", "what"]
    list_filter = ["action"]
    search_fields = ["what", "user__email", "placement__reference"]
    date_hierarchy = "at"

    # The audit trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
