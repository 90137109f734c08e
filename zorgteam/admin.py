from django.contrib import admin
from django.db import transaction

from cases.hooks import placement_changed
from core.admin_mixins import ReadOnlyAdmin

from .models import Invitation, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["placement", "person", "role", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["placement__reference", "person__full_name", "person__email"]
    autocomplete_fields = ["person", "placement"]
    list_select_related = ["placement", "person"]

    # The team drives deadlines (the child joining at 12, a handover after a staff change),
    # so every admin write runs the placement's hooks in the same transaction, as the
    # services do.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        placement_changed(obj.placement)

    def delete_model(self, request, obj):
        placement = obj.placement
        super().delete_model(request, obj)
        placement_changed(placement)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        # The "delete selected" action runs outside the admin's transaction: make it one.
        placements = {m.placement for m in queryset.select_related("placement")}
        super().delete_queryset(request, queryset)
        for placement in placements:
            placement_changed(placement)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Looked up, not edited: an invitation is made and accepted through the app (the token
    itself is never stored, only its hash, which is not shown)."""

    list_display = ["placement", "email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["placement__reference", "email"]
    list_select_related = ["placement"]
    exclude = ["token_hash"]
