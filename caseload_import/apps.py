from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseloadImportConfig(AppConfig):
    """Onboarding a running caseload from a spreadsheet (`manage.py import_caseload`): it
    writes the placements, people, teams, events and deadlines of four apps in bulk."""

    name = "caseload_import"
    verbose_name = _("Caseload import")
