from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The foster parents' portal: a face over the plan (agreements), the team and the dates
    of the next meetings, for the family members of a placement."""

    name = "portal"
    verbose_name = _("Foster parents' portal")
