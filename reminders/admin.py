from django.contrib import admin

from .models import Digest, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "stage", "occurrence", "recipient", "reason", "status", "sent_at"]
    list_filter = ["status", "stage", "reason"]
    search_fields = ["recipient__email", "deadline__placement__reference"]
    list_select_related = ["deadline", "recipient"]
    raw_id_fields = ["deadline", "recipient", "digest"]

    # The outbox is evidence of who was told what: read it here, never edit it by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "status", "item_count", "attempts", "next_attempt_at"]
    list_filter = ["status", "day"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
