"""Test data for every app: factory_boy factories, and builders that go through the services
where a row alone would not be realistic (a plan with its history)."""

from datetime import date, timedelta

import factory
from django.db import connection
from factory.django import DjangoModelFactory
from faker import Faker

from accounts.models import Organisation, User
from agreements import services as plan_services
from agreements.models import Agreement
from cases.models import Child, Placement, Variant, VariantChange
from evaluations import rules
from evaluations.facts import build_facts
from evaluations.models import Deadline
from evaluations.services import periods
from zorgteam.models import Membership, Role

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Pleegzorg Organisatie {n}")
    kind = Organisation.Kind.PROVIDER


_faker = Faker("nl_NL")
# The children of the test placements: pages are checked for their absence, so no person
# may carry one of these names inside theirs (a random "de Plas-Noordijk" failed a test).
CHILD_NAMES = ("noor", "mila", "daan", "sophie", "emma")


def _dutch_name():
    while True:
        name = _faker.name()
        if not any(child in name.lower() for child in CHILD_NAMES):
            return name


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.LazyFunction(lambda: _dutch_name())
    person_type = User.PersonType.PLEEGOUDER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    birth_date = date(2018, 5, 17)


class PlacementFactory(DjangoModelFactory):
    """A bare placement row. Use cases.services.placement_create for one with deadlines."""

    class Meta:
        model = Placement
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PL-{n:05d}")
    child = factory.SubFactory(ChildFactory)
    start_date = date(2026, 1, 15)

    @factory.post_generation
    def variant_history(obj, create, extracted, **kwargs):
        if create:
            VariantChange.objects.create(
                placement=obj, variant=obj.variant, from_date=obj.start_date
            )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    placement = factory.SubFactory(PlacementFactory)
    person = factory.SubFactory(UserFactory)
    role = Role.PLEEGOUDER
    start_date = factory.SelfAttribute("placement.start_date")


class DeadlineFactory(DjangoModelFactory):
    """A deadline row made directly, so a test controls exactly which are open and when due."""

    class Meta:
        model = Deadline

    placement = factory.SubFactory(PlacementFactory)
    kind = Deadline.Kind.GUARDIAN_CONTACT
    key = ""
    due_date = factory.LazyAttribute(lambda o: o.placement.start_date + timedelta(days=42))
    basis_date = factory.LazyAttribute(lambda o: o.due_date - timedelta(days=42))
    responsible_role = "voogd"


# --- A hulpverleningsplan -------------------------------------------------------------------

# Searched for in every page, print and email a foster parent gets: it must never be there.
SECRET = "Moeder krijgt geen adres van het pleeggezin (alleen professionals)"
SHARED = "Pleegouders brengen Noor op maandag naar school en halen haar op."
VISITS = "Noor ziet haar moeder op het kantoor van Pleegzorg."
GOAL = "Noor slaapt vijf nachten per week zelfstandig in haar eigen bed."


def build_plan(placement, author, *, adopt=True, adopted_on=date(2026, 10, 1)):
    """Version 1 with one goal and three agreements; adopted unless told otherwise."""
    version = plan_services.plan_version_start(placement=placement, created_by=author)
    plan_services.goal_add(version=version, description=GOAL, target_date=date(2027, 3, 1))
    plan_services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.SCHOOL,
        text=SHARED,
        owner_role="pleegouder",
        concerns="Noor",
    )
    plan_services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.CONTACT_PARENTS,
        text=VISITS,
        owner_role="pleegzorgbegeleider",
        visit_frequency=Agreement.VisitFrequency.BIWEEKLY,
        visit_form=Agreement.VisitForm.SUPERVISED,
        visit_location="Kantoor Pleegzorg Voorbeeldstad",
        visit_duration_minutes=90,
    )
    plan_services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.CONTACT_PARENTS,
        text=SECRET,
        owner_role="voogd",
        audiences=[],  # the regie only (was "professionals only")
    )
    if adopt:
        version = plan_services.plan_version_adopt(
            version=version, adopted_on=adopted_on, adopted_by=author, notify_team=False
        )
    return version


# --- A caseload in bulk -------------------------------------------------------------------
# Creating hundreds of placements through the services costs a refresh per membership; here
# the rows are bulk-inserted and the deadlines computed by the same pure rules the engine
# uses (evaluations.rules), so the data looks like the real thing at a fraction of the cost.
# For the dashboard's query-count tests and benchmark.


def bulk_caseload(count, *, pleegzorgbegeleider, voogden, provider=None, today, prefix="BULK"):
    """`count` running placements with pleegzorgbegeleider and a voogd, and their deadlines.

    Start dates spread over the last ~14 months, so the caseload has overdue, due-soon and
    upcoming deadlines; every third placement is in the opvoedingsvariant.
    """
    children = Child.objects.bulk_create(
        Child(first_name=f"Kind{i:05d}", last_name="Bulk", birth_date=today - timedelta(days=2900))
        for i in range(count)
    )
    placements = Placement.objects.bulk_create(
        Placement(
            reference=f"{prefix}-{i:05d}",
            child=child,
            variant=Variant.OPVOEDING if i % 3 == 0 else Variant.HULPVERLENING,
            start_date=today - timedelta(days=7 + (i * 37) % 420),
            provider=provider,
        )
        for i, child in enumerate(children)
    )
    VariantChange.objects.bulk_create(
        VariantChange(placement=p, variant=p.variant, from_date=p.start_date) for p in placements
    )
    Membership.objects.bulk_create(
        member
        for i, p in enumerate(placements)
        for member in (
            Membership(
                placement=p,
                person=pleegzorgbegeleider,
                role=Role.PLEEGZORGBEGELEIDER,
                start_date=p.start_date,
            ),
            Membership(
                placement=p,
                person=voogden[i % len(voogden)],
                role=Role.VOOGD,
                start_date=p.start_date,
            ),
        )
    )
    deadlines = []
    for p in placements:
        facts = build_facts(
            today=today, start=p.start_date, variant=p.variant, child_birth_date=p.child.birth_date
        )
        deadlines.extend(
            Deadline(
                placement=p,
                kind=o.kind,
                key=o.key,
                due_date=o.due,
                basis_date=o.basis,
                responsible_role=o.responsible,
            )
            for o in rules.open_obligations(facts, periods())
        )
    Deadline.objects.bulk_create(deadlines)
    _analyze(Child, Placement, VariantChange, Membership, Deadline)
    return placements


def _analyze(*models):
    """Fresh planner statistics after a bulk load, as autovacuum gives production.

    Inside a test's transaction autovacuum cannot see these rows: an ANALYZE that runs in
    the middle of a test records the tables as (nearly) empty, and PostgreSQL then nests
    loops over thousands of rows (a caseload query ran for more than ten minutes). ANALYZE
    in the test's own transaction counts them.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
