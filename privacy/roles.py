"""The role a person had in a placement at the moment of a log row, as a subquery of the
log's INSERT (so logging a page costs no query of its own)."""

from django.db.models import Subquery

from zorgteam.models import Membership


def role_in_placement(user_id, placement_id, placement_reference, day):
    memberships = Membership.objects.current(on=day).filter(person_id=user_id)
    if isinstance(placement_id, int):
        memberships = memberships.filter(placement_id=placement_id)
    elif isinstance(placement_reference, str) and placement_reference:
        memberships = memberships.filter(placement__reference=placement_reference)
    elif placement_id is not None:
        memberships = memberships.filter(placement_id=placement_id)
    else:
        return None
    return Subquery(memberships.order_by("start_date", "pk").values("role")[:1])
