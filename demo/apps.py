from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for `make run` (`manage.py load_demo`): the top of the house, built through
    every app's services, so no app below needs to know it."""

    name = "demo"
    verbose_name = _("Demo data")
