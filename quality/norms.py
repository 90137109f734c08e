"""The norms of the Richtlijn Pleegzorg the quality page measures, as a declarative table.

Each norm is met or missed through stored deadlines (evaluations.models.Deadline) of one or
more kinds; the periods live in the deadline engine (evaluations.rules), which is where a
due date comes from. A norm whose kind has no rows yet (the engine does not open it yet)
shows "no data" and lights up when rows of that kind appear: nothing here needs to change.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from evaluations import rules

# Kinds other branches add to the engine (DOMAIN.md "Further rules"); plain strings, so this
# table does not depend on them existing yet.
START_MEETING = "start_meeting"
REQUESTED_MEETING = "requested_meeting"


@dataclass(frozen=True)
class Norm:
    key: str
    kinds: tuple[str, ...]
    label: str
    period: str
    # The perspective decision is split by age at placement: for young children a quick
    # decision matters most.
    by_age: bool = False


# fmt: off
NORMS: tuple[Norm, ...] = (
    Norm("visit_evaluation", (rules.VISIT_EVALUATION,),
         _("Visit arrangement evaluated"),
         _("3 months (hulpverlening) or 6 (opvoeding)")),
    Norm("guardian_contact", (rules.GUARDIAN_CONTACT,),
         _("Voogd's contact with the parents"),
         _("6 weeks after the last contact")),
    Norm("perspective_study", (rules.PERSPECTIVE_STUDY_START,),
         _("Perspective study started"),
         _("3 months after the start")),
    Norm("perspective_decision", (rules.PERSPECTIVE_DECISION,),
         _("Perspective decision taken"),
         _("9 months after the start, or the date set"),
         by_age=True),
    Norm("handover", (rules.HANDOVER,),
         _("Warm handover after a staff change"),
         _("2 weeks after the change")),
    Norm("requested_meeting", (REQUESTED_MEETING,),
         _("Meeting after a request"),
         _("2 weeks after the request")),
    Norm("start_meeting", (START_MEETING,),
         _("Start meeting"),
         _("2 weeks after the start")),
)
# fmt: on
NORMS_BY_KEY: dict[str, Norm] = {norm.key: norm for norm in NORMS}
ALL_KINDS: tuple[str, ...] = tuple(kind for norm in NORMS for kind in norm.kinds)
AGE_NORMS: tuple[Norm, ...] = tuple(norm for norm in NORMS if norm.by_age)
