from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    """The placement's life in the app: registered at intake, its variant changed, its court
    orders extended, ended with a date and a reason. A face: it composes the apps below."""

    name = "lifecycle"
    verbose_name = _("Placement life cycle")

    def ready(self):
        from cases.sections import Section, register
        from evaluations import timeline

        from .section import section_context
        from .timeline import timeline_entries

        # First on the page after the team: what the regie can change about the placement.
        register(Section(3, "lifecycle/_section.html", section_context))
        timeline.register(timeline_entries)
