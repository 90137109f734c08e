"""Read-only admin: these records are written through the services, which keep the deadlines
(requests for explanation), the draft plan (meeting agreements) and the family's notices in
step. The application manager can look things up here; changes happen in the app."""

from django.contrib import admin

from core.admin_mixins import ReadOnlyAdmin

from .models import Decision, ExplanationRequest, MeetingRecord, StaffChange


@admin.register(MeetingRecord)
class MeetingRecordAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "agreements_added", "draft_version"]
    search_fields = ["meeting__placement__reference"]
    list_select_related = ["meeting__placement", "draft_version"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["placement", "date", "subject", "decided_by", "decided_by_role"]
    list_filter = ["decided_by_role"]
    search_fields = ["placement__reference", "subject"]
    list_select_related = ["placement", "decided_by"]


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(ReadOnlyAdmin):
    list_display = ["decision", "requested_by", "requested_at", "answered_at"]
    search_fields = ["placement__reference"]
    list_select_related = ["decision", "requested_by"]


@admin.register(StaffChange)
class StaffChangeAdmin(ReadOnlyAdmin):
    list_display = ["placement", "role", "change_date", "handover_meeting_on", "file_read_on"]
    list_filter = ["role"]
    search_fields = ["placement__reference"]
    list_select_related = ["placement"]
