from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgteam.models import Membership

from .hooks import placement_changed
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

    def save_model(self, request, obj, form, change):
        # The admin bypasses cases.services, so keep its two promises here: the variant
        # history records every switch, and the deadlines follow every change (the hook).
        variant_changed = change and "variant" in form.changed_data
        super().save_model(request, obj, form, change)
        if not change or variant_changed:
            VariantChange.objects.create(
                placement=obj,
                variant=obj.variant,
                from_date=obj.start_date if not change else timezone.localdate(),
                note=_("Changed in the administration"),
                recorded_by=request.user,
            )

    def save_related(self, request, form, formsets, change):
        # Runs after the inlines (the team) are saved, inside the admin's transaction.
        super().save_related(request, form, formsets, change)
        placement_changed(form.instance)


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["first_name", "last_name", "birth_date"]
    search_fields = ["first_name", "last_name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The birth date drives child_joins_zorgteam (the 12th birthday).
        for placement in obj.placements.all():
            placement_changed(placement)


@admin.register(VariantChange)
class VariantChangeAdmin(admin.ModelAdmin):
    list_display = ["placement", "variant", "from_date", "recorded_by", "recorded_at"]
    list_filter = ["variant"]
    search_fields = ["placement__reference"]
