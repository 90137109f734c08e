from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records whose writes must go through a service (versioned, computed or evidence).

    The application manager can find and read them; changes happen in the app, where the
    services keep history, deadlines and read-only rules in step.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
