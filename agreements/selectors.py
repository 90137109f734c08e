"""Reads that the plan pages, the placement section, the portal and the print share.

Everything starts from the `visible_to` querysets, so what a page shows, counts or prints
is what that person may see.
"""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from zorgteam.models import PROFESSIONAL_ROLES, Membership, Role

from .models import Agreement, AgreementRead, Goal, MeetingRequest, PlanComment, PlanVersion


def versions_for(user, placement):
    return list(
        PlanVersion.objects.visible_to(user)
        .filter(placement=placement)
        .select_related("adopted_by", "created_by")
        .order_by("-number")
    )


def current_version(versions):
    """The newest adopted version: the plan the team works by."""
    return next((v for v in versions if v.is_adopted), None)


def draft_version(versions):
    return next((v for v in versions if v.is_draft), None)


def goals_for(user, version):
    return list(Goal.objects.visible_to(user).filter(version=version))


def agreements_for(user, version):
    return list(
        Agreement.objects.visible_to(user)
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
    members = Membership.objects.current(on=on).filter(placement=placement).select_related("person")
    return sorted(members, key=lambda m: (ROLE_ORDER.index(m.role), m.start_date, m.pk))


def label_owners(agreements, members):
    """Set `owner_label` on each agreement: the person who carries it out, by name.

    An agreement may name a role ("the pleegzorgbegeleider"); the family wants to know who
    that is today, so the role is resolved to the current member(s) in it.
    """
    names_by_role = {}
    for m in members:
        names_by_role.setdefault(m.role, []).append(m.person.full_name)
    for agreement in agreements:
        role = agreement.get_owner_role_display() if agreement.owner_role else ""
        if agreement.owner_person_id:
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
    """The members read receipts matter for: everyone who is not a professional."""
    return [m for m in members if m.role not in PROFESSIONAL_ROLES]


@dataclass
class ReadStatus:
    person: object
    seen: int
    total: int
    last_read_at: object

    @property
    def complete(self):
        return self.total > 0 and self.seen == self.total


def read_overview(agreements, people):
    """Per person: how many of the agreements shared with them they have marked "gezien".

    `agreements` are one adopted version's agreements as a professional sees them; only
    those shared with the whole team count, because only those reach the family.
    """
    shared = [a for a in agreements if a.visibility == Agreement.Visibility.TEAM and a.published_at]
    receipts = defaultdict(dict)
    if shared and people:
        rows = AgreementRead.objects.filter(
            key__in={a.key for a in shared}, person__in=[p.pk for p in people]
        ).values_list("person_id", "key", "read_at")
        for person_id, key, read_at in rows:
            previous = receipts[person_id].get(key)
            receipts[person_id][key] = max(read_at, previous) if previous else read_at
    overview = []
    for person in people:
        mine = receipts.get(person.pk, {})
        seen = [a for a in shared if a.key in mine and mine[a.key] >= a.published_at]
        last = max((mine[a.key] for a in seen), default=None)
        overview.append(
            ReadStatus(person=person, seen=len(seen), total=len(shared), last_read_at=last)
        )
    return overview


def readers_by_agreement(agreements, people):
    """{agreement.pk: [(person, read_at)]} for a version page's "gezien door"."""
    shared = [a for a in agreements if a.visibility == Agreement.Visibility.TEAM and a.published_at]
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


def open_meeting_requests(placement):
    return list(
        MeetingRequest.objects.filter(placement=placement)
        .exclude(status=MeetingRequest.Status.CLOSED)
        .select_related("requested_by")
        .order_by("created_at")
    )


def open_comments(placement):
    return list(
        PlanComment.objects.filter(version__placement=placement, resolved_at__isnull=True)
        .select_related("author", "version", "agreement", "goal")
        .order_by("created_at")
    )
