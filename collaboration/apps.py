from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """The NVP report's advice as working features: the start meeting (1), decisions with
    the people they concern (2), staff changes told and handed over (6, 7), and meetings any
    member asks for, with the standard agenda (8)."""

    name = "collaboration"
    verbose_name = _("Collaboration in the zorgteam")

    def ready(self):
        from cases.sections import Section, register
        from evaluations import closing, requests, rules, timeline
        from evaluations import forms as event_forms
        from zorgteam.signals import staff_changed

        from . import links, meeting_requests, section
        from .services import decisions
        from .services.staff import staff_change_open
        from .timeline import timeline_entries

        # Above the plan (20): what the new professional still has to do after a change.
        register(Section(5, "collaboration/_handover_section.html", section.handover_context))
        # Between the plan (20) and the deadlines (30): meetings and decisions.
        register(Section(25, "collaboration/_section.html", section.section_context))
        # Every zorgteam meeting is recorded with its agenda, here; the explanation of a
        # decision is given on the decision's page.
        event_forms.register_event_page(event_forms.ZORGTEAM_MEETING, links.meeting_record_url)
        event_forms.register_kind_page(rules.DECISION_EXPLANATION, links.explanation_url)
        # The requests that open deadlines, and the rows that settle them (evaluations reads
        # them through these registries: it may not import the plan or this app).
        requests.register(meeting_requests.request_source())
        requests.register(decisions.request_source())
        closing.register_source(rules.EVENT_MEETING_REQUEST, meeting_requests.settled_source())
        closing.register_source(rules.EVENT_EXPLANATION_REQUEST, decisions.settled_source())
        timeline.register(timeline_entries)
        staff_changed.connect(staff_change_open, dispatch_uid="collaboration.staff_change_open")
