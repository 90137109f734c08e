from django.contrib import admin

from zorgteam.models import Membership

from .models import Child, Placement, VariantChange


class VariantChangeInline(admin.TabularInline):
    model = VariantChange
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "child",
        "variant",
        "start_date",
        "end_date",
        "care_kind",
        "legal_frame",
    ]
    list_filter = ["variant", "care_kind", "legal_frame", "provider"]
    search_fields = ["reference", "child__first_name", "child__last_name"]
    date_hierarchy = "start_date"
    list_select_related = ["child"]
    autocomplete_fields = ["child"]
    inlines = [MembershipInline, VariantChangeInline]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["first_name", "last_name", "birth_date"]
    search_fields = ["first_name", "last_name"]


@admin.register(VariantChange)
class VariantChangeAdmin(admin.ModelAdmin):
    list_display = ["placement", "variant", "from_date", "recorded_by", "recorded_at"]
    list_filter = ["variant"]
    search_fields = ["placement__reference"]
