from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

PRIVACY_OFFICER_GROUP = "privacy_officer"


def create_privacy_officer_group(using="default", **kwargs):
    """The group the application manager puts the privacy officer in (in the admin).

    After migrate, when the permission exists; idempotent, so every migrate may run it.
    """
    from django.contrib.auth.models import Group, Permission

    permission = Permission.objects.using(using).filter(
        content_type__app_label="core", codename="privacy_officer"
    )
    if not permission.exists():
        return
    group, _created = Group.objects.using(using).get_or_create(name=PRIVACY_OFFICER_GROUP)
    group.permissions.add(*permission)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Operations")

    def ready(self):
        from . import audit_signals, lookups

        audit_signals.connect()
        lookups.register()
        post_migrate.connect(
            create_privacy_officer_group, sender=self, dispatch_uid="core.privacy_officer_group"
        )
