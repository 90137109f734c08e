from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["placement", "person", "role", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["placement__reference", "person__full_name", "person__email"]
    autocomplete_fields = ["person", "placement"]
    list_select_related = ["placement", "person"]
