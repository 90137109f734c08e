"""The placement's life on its page (cases.sections, order 3), for the regie: change the
variant, record a court order or its extension, end the placement (or take back a planned
end). No query of its own beyond the court orders the timeline reads too."""

from django.utils import timezone

from evaluations import forms as event_forms
from evaluations import rules
from evaluations.links import links
from evaluations.models import CourtOrder
from evaluations.permissions import can_record_events
from evaluations.selectors import current_members_by_role, placement_events

from .services import order_end


def section_context(request, placement):
    today = timezone.localdate()
    members = current_members_by_role(placement, today)
    if not can_record_events(request.user, placement, members):
        return {"life_show": False}
    # Newest first; read once with the timeline's court orders.
    orders = sorted(
        (
            o
            for o in placement_events(placement, CourtOrder)
            if o.kind in rules.REVIEWABLE_ORDER_KINDS
        ),
        key=lambda o: (o.date, o.pk),
        reverse=True,
    )
    rows = [
        {
            "order": order,
            "end": order_end(order),
            "assumed_end": order.end_date is None,
            # The newest order of a kind is the one to extend.
            "extendable": order == next(o for o in orders if o.kind == order.kind),
        }
        for order in orders
    ]
    return {
        "life_show": True,
        "life_ended": placement.is_ended(on=today),
        "life_planned_end": placement.end_date if not placement.is_ended(on=today) else None,
        "life_orders": rows,
        "life_court_order_url": links().event(event_forms.COURT_ORDER, placement.reference),
    }
