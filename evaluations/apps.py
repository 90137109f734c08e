from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations and deadlines")

    def ready(self):
        from cases import hooks, sections

        from .hooks import deadlines_follow
        from .section import attention_context, section_context

        # Order 30: after the plan (20), the deadlines, the timeline and the event forms.
        sections.register(sections.Section(30, "evaluations/_section.html", section_context))
        sections.register(
            sections.Section(10, "evaluations/_attention.html", attention_context, slot="attention")
        )
        hooks.register(hooks.Hook(10, "deadlines", deadlines_follow))
