"""Demo data for `make run`: one organisation, its people and six placements at different stages.

Dates are relative to today, so each placement stays at its stage whenever the demo is
loaded. Idempotent: people are found by email and placements by reference, and a
placement that exists is left as it is.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from agreements.services import meeting_request_create
from cases.models import EndReason, Placement, Variant
from cases.services import placement_change_variant, placement_create, placement_end
from collaboration.services import decision_record
from evaluations import services as events
from evaluations.models import GuardianContact, PerspectiveDecision
from evaluations.rules import add_months
from zorgteam.models import Role
from zorgteam.services import membership_add

from .plans import load_demo_plans

DEMO_PASSWORD = "zorgteam-demo"

PEOPLE = [
    # email, name, person type, phone
    (
        "sanne@demo.pleegzorg.nl",
        "Sanne de Vries",
        User.PersonType.PLEEGZORGBEGELEIDER,
        "06-11112222",
    ),
    (
        "ahmed@demo.pleegzorg.nl",
        "Ahmed el Amrani",
        User.PersonType.PLEEGZORGBEGELEIDER,
        "06-33334444",
    ),
    ("marieke@demo.pleegzorg.nl", "Marieke Jansen", User.PersonType.VOOGD, "06-55556666"),
    ("joost@demo.pleegzorg.nl", "Joost Bakker", User.PersonType.VOOGD, "06-77778888"),
    ("fam.visser@demo.pleegzorg.nl", "Familie Visser", User.PersonType.PLEEGOUDER, "06-12121212"),
    ("fam.smit@demo.pleegzorg.nl", "Familie Smit", User.PersonType.PLEEGOUDER, "06-34343434"),
    ("fam.mulder@demo.pleegzorg.nl", "Familie Mulder", User.PersonType.PLEEGOUDER, "06-56565656"),
    # DEMO-001 (adres geheim): Noah's mother and his teacher see only what is shared with them.
    ("moeder.noah@demo.pleegzorg.nl", "Lisa (moeder)", User.PersonType.OUDER, ""),
    ("juf.anna@demo.pleegzorg.nl", "Juf Anna", User.PersonType.OTHER_PROFESSIONAL, "010-1234567"),
]


def _person(email, name, person_type, phone, organisation):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": name,
            "person_type": person_type,
            "phone": phone,
            "organisation": organisation,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _team(placement, start, pbg, voogd, family):
    membership_add(
        placement=placement,
        person=pbg,
        role=Role.PLEEGZORGBEGELEIDER,
        start_date=start,
        responsibilities="Heeft de regie; eerste aanspreekpunt voor de pleegouders; plant de zorgteamoverleggen.",
        reachable="Werkdagen 9–17 uur",
    )
    membership_add(
        placement=placement,
        person=voogd,
        role=Role.VOOGD,
        start_date=start,
        responsibilities="Neemt formele besluiten; contact met de ouders; perspectiefonderzoek.",
        reachable="Ma–do, liefst per e-mail",
    )
    membership_add(
        placement=placement,
        person=family,
        role=Role.PLEEGOUDER,
        start_date=start,
        responsibilities="Dagelijkse zorg en opvoeding; school en huisarts.",
    )


@transaction.atomic
def load_demo(today=None):
    """Create the demo data if it is missing. Returns the number of placements created."""
    today = today or timezone.localdate()
    org, _ = Organisation.objects.get_or_create(
        name="Pleegzorg Voorbeeldstad", defaults={"kind": Organisation.Kind.PROVIDER}
    )
    gi, _ = Organisation.objects.get_or_create(
        name="Jeugdbescherming Voorbeeldregio",
        defaults={"kind": Organisation.Kind.CERTIFIED_INSTITUTION},
    )
    people = {}
    for email, name, person_type, phone in PEOPLE:
        organisation = gi if person_type == User.PersonType.VOOGD else org
        if person_type in (User.PersonType.PLEEGOUDER, User.PersonType.OUDER):
            organisation = None
        elif email.startswith("juf."):
            organisation = None  # a school, not the provider
        people[email] = _person(email, name, person_type, phone, organisation)
    sanne, ahmed = people["sanne@demo.pleegzorg.nl"], people["ahmed@demo.pleegzorg.nl"]
    marieke, joost = people["marieke@demo.pleegzorg.nl"], people["joost@demo.pleegzorg.nl"]
    visser, smit, mulder = (
        people["fam.visser@demo.pleegzorg.nl"],
        people["fam.smit@demo.pleegzorg.nl"],
        people["fam.mulder@demo.pleegzorg.nl"],
    )

    created = 0

    def placement(reference, first_name, birth_date, start, pbg, voogd, family, **kwargs):
        nonlocal created
        if Placement.objects.filter(reference=reference).exists():
            return None
        created += 1
        p = placement_create(
            reference=reference,
            child_first_name=first_name,
            child_last_name="(demo)",
            child_birth_date=birth_date,
            start_date=start,
            provider=org,
            placer=gi,
            **kwargs,
        )
        _team(p, start, pbg, voogd, family)
        return p

    # 1. New: registered in the app last week (its start meeting is due next week), under an
    # OTS with the foster family's address kept from the mother (adres geheim); the teacher
    # and the mother are in the team too.
    p = placement(
        "DEMO-001",
        "Noah",
        add_months(today, -12 * 6),
        today - timedelta(days=7),
        sanne,
        marieke,
        visser,
        care_kind=Placement.CareKind.CRISIS,
        legal_frame=Placement.LegalFrame.OTS,
        registered_via=Placement.Registration.INTAKE,
    )
    if p:
        p.foster_family_confidential = True
        p.save(update_fields=["foster_family_confidential"])
        membership_add(
            placement=p,
            person=people["moeder.noah@demo.pleegzorg.nl"],
            role=Role.OUDER,
            start_date=p.start_date,
            responsibilities="Moeder van Noah; ziet Noah op het kantoor van Pleegzorg.",
        )
        membership_add(
            placement=p,
            person=people["juf.anna@demo.pleegzorg.nl"],
            role=Role.DOCENT,
            start_date=p.start_date,
            responsibilities="Leerkracht van Noah; contact over school.",
            reachable="Na 15 uur op school",
        )

    # 2. Close to its perspective-study deadline (start + 3 months falls in 5 days).
    start = add_months(today + timedelta(days=5), -3)
    p = placement(
        "DEMO-002",
        "Emma",
        add_months(today, -12 * 3),
        start,
        sanne,
        joost,
        smit,
        legal_frame=Placement.LegalFrame.OTS,
    )
    if p:
        events.guardian_contact_record(
            placement=p,
            date=today - timedelta(days=10),
            form=GuardianContact.Form.PHONE,
            with_whom="Moeder",
        )
        # The foster parents asked for a zorgteam meeting (advice 8): due within 2 weeks.
        meeting_request_create(
            placement=p,
            requested_by=smit,
            reason="Emma slaapt slecht na de bezoeken; we willen graag samen kijken wat helpt.",
        )

    # 3. In the opvoedingsvariant: perspective decided, grows up in this foster family.
    start = add_months(today, -20)
    p = placement(
        "DEMO-003",
        "Liam",
        add_months(today, -12 * 9),
        start,
        ahmed,
        marieke,
        mulder,
        care_kind=Placement.CareKind.NETWERK,
        legal_frame=Placement.LegalFrame.VOOGDIJ,
    )
    if p:
        events.perspective_study_start_record(
            placement=p, date=add_months(start, 2), note="Onderzoek gestart"
        )
        events.perspective_decision_record(
            placement=p,
            date=add_months(start, 8),
            outcome=PerspectiveDecision.Outcome.FOSTER_FAMILY,
        )
        events.visit_evaluation_record(
            placement=p,
            date=today - timedelta(days=60),
            participants="Zorgteam",
            outcome="Bezoek eens per maand blijft",
        )
        events.guardian_contact_record(
            placement=p,
            date=today - timedelta(days=20),
            form=GuardianContact.Form.HOME_VISIT,
            with_whom="Beide ouders",
        )
        # A decision with the foster parents' view and the why, shared with them (advice 2).
        decision_record(
            placement=p,
            date=today - timedelta(days=12),
            subject="Liam gaat deze zomer een week op kamp",
            decision="Liam mag met de scouting een week op zomerkamp.",
            decided_by=marieke,
            decided_by_role=Role.VOOGD,
            consulted="De pleegouders (telefonisch) en de moeder, in het zorgteamoverleg.",
            foster_parents_view="Liam kijkt er erg naar uit; wij brengen en halen hem.",
            explanation="Liam is er aan toe en zijn moeder steunt het; het kamp is goed begeleid.",
            recorded_by=marieke,
        )

    # 4. Ended: the child went home.
    start = add_months(today, -14)
    p = placement("DEMO-004", "Sophie", add_months(today, -12 * 7), start, sanne, joost, visser)
    if p:
        events.perspective_decision_record(
            placement=p, date=add_months(start, 7), outcome=PerspectiveDecision.Outcome.RETURN_HOME
        )
        placement_end(
            placement=p,
            end_date=today - timedelta(days=30),
            reason="Teruggeplaatst bij moeder",
            reason_kind=EndReason.RETURN_HOME,
        )

    # 5. Overdue guardian contact: the voogd's last contact with the parents was 8 weeks ago.
    start = add_months(today, -5)
    p = placement(
        "DEMO-005",
        "Daan",
        add_months(today, -12 * 5),
        start,
        ahmed,
        joost,
        smit,
        legal_frame=Placement.LegalFrame.OTS,
    )
    if p:
        events.perspective_study_start_record(placement=p, date=add_months(start, 2))
        events.guardian_contact_record(
            placement=p,
            date=today - timedelta(days=56),
            form=GuardianContact.Form.IN_PERSON,
            with_whom="Vader",
        )

    # 6. The child turns 12 in three weeks: time to invite her into the zorgteam.
    birth = add_months(today + timedelta(days=21), -12 * 12)
    start = add_months(today, -30)
    p = placement("DEMO-006", "Julia", birth, start, sanne, marieke, mulder)
    if p:
        placement_change_variant(
            placement=p,
            variant=Variant.OPVOEDING,
            from_date=add_months(start, 9),
            note="Perspectief: blijft in pleeggezin",
        )
        events.visit_evaluation_record(
            placement=p,
            date=today - timedelta(days=40),
            participants="Zorgteam",
            outcome="Bezoekregeling ongewijzigd",
        )
        events.guardian_contact_record(
            placement=p,
            date=today - timedelta(days=14),
            form=GuardianContact.Form.VIDEO,
            with_whom="Moeder",
        )

    # A small adopted hulpverleningsplan for DEMO-001..DEMO-003 (idempotent).
    load_demo_plans(today)

    return created
