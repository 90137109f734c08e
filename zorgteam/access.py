"""What one person may see of one placement: THE place that decides it.

`access_for(user, placement)` reads the person's current role(s) in the zorgteam once (one
query, remembered on the placement object for the rest of the request) and answers every
question a page, the print, an email or the calendar feed asks:

- `audiences`: whose share the person gets (the regie sees the whole file);
- `whole_file`: court orders, events, the timeline, deadlines, drafts, contact details;
- `sees_contact_details(member)`: everyone's for the regie, the professionals' for others;
- `hides_foster_family`: the parents of a placement whose foster family is confidential
  see no name, address, phone or email of the foster family anywhere;
- `read_only`: an ended placement is a closed file, read but not changed.

Querysets filter with it: `Agreement.objects.shared_with(access)` and friends.
"""

from dataclasses import dataclass

from django.utils import timezone

from .audiences import (
    CLOSED_FILE_ROLES,
    FAMILY_AUDIENCES,
    Audience,
    audience_of_role,
    audience_q,
)
from .models import Membership, Role


@dataclass(frozen=True)
class PlacementAccess:
    placement: object
    user: object
    roles: frozenset
    audiences: frozenset
    oversees: bool = False

    @property
    def placement_id(self):
        return self.placement.pk

    @property
    def whole_file(self):
        return Audience.REGIE in self.audiences

    @property
    def is_member(self):
        return bool(self.roles) or self.oversees

    @property
    def sees_anything(self):
        return bool(self.audiences)

    @property
    def is_family(self):
        """Sees the family's portal: no professional audience at all."""
        return bool(self.audiences) and not (
            self.audiences & {Audience.REGIE, Audience.PROFESSIONALS}
        )

    @property
    def read_only(self):
        return self.placement.is_ended()

    @property
    def hides_foster_family(self):
        return bool(
            self.placement.foster_family_confidential
            and Audience.PARENTS in self.audiences
            and not self.whole_file
            # A person who is also a foster parent here knows who they are.
            and Audience.FOSTER_PARENTS not in self.audiences
        )

    def q(self, prefix=""):
        """The filter on the audience columns of the shared items (see zorgteam.audiences)."""
        return audience_q(self.audiences, prefix)

    def sees(self, item):
        return item.is_shared_with(self.audiences)

    def sees_member(self, membership):
        """Whether a member appears at all: not the foster family to confidential parents."""
        return not (self.hides_foster_family and membership.role == Role.PLEEGOUDER)

    def sees_contact_details(self, membership):
        if not self.sees_member(membership):
            return False
        if self.whole_file:
            return True
        # Others see how to reach the professionals; the family's details are the regie's.
        return audience_of_role(membership.role) in (Audience.REGIE, Audience.PROFESSIONALS)

    def members(self, memberships):
        """The memberships this person may see, each with `show_contact` set."""
        visible = []
        for membership in memberships:
            if self.sees_member(membership):
                membership.show_contact = self.sees_contact_details(membership)
                visible.append(membership)
        return visible


def _oversees(user, placement):
    from cases.permissions import oversees_placement

    if user.is_superuser:
        return True
    return bool(getattr(user, "is_professional", False)) and oversees_placement(user, placement)


def audiences_for_roles(roles, *, oversees=False, ended=False):
    """The audiences of someone holding `roles` (a pure function: table-tested)."""
    if ended:
        roles = [r for r in roles if r in CLOSED_FILE_ROLES]
    audiences = {audience_of_role(role) for role in roles}
    if oversees:
        audiences.add(Audience.REGIE)
    return frozenset(audiences)


def access_for(user, placement, on=None):
    """The access of `user` to `placement` (one query; remembered for this placement object)."""
    cache = placement.__dict__.setdefault("_access_cache", {})
    key = (getattr(user, "pk", None), on)
    if key in cache:
        return cache[key]
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        access = PlacementAccess(placement, user, frozenset(), frozenset())
    else:
        on = on or timezone.localdate()
        team = placement.__dict__.get("_members_cache", {}).get(on)
        if team is not None:  # the page loaded the current team already
            roles = frozenset(m.role for m in team if m.person_id == user.pk)
        else:
            roles = frozenset(
                Membership.objects.current(on=on)
                .filter(placement=placement, person=user)
                .values_list("role", flat=True)
            )
        oversees = _oversees(user, placement)
        access = PlacementAccess(
            placement,
            user,
            roles,
            audiences_for_roles(roles, oversees=oversees, ended=placement.is_ended(on)),
            oversees,
        )
    cache[key] = access
    return access


def current_memberships(placement, on=None):
    """The placement's current memberships with their person, oldest first (one query).

    Remembered on this placement object for the rest of the request, as access_for is: the
    placement page asks for the current team in five places (the reader's roles, who is
    responsible, the plan's family, who holds the regie, who may record).
    """
    on = on or timezone.localdate()
    cache = placement.__dict__.setdefault("_members_cache", {})
    if on not in cache:
        cache[on] = list(
            Membership.objects.current(on=on)
            .filter(placement=placement)
            .select_related("person")
            .order_by("start_date", "pk")
        )
    return cache[on]


def remember_current_memberships(placement, memberships, on):
    """current_memberships from every membership of the placement a page loaded anyway
    (past ones included, with their person): no query of its own. Their people are
    remembered too, for attach_people."""
    current = sorted(
        (m for m in memberships if m.is_current(on)), key=lambda m: (m.start_date, m.pk)
    )
    placement.__dict__.setdefault("_members_cache", {})[on] = current
    people = placement.__dict__.setdefault("_people_cache", {})
    people.update((m.person_id, m.person) for m in memberships)
    placement.__dict__.setdefault("_memberships_by_pk", {}).update((m.pk, m) for m in memberships)


def _attach(placement, rows, fields, cache_name, load):
    """Set the foreign keys `fields` of `rows` from the objects remembered on the placement
    under `cache_name`; the missing ones are read by `load(ids)` (one query) and remembered."""
    known = placement.__dict__.setdefault(cache_name, {})
    missing = {getattr(row, f"{field}_id") for row in rows for field in fields}
    missing -= known.keys() | {None}
    if missing:
        known.update(load(missing))
    for row in rows:
        for field in fields:
            key = getattr(row, f"{field}_id")
            setattr(row, field, None if key is None else known[key])
    return rows


def attach_memberships(placement, rows, field):
    """As attach_people, for a foreign key to one of the placement's memberships (with its
    person): from the memberships the page read, else one query."""
    return _attach(
        placement,
        rows,
        (field,),
        "_memberships_by_pk",
        lambda ids: (
            (m.pk, m) for m in Membership.objects.filter(pk__in=ids).select_related("person")
        ),
    )


def attach_people(placement, rows, *fields):
    """Set the person foreign keys `fields` (recorded_by, decided_by, ...) of the placement's
    `rows` from the people its page read with the zorgteam (remember_current_memberships),
    instead of a join per list: whoever records, decides or asks is nearly always a member,
    past or present. The others (a colleague who was never in the team, the application
    manager) are read in one query, remembered for the next list."""
    from django.contrib.auth import get_user_model

    return _attach(
        placement,
        rows,
        fields,
        "_people_cache",
        lambda ids: get_user_model().objects.in_bulk(ids).items(),
    )


def accesses_for(user, on=None):
    """{placement_id: audiences} for every placement the person is a member of (one query).

    Placements seen only through oversight (team lead, application manager) are not listed:
    callers add them as whole-file placements (`Placement.objects.visible_to`).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    on = on or timezone.localdate()
    roles = {}
    for placement_id, role, end_date in (
        Membership.objects.current(on=on)
        .filter(person=user)
        .values_list("placement_id", "role", "placement__end_date")
    ):
        roles.setdefault(placement_id, ([], end_date))[0].append(role)
    result = {}
    for placement_id, (held, end_date) in roles.items():
        ended = end_date is not None and end_date <= on
        audiences = audiences_for_roles(held, ended=ended)
        if audiences:
            result[placement_id] = audiences
    return result


def is_family_audience(audiences):
    return bool(audiences) and audiences <= FAMILY_AUDIENCES
