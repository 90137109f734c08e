from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The access log's pages and the retention of files; wires core's log to the case."""

    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from cases import sections
        from cases.models import Child, Placement
        from core import audit, audit_signals

        from .roles import role_in_placement
        from .views import access_log_section

        audit.register_case(placement_model=Placement, role_in_placement=role_in_placement)
        audit_signals.connect_models(placement_model=Placement, also=(Child,))
        sections.register(
            sections.Section(90, "privacy/_section.html", access_log_section, slot="main")
        )
