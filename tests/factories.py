"""factory_boy factories for the foundation models. App-specific ones live in <app>/tests/."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from accounts.models import Organisation, User
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
