"""One placement with a member in every role and an item for every audience, built through
the services: the ground for the role-by-role visibility tests (tests/test_access_by_role.py)
and the browser tests (tests/test_browser_access.py).

Every item carries a marker text; a test reads a page as a person and checks which markers
are there. Dates are relative to `today`, so the browser tests can run on the real clock.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from agreements import services as plan
from cases.services import placement_create, placement_end
from evaluations import services as events
from tests.factories import OrganisationFactory, UserFactory
from zorgteam.audiences import Audience
from zorgteam.services import membership_add, membership_end

A = Audience

# Marker -> the audiences it is shared with (REGIE: nobody else).
GOAL = "DOEL-Noor-fietst-zelf-naar-school"
SCHOOL = "AFSPRAAK-school-ouderavond"
VISITS = "AFSPRAAK-bezoek-moeder-kantoor"
SECRET = "AFSPRAAK-alleen-regie-adres-geheim"
NETWORK_ONLY = "AFSPRAAK-verjaardag-bij-opa"
DECISION = "BESLUIT-notitie-perspectief"
MEETING = "VERSLAG-notitie-zorgteamoverleg"
GUARDIAN = "CONTACT-voogd-met-moeder"
COURT = "BESCHIKKING-ots-notitie"

SHARED_WITH = {
    GOAL: {A.PROFESSIONALS, A.FOSTER_PARENTS, A.PARENTS, A.CHILD},
    SCHOOL: {A.PROFESSIONALS, A.FOSTER_PARENTS, A.PARENTS, A.CHILD},
    VISITS: {A.FOSTER_PARENTS, A.PARENTS, A.CHILD},
    SECRET: set(),
    NETWORK_ONLY: {A.NETWORK},
    DECISION: {A.FOSTER_PARENTS, A.PARENTS},
    MEETING: {A.PROFESSIONALS, A.FOSTER_PARENTS},
    GUARDIAN: set(),  # an event: the timeline is the regie's
    COURT: set(),
}
MARKERS = tuple(SHARED_WITH)

FOSTER_NAME = "Familie Pleeggezin-Geheim"
FOSTER_EMAIL = "pleeggezin.geheim@example.org"
FOSTER_PHONE = "06-99887766"


@dataclass
class Scenario:
    placement: object
    ended_placement: object
    people: dict = field(default_factory=dict)


def build(today, *, confidential=False, reference="PL-ACCESS"):
    org = OrganisationFactory(name="Pleegzorg Toegang")
    person = {
        "regie": UserFactory(
            email="regie@example.org",
            full_name="Sanne Regie",
            person_type="pleegzorgbegeleider",
            organisation=org,
        ),
        "voogd": UserFactory(
            email="voogd@example.org", full_name="Marieke Voogd", person_type="voogd"
        ),
        "docent": UserFactory(
            email="juf@example.org", full_name="Juf Docent", person_type="professional"
        ),
        "foster_parent": UserFactory(
            email=FOSTER_EMAIL, full_name=FOSTER_NAME, person_type="pleegouder", phone=FOSTER_PHONE
        ),
        "parent": UserFactory(
            email="moeder@example.org", full_name="Moeder Ouder", person_type="ouder"
        ),
        "child": UserFactory(
            email="noor@example.org", full_name="Noor Kind", person_type="pleegkind"
        ),
        "network": UserFactory(
            email="opa@example.org", full_name="Opa Netwerk", person_type="netwerk"
        ),
        "ex_member": UserFactory(
            email="oud@example.org", full_name="Oud Lid", person_type="netwerk"
        ),
        "stranger": UserFactory(
            email="vreemd@example.org", full_name="Vreemde", person_type="pleegouder"
        ),
        "ended_family": UserFactory(
            email="vroeger@example.org", full_name="Familie Vroeger", person_type="pleegouder"
        ),
    }
    start = today - timedelta(days=90)
    placement = placement_create(
        reference=reference,
        child_first_name="Noor",
        child_last_name="Toegang",
        child_birth_date=today - timedelta(days=365 * 13),
        start_date=start,
        provider=org,
        legal_frame="ots",
    )
    if confidential:
        placement.foster_family_confidential = True
        placement.save(update_fields=["foster_family_confidential"])
    for key, role in [
        ("regie", "pleegzorgbegeleider"),
        ("voogd", "voogd"),
        ("docent", "docent"),
        ("foster_parent", "pleegouder"),
        ("parent", "ouder"),
        ("child", "pleegkind"),
        ("network", "netwerk"),
        ("ex_member", "netwerk"),
    ]:
        membership_add(
            placement=placement,
            person=person[key],
            role=role,
            start_date=start,
            responsibilities=f"Taak van {person[key].full_name}",
            reachable=f"Bereikbaar {key}",
        )
    ex = placement.memberships.get(person=person["ex_member"])
    membership_end(membership=ex, end_date=today - timedelta(days=1))

    author = person["regie"]
    version = plan.plan_version_start(placement=placement, created_by=author)
    plan.goal_add(
        version=version,
        description=GOAL,
        target_date=today + timedelta(days=120),
        audiences=SHARED_WITH[GOAL],
    )
    for text, category, owner, extra in [
        (SCHOOL, "school", {"owner_role": "pleegouder"}, {}),
        (
            VISITS,
            "contact_parents",
            # Carried out by the foster parent, by name: a parent of a confidential
            # placement must see the role only.
            {"owner_role": "pleegouder", "owner_person": person["foster_parent"]},
            {},
        ),
        (SECRET, "contact_parents", {"owner_role": "voogd"}, {}),
        (NETWORK_ONLY, "birthdays", {"owner_role": "netwerk"}, {}),
    ]:
        plan.agreement_add(
            version=version,
            changed_by=author,
            category=category,
            text=text,
            audiences=SHARED_WITH[text],
            **owner,
            **extra,
        )
    plan.plan_version_adopt(
        version=version,
        adopted_on=today - timedelta(days=10),
        adopted_by=author,
        notify_team=False,
    )
    day = today - timedelta(days=5)
    events.perspective_decision_record(
        placement=placement,
        date=day,
        outcome="elsewhere",
        note=DECISION,
        audiences=SHARED_WITH[DECISION],
    )
    events.zorgteam_meeting_record(
        placement=placement,
        date=day,
        kind="after_court_order",
        participants=f"{FOSTER_NAME}, Moeder Ouder, Marieke Voogd",
        notes=MEETING,
        audiences=SHARED_WITH[MEETING],
    )
    events.guardian_contact_record(
        placement=placement, date=day, form="phone", with_whom="Moeder", note=GUARDIAN
    )
    events.court_order_record(
        placement=placement, date=day, kind="ots", end_date=day + timedelta(days=300), note=COURT
    )

    ended = placement_create(
        reference=f"{reference}-END",
        child_first_name="Sophie",
        start_date=today - timedelta(days=400),
        provider=org,
    )
    membership_add(
        placement=ended,
        person=person["ended_family"],
        role="pleegouder",
        start_date=ended.start_date,
    )
    membership_add(
        placement=ended,
        person=person["regie"],
        role="pleegzorgbegeleider",
        start_date=ended.start_date,
    )
    ended = placement_end(
        placement=ended, end_date=today - timedelta(days=30), reason="Terug naar huis"
    )
    return Scenario(placement=placement, ended_placement=ended, people=person)


def expected_markers(audiences):
    """The markers someone with these audiences sees (the regie: all)."""
    if A.REGIE in audiences:
        return set(MARKERS)
    return {m for m, shared in SHARED_WITH.items() if shared & set(audiences)}
