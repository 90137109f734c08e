"""Read-only admin for the plan: adopted versions are read-only and every change keeps its
history, which only the services in agreements/services.py guarantee. The application
manager can look things up here; edits happen in the app."""

from django.contrib import admin

from core.admin_mixins import ReadOnlyAdmin

from .models import (
    Agreement,
    AgreementChange,
    AgreementRead,
    Goal,
    MeetingRequest,
    PlanComment,
    PlanVersion,
    PortalVisit,
)


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["placement", "number", "status", "adopted_on", "adopted_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["placement__reference"]
    list_select_related = ["placement", "adopted_by"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["version", "description", "target_date", "status"]
    list_filter = ["status"]
    search_fields = ["version__placement__reference", "description"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = [
        "version",
        "category",
        "text",
        "owner_role",
        "audiences_display",
        "valid_from",
        "valid_until",
    ]
    list_filter = [
        "category",
        "for_professionals",
        "for_foster_parents",
        "for_parents",
        "for_child",
        "for_network",
    ]
    search_fields = ["version__placement__reference", "text"]


@admin.register(AgreementChange)
class AgreementChangeAdmin(ReadOnlyAdmin):
    list_display = ["placement", "kind", "changed_by", "changed_at"]
    list_filter = ["kind"]
    search_fields = ["placement__reference"]


@admin.register(PlanComment)
class PlanCommentAdmin(ReadOnlyAdmin):
    list_display = ["version", "author", "created_at", "resolved_at"]


@admin.register(AgreementRead)
class AgreementReadAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "person", "read_at"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdmin):
    list_display = ["placement", "requested_by", "status", "created_at", "planned_on"]
    list_filter = ["status"]
    search_fields = ["placement__reference"]


@admin.register(PortalVisit)
class PortalVisitAdmin(ReadOnlyAdmin):
    list_display = ["person", "placement", "last_visit_at"]
