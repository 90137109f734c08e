from django.contrib import admin
from django.db import transaction

from core.admin_mixins import ReadOnlyAdmin

from .models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)
from .services import deadlines_refresh


class EventAdmin(admin.ModelAdmin):
    """Events may be corrected by the application manager; the deadlines follow at once."""

    list_display = ["placement", "date", "recorded_by", "recorded_at"]
    list_select_related = ["placement", "recorded_by"]
    search_fields = ["placement__reference"]
    date_hierarchy = "date"
    autocomplete_fields = ["placement"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        # The admin wraps this in a transaction, like every service write.
        deadlines_refresh(placement=obj.placement)

    def delete_model(self, request, obj):
        placement = obj.placement
        super().delete_model(request, obj)
        deadlines_refresh(placement=placement)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        # The "delete selected" action runs outside the admin's transaction: make it one.
        placements = {obj.placement for obj in queryset}
        super().delete_queryset(request, queryset)
        for placement in placements:
            deadlines_refresh(placement=placement)


admin.site.register(VisitEvaluation, EventAdmin)
admin.site.register(PerspectiveStudyStart, EventAdmin)
admin.site.register(GuardianContact, EventAdmin)


@admin.register(PerspectiveDecision)
class PerspectiveDecisionAdmin(EventAdmin):
    list_display = [*EventAdmin.list_display, "outcome"]
    list_filter = ["outcome"]


@admin.register(ZorgteamMeeting)
class ZorgteamMeetingAdmin(EventAdmin):
    list_display = [*EventAdmin.list_display, "kind"]
    list_filter = ["kind"]


@admin.register(CourtOrder)
class CourtOrderAdmin(EventAdmin):
    list_display = [*EventAdmin.list_display, "kind", "end_date", "review"]
    list_filter = ["kind", "review"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    """Computed from the events by deadlines_refresh: read here, never edited by hand."""

    list_display = ["placement", "kind", "due_date", "responsible_role", "status", "closed_on"]
    list_filter = ["status", "kind", "responsible_role"]
    search_fields = ["placement__reference"]
    list_select_related = ["placement"]
    date_hierarchy = "due_date"
