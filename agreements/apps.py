from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Hulpverleningsplan and agreements")

    def ready(self):
        from cases.sections import Section, register

        from .section import section_context

        register(
            Section(order=20, template_name="agreements/_section.html", get_context=section_context)
        )
