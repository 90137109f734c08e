from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgteamConfig(AppConfig):
    name = "zorgteam"
    verbose_name = _("Zorgteam")
