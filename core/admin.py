from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_mixins import ReadOnlyAdmin
from .models import AuditEvent, Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run", "detail"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The access log is evidence: read-only, no delete, not even for the superuser.

    Names and references are shown from the row's own copies: the person or placement may
    no longer exist.
    """

    list_display = [
        "at",
        "user_name",
        "role",
        "action",
        "outcome",
        "object_type",
        "object_id",
        "placement_reference",
        "ip_address",
    ]
    list_filter = ["action", "outcome", "source"]
    search_fields = ["user_name", "placement_reference", "what", "object_type"]
    date_hierarchy = "at"
    show_full_result_count = False  # a count(*) over years of log rows on every page
    # The ids as numbers: following the user or placement would fail for a deleted one.
    fields = [
        "at",
        "person_id",
        "user_name",
        "role",
        "action",
        "outcome",
        "object_type",
        "object_id",
        "placement_number",
        "placement_reference",
        "what",
        "ip_address",
        "source",
        "request_id",
    ]
    readonly_fields = fields

    @admin.display(description=_("user id"))
    def person_id(self, event):
        return event.user_id

    @admin.display(description=_("placement id"))
    def placement_number(self, event):
        return event.placement_id

    def get_actions(self, request):
        return {}
