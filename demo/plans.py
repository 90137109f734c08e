"""Demo hulpverleningsplannen for DEMO-001..DEMO-003, called at the end of demo.data.load_demo.

Idempotent: a placement that already has a plan version is left as it is. Built through the
services, so the demo has the same history and published wording as real use.
"""

from datetime import timedelta

from agreements import services
from agreements.models import Agreement, PlanVersion
from cases.models import Placement

C = Agreement.Category
REGIE_ONLY = []  # shared with nobody beyond the regie


def _version(placement, author, *, goals, agreements, adopted_on, summary=""):
    version = services.plan_version_start(placement=placement, created_by=author, summary=summary)
    for description, target in goals:
        services.goal_add(version=version, description=description, target_date=target)
    for fields in agreements:
        services.agreement_add(version=version, changed_by=author, **fields)
    return services.plan_version_adopt(
        version=version, adopted_on=adopted_on, adopted_by=author, notify_team=False
    )


def _pbg(placement):
    membership = placement.memberships.filter(role="pleegzorgbegeleider").select_related("person")
    return membership.first().person


def load_demo_plans(today):
    """Create the demo plans that are missing. Returns how many placements got one."""
    placements = {
        p.reference: p
        for p in Placement.objects.filter(reference__in=["DEMO-001", "DEMO-002", "DEMO-003"])
    }
    with_plan = set(
        PlanVersion.objects.filter(placement__in=placements.values()).values_list(
            "placement__reference", flat=True
        )
    )
    created = 0

    p = placements.get("DEMO-001")
    if p and p.reference not in with_plan:
        created += 1
        _version(
            p,
            _pbg(p),
            adopted_on=max(p.start_date, today - timedelta(days=3)),
            summary="Startbijeenkomst",
            goals=[("Noah slaapt de hele nacht in zijn eigen bed.", today + timedelta(days=90))],
            agreements=[
                {
                    "category": C.CONTACT_PARENTS,
                    "text": "Noah ziet zijn moeder op het kantoor van Pleegzorg.",
                    "owner_role": "pleegzorgbegeleider",
                    "concerns": "Noah en zijn moeder",
                    "visit_frequency": Agreement.VisitFrequency.WEEKLY,
                    "visit_form": Agreement.VisitForm.SUPERVISED,
                    "visit_location": "Kantoor Pleegzorg Voorbeeldstad",
                    "visit_duration_minutes": 60,
                },
                {
                    "category": C.CARE,
                    "text": "Pleegouders schrijven Noah in bij hun eigen huisarts en tandarts.",
                    "owner_role": "pleegouder",
                },
                {
                    "category": C.CONTACT_PARENTS,
                    "text": "Het adres van het pleeggezin wordt niet met moeder gedeeld.",
                    "owner_role": "voogd",
                    "audiences": REGIE_ONLY,
                },
            ],
        )

    p = placements.get("DEMO-002")
    if p and p.reference not in with_plan:
        created += 1
        author = _pbg(p)
        first = _version(
            p,
            author,
            adopted_on=p.start_date,
            summary="Startbijeenkomst",
            goals=[
                (
                    "Emma gaat drie ochtenden per week naar de peuteropvang.",
                    p.start_date + timedelta(days=120),
                )
            ],
            agreements=[
                {
                    "category": C.CONTACT_PARENTS,
                    "text": "Emma ziet haar ouders samen.",
                    "owner_role": "voogd",
                    "visit_frequency": Agreement.VisitFrequency.BIWEEKLY,
                    "visit_form": Agreement.VisitForm.SUPERVISED,
                    "visit_location": "Kantoor Pleegzorg Voorbeeldstad",
                    "visit_duration_minutes": 90,
                },
                {
                    "category": C.HAIRDRESSER,
                    "text": "Pleegouders gaan met Emma naar de kapper; moeder wordt vooraf gevraagd.",
                    "owner_role": "pleegouder",
                },
                {
                    "category": C.HOLIDAYS,
                    "text": "Op Moederdag maakt Emma met pleegmoeder een kaart voor haar moeder.",
                    "owner_role": "pleegouder",
                },
            ],
        )
        # Version 2 after the first evaluation: the visits change.
        draft = services.plan_version_start(
            placement=p, created_by=author, summary="Na evaluatie bezoekregeling"
        )
        services.agreement_update(
            agreement=draft.agreements.get(category=C.CONTACT_PARENTS),
            changed_by=author,
            text="Emma ziet haar ouders samen; vader brengt haar terug naar het pleeggezin.",
            visit_form=Agreement.VisitForm.UNSUPERVISED,
            visit_location="Bij de ouders thuis",
            visit_duration_minutes=180,
        )
        services.plan_version_adopt(
            version=draft,
            adopted_on=max(first.adopted_on, today - timedelta(days=7)),
            adopted_by=author,
            notify_team=False,
        )

    p = placements.get("DEMO-003")
    if p and p.reference not in with_plan:
        created += 1
        _version(
            p,
            _pbg(p),
            adopted_on=today - timedelta(days=60),
            summary="Opvoedingsvariant: Liam blijft in het pleeggezin",
            goals=[
                ("Liam fietst zelfstandig naar school.", today + timedelta(days=150)),
                (
                    "Liam vertelt zelf in het zorgteam wat hij van de bezoeken vindt.",
                    today + timedelta(days=180),
                ),
            ],
            agreements=[
                {
                    "category": C.CONTACT_PARENTS,
                    "text": "Liam ziet zijn vader en moeder.",
                    "owner_role": "voogd",
                    "visit_frequency": Agreement.VisitFrequency.MONTHLY,
                    "visit_form": Agreement.VisitForm.UNSUPERVISED,
                    "visit_location": "Bij oma (vaderskant)",
                    "visit_duration_minutes": 240,
                },
                {
                    "category": C.SCHOOL,
                    "text": "Pleegouders gaan naar de ouderavonden en delen het rapport met de voogd.",
                    "owner_role": "pleegouder",
                },
                {
                    "category": C.POCKET_MONEY,
                    "text": "Liam krijgt € 5 zakgeld per week van de pleegouders.",
                    "owner_role": "pleegouder",
                },
                {
                    "category": C.BIRTHDAYS,
                    "text": "Op zijn verjaardag belt Liam met zijn ouders.",
                    "owner_role": "pleegouder",
                    "concerns": "Liam en zijn ouders",
                },
            ],
        )
    return created
