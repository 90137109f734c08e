"""The world the access matrix (tests/test_access_matrix.py) walks: one running placement with
a member in every role and an object behind every kind of id a URL takes, an ended placement
with its former family, and people outside both. Built through the services."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from agreements import services as plan
from cases.services import placement_create, placement_end
from collaboration.models import StaffChange
from collaboration.services import decisions
from evaluations import services as events
from tests.factories import OrganisationFactory, UserFactory, build_plan
from zorgteam.services import membership_add, membership_end, membership_replace

ROLES = (
    "regie",  # the pleegzorgbegeleider
    "docent",  # another professional in the team
    "foster_parent",
    "parent",
    "child",
    "network",
    "ex_member",  # a professional who left the team (a former voogd)
    "ended_family",  # the foster parent of a placement that has ended
    "stranger",  # a professional of another organisation
    "anonymous",
)


@dataclass
class Case:
    """A placement and the ids its URLs take."""

    placement: object
    ids: dict = field(default_factory=dict)


@dataclass
class World:
    running: Case
    ended: Case
    people: dict

    def case_for(self, role):
        return self.ended if role == "ended_family" else self.running


def _furnish(placement, author, *, today):
    """A plan (version 1 adopted, version 2 a draft), a proposal, a meeting request, an
    OTS with its review, a meeting and a decision: an object for every id a URL of the
    placement takes."""
    adopted = build_plan(placement, author, adopted_on=placement.start_date + timedelta(days=7))
    agreement = adopted.agreements.order_by("position", "pk").first()
    ids = {"version": adopted.number, "agreement": agreement.pk, "goal": adopted.goals.first().pk}
    if placement.end_date is None:
        draft = plan.plan_version_start(placement=placement, created_by=author)
        ids["draft"] = draft.number
        ids["draft_goal"] = draft.goals.first().pk
        ids["draft_agreement"] = draft.agreements.order_by("position", "pk").first().pk
        ids["comment"] = plan.plan_comment_add(version=draft, author=author, text="Voorstel").pk
    ids["meeting_request"] = plan.meeting_request_create(
        placement=placement, requested_by=author, reason="Graag een overleg"
    ).pk
    order = events.court_order_record(
        placement=placement,
        date=placement.start_date + timedelta(days=1),
        kind="ots",
        end_date=placement.start_date + timedelta(days=300),
    )
    ids["court_order"] = order.pk
    ids["meeting"] = events.zorgteam_meeting_record(
        placement=placement,
        date=placement.start_date + timedelta(days=2),
        kind="start",
        participants="Zorgteam",
    ).pk
    # A decision in the log, shared with the foster parents only.
    ids["decision"] = decisions.decision_record(
        placement=placement,
        date=placement.start_date + timedelta(days=3),
        subject="Bezoek om de week",
        decision="Het bezoek aan de moeder is om de week.",
        decided_by=author,
        decided_by_role="pleegzorgbegeleider",
        consulted="De pleegouders",
        foster_parents_view="Goed zo.",
        explanation="Rust voor het kind.",
        recorded_by=author,
    ).pk
    return ids


def build(today=None):
    today = today or date.today()  # noqa: DTZ011 - the caller's frozen clock
    org = OrganisationFactory(name="Pleegzorg Matrix")
    other_org = OrganisationFactory(name="Pleegzorg Elders")
    people = {
        "regie": UserFactory(
            full_name="Sanne Regie", person_type="pleegzorgbegeleider", organisation=org
        ),
        "voogd": UserFactory(full_name="Marieke Voogd", person_type="voogd"),
        "docent": UserFactory(full_name="Juf Docent", person_type="professional"),
        "foster_parent": UserFactory(full_name="Familie Pleeg", person_type="pleegouder"),
        "parent": UserFactory(full_name="Moeder Ouder", person_type="ouder"),
        "child": UserFactory(full_name="Noor Kind", person_type="pleegkind"),
        "network": UserFactory(full_name="Opa Netwerk", person_type="netwerk"),
        "ex_member": UserFactory(full_name="Oud Voogd", person_type="voogd"),
        "ended_family": UserFactory(full_name="Familie Vroeger", person_type="pleegouder"),
        "stranger": UserFactory(
            full_name="Vera Elders", person_type="pleegzorgbegeleider", organisation=other_org
        ),
    }
    start = today - timedelta(days=120)
    running = placement_create(
        reference="PL-MATRIX",
        child_first_name="Noor",
        child_birth_date=today - timedelta(days=365 * 13),
        start_date=start,
        provider=org,
        legal_frame="ots",
    )
    for key, role in [
        ("regie", "pleegzorgbegeleider"),
        ("voogd", "voogd"),
        ("docent", "docent"),
        ("foster_parent", "pleegouder"),
        ("parent", "ouder"),
        ("child", "pleegkind"),
        ("network", "netwerk"),
        ("ex_member", "voogd"),
    ]:
        membership_add(placement=running, person=people[key], role=role, start_date=start)
    former = running.memberships.get(person=people["ex_member"])
    membership_end(membership=former, end_date=today - timedelta(days=30))
    running_ids = _furnish(running, people["regie"], today=today)
    running_ids["membership"] = running.memberships.get(person=people["docent"]).pk
    # A new voogd: the staff change and its handover checklist.
    people["new_voogd"] = UserFactory(full_name="Nieuwe Voogd", person_type="voogd")
    membership_replace(
        membership=running.memberships.get(person=people["voogd"]),
        new_person=people["new_voogd"],
        change_date=today - timedelta(days=10),
    )
    running_ids["handover"] = StaffChange.objects.get(placement=running).pk

    ended = placement_create(
        reference="PL-MATRIX-END",
        child_first_name="Sophie",
        start_date=today - timedelta(days=500),
        provider=org,
    )
    for key, role in [("regie", "pleegzorgbegeleider"), ("ended_family", "pleegouder")]:
        membership_add(placement=ended, person=people[key], role=role, start_date=ended.start_date)
    ended_ids = _furnish(ended, people["regie"], today=today)
    ended_ids["membership"] = ended.memberships.get(person=people["ended_family"]).pk
    ended = placement_end(placement=ended, end_date=today - timedelta(days=30), reason="Thuis")
    return World(Case(running, running_ids), Case(ended, ended_ids), people)
