"""Test data for every app: factory_boy factories, and builders that go through the services
where a row alone would not be realistic (a plan with its history)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from accounts.models import Organisation, User
from agreements import services as plan_services
from agreements.models import Agreement
from cases.models import Child, Placement, VariantChange
from zorgteam.models import Membership, Role

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Pleegzorg Organisatie {n}")
    kind = Organisation.Kind.PROVIDER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
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
        visibility=Agreement.Visibility.PROFESSIONALS,
    )
    if adopt:
        version = plan_services.plan_version_adopt(
            version=version, adopted_on=adopted_on, adopted_by=author, notify_team=False
        )
    return version
