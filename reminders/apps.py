from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from core.health import EXTRA_CHECKS

        from .health import check_reminder_sweep

        if check_reminder_sweep not in EXTRA_CHECKS:
            EXTRA_CHECKS.append(check_reminder_sweep)
