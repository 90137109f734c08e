from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations and deadlines")

    def ready(self):
        from cases.sections import Section, register

        from .section import section_context

        # Order 30: after the plan (20), the deadlines, the timeline and the event forms.
        register(Section(30, "evaluations/_section.html", section_context))
