"""A deadline as a traffic light: how urgent, how many days, and where to act on it."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .links import links
from .status import DUE_SOON, OVERDUE, UPCOMING, deadline_status

# Most urgent first; a placement's overall light is its most urgent deadline's.
STATUS_RANK = {OVERDUE: 0, DUE_SOON: 1, UPCOMING: 2}


@dataclass(slots=True)
class Light:
    kind: str
    due_date: date
    responsible_role: str
    reference: str
    status: str
    days: int  # negative: days overdue
    url: str  # the form that records the event that satisfies it, else the placement page
    records: bool  # True when url is that form
    placement_url: str
    child_first_name: str = ""  # filled where the list spans placements ("this week")

    @property
    def days_overdue(self):
        return -self.days


def lights_for(rows, *, reference, today, child_first_name="", placement=None):
    """Lights for (kind, key, due_date, responsible_role) rows of one placement (`placement`:
    its object, when the page has it: see forms.deadline_action_url)."""
    link = links()
    page = link.placement(reference)
    soon = settings.DUE_SOON_DAYS
    result = []
    for kind, key, due_date, responsible_role in rows:
        url = link.record(kind, reference, key, placement=placement)
        result.append(
            Light(
                kind=kind,
                due_date=due_date,
                responsible_role=responsible_role,
                reference=reference,
                status=deadline_status(due_date, today, soon),
                days=(due_date - today).days,
                url=url or page,
                records=url is not None,
                placement_url=page,
                child_first_name=child_first_name,
            )
        )
    return result


def deadline_lights(deadlines, *, reference, today, placement=None):
    return lights_for(
        ((d.kind, d.key, d.due_date, d.responsible_role) for d in deadlines),
        reference=reference,
        today=today,
        placement=placement,
    )


def worst_status(lights):
    return min((lt.status for lt in lights), key=STATUS_RANK.__getitem__, default=None)
