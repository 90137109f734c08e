"""Reads that the plan pages, the placement section, the portal and the print share.

Everything starts from the `shared_with(access)` querysets (zorgteam.access), so what a page
shows, counts or prints is what that person may see.
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from zorgteam.access import attach_people, current_memberships
from zorgteam.audiences import FAMILY_AUDIENCES, audience_of_role
from zorgteam.models import Role

from .models import Agreement, AgreementRead, Goal, PlanComment, PlanVersion


def versions_for(access, *, team_read=False):
    """`team_read`: the page read the zorgteam with its people (the placement page), so who
    created and adopted each version comes from it (zorgteam.access.attach_people)."""
    versions = PlanVersion.objects.shared_with(access).order_by("-number")
    if team_read:
        return attach_people(access.placement, list(versions), "adopted_by", "created_by")
    return list(versions.select_related("adopted_by", "created_by"))


def current_version(versions):
    """The newest adopted version: the plan the team works by."""
    return next((v for v in versions if v.is_adopted), None)


def adopted_version_for(access):
    """current_version(versions_for(access)) in one query without the users' joins: for the
    family's portal, which shows the current plan's number and date only."""
    return PlanVersion.objects.shared_with(access).adopted().order_by("-number").first()


def draft_version(versions):
    return next((v for v in versions if v.is_draft), None)


def goals_for(access, version):
    return list(Goal.objects.shared_with(access).filter(version=version))


def agreements_for(access, version):
    return list(
        Agreement.objects.shared_with(access)
        .filter(version=version)
        .select_related("owner_person")
        .order_by("category", "position", "id")
    )


def by_category(agreements):
    """[(label, [agreements])] in the order of Agreement.Category."""
    groups = OrderedDict((value, []) for value in Agreement.Category.values)
    for agreement in agreements:
        groups[agreement.category].append(agreement)
    labels = dict(Agreement.Category.choices)
    return [(value, labels[value], items) for value, items in groups.items() if items]


# The order a family reads the team in: who has the regie first, the family itself last.
ROLE_ORDER = [
    Role.PLEEGZORGBEGELEIDER,
    Role.VOOGD,
    Role.BEHANDELAAR,
    Role.GEDRAGSWETENSCHAPPER,
    Role.DOCENT,
    Role.GEMEENTE,
    Role.VERTROUWENSPERSOON,
    Role.PLEEGOUDER,
    Role.OUDER,
    Role.PLEEGKIND,
    Role.NETWERK,
    Role.OVERIG,
]


def current_members(placement, on=None):
    members = current_memberships(placement, on)
    return sorted(members, key=lambda m: (ROLE_ORDER.index(m.role), m.start_date, m.pk))


def label_owners(agreements, members, access=None):
    """Set `owner_label` on each agreement: the person who carries it out, by name.

    An agreement may name a role ("the pleegzorgbegeleider"); the family wants to know who
    that is today, so the role is resolved to the current member(s) in it. Someone the
    reader may not see by name (the foster family, to parents of a confidential placement)
    is named by role only.
    """
    names_by_role = {}
    hidden_people = set()
    for m in members:
        if access is not None and not access.sees_member(m):
            hidden_people.add(m.person_id)
            continue
        names_by_role.setdefault(m.role, []).append(m.person.full_name)
    hides_family = access is not None and access.hides_foster_family
    for agreement in agreements:
        role = agreement.get_owner_role_display() if agreement.owner_role else ""
        if agreement.owner_person_id and (
            agreement.owner_person_id in hidden_people
            or (hides_family and agreement.owner_person.person_type == "pleegouder")
        ):
            name = "" if role else str(Role.PLEEGOUDER.label)
        elif agreement.owner_person_id:
            name = str(agreement.owner_person)
        else:
            name = " & ".join(names_by_role.get(agreement.owner_role, []))
        if name and role:
            # "(Gezins)voogd" already opens with a bracket: avoid "Marieke ((Gezins)voogd)".
            label = f"{name}, {role}" if role.startswith("(") else f"{name} ({role})"
        else:
            label = name or role
        agreement.owner_label = label
    return agreements


def family_members(members):
    """The members read receipts matter for: the family audiences (foster parents, parents,
    the child, the network)."""
    return [m for m in members if audience_of_role(m.role) in FAMILY_AUDIENCES]


@dataclass
class ReadStatus:
    person: object
    seen: int
    total: int
    last_read_at: object

    @property
    def complete(self):
        return self.total > 0 and self.seen == self.total


def _audiences_by_person(members):
    audiences = defaultdict(set)
    people = {}
    for m in members:
        audiences[m.person_id].add(audience_of_role(m.role))
        people[m.person_id] = m.person
    return [(people[pk], frozenset(a)) for pk, a in audiences.items()]


def read_overview(agreements, members):
    """Per family member: how many of the agreements shared with them they have marked
    "gezien". `agreements` are one adopted version's agreements as the regie sees them;
    each person counts only those shared with their own audience(s)."""
    published = [a for a in agreements if a.published_at and a.reaches_family]
    readers = _audiences_by_person(members)
    people = [person for person, _audiences in readers]
    receipts = defaultdict(dict)
    if published and people:
        rows = AgreementRead.objects.filter(
            key__in={a.key for a in published}, person__in=[p.pk for p in people]
        ).values_list("person_id", "key", "read_at")
        for person_id, key, read_at in rows:
            previous = receipts[person_id].get(key)
            receipts[person_id][key] = max(read_at, previous) if previous else read_at
    overview = []
    for person, audiences in readers:
        theirs = [a for a in published if a.is_shared_with(audiences)]
        mine = receipts.get(person.pk, {})
        seen = [a for a in theirs if a.key in mine and mine[a.key] >= a.published_at]
        last = max((mine[a.key] for a in seen), default=None)
        overview.append(
            ReadStatus(person=person, seen=len(seen), total=len(theirs), last_read_at=last)
        )
    return overview


def readers_by_agreement(agreements, members):
    """{agreement.pk: [(person, read_at)]} for a version page's "gezien door"."""
    shared = [a for a in agreements if a.published_at and a.reaches_family]
    people = [person for person, _audiences in _audiences_by_person(members)]
    result = defaultdict(list)
    if not shared or not people:
        return result
    by_key = defaultdict(list)
    for person_id, key, read_at in AgreementRead.objects.filter(
        key__in={a.key for a in shared}, person__in=[p.pk for p in people]
    ).values_list("person_id", "key", "read_at"):
        by_key[key].append((person_id, read_at))
    people_by_pk = {p.pk: p for p in people}
    for agreement in shared:
        latest = {}
        for person_id, read_at in by_key.get(agreement.key, []):
            if read_at >= agreement.published_at:
                latest[person_id] = max(read_at, latest.get(person_id, read_at))
        result[agreement.pk] = [(people_by_pk[pid], at) for pid, at in sorted(latest.items())]
    return result


def open_comments(placement):
    return list(
        PlanComment.objects.filter(version__placement=placement, resolved_at__isnull=True)
        .select_related("author", "version", "agreement", "goal")
        .order_by("created_at")
    )
