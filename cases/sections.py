"""Sections of the professionals' placement page, contributed by the apps that own them.

An app registers a section in its AppConfig.ready(); the placement page renders each in
order, in its slot: "main" below the team, "attention" beside the essentials at the top.
This keeps the plan (agreements), the deadlines and timeline (evaluations) and the team
(zorgteam) in their own apps without the cases app importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Section:
    order: int
    template_name: str
    get_context: Callable  # (request, placement) -> dict
    slot: str = "main"


_SECTIONS: list[Section] = []


def register(section):
    if section not in _SECTIONS:
        _SECTIONS.append(section)
        _SECTIONS.sort(key=lambda s: s.order)


def render_sections(request, placement, slot="main"):
    html = []
    for section in (s for s in _SECTIONS if s.slot == slot):
        context = {"placement": placement, **section.get_context(request, placement)}
        html.append(render_to_string(section.template_name, context, request=request))
    return mark_safe("".join(html))
