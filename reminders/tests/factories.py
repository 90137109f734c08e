"""Deadlines made directly, so a test controls exactly which ones are open and when due."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from evaluations.models import Deadline
from tests.factories import PlacementFactory


class DeadlineFactory(DjangoModelFactory):
    class Meta:
        model = Deadline

    placement = factory.SubFactory(PlacementFactory)
    kind = Deadline.Kind.GUARDIAN_CONTACT
    key = ""
    due_date = factory.LazyAttribute(lambda o: o.placement.start_date + timedelta(days=42))
    basis_date = factory.LazyAttribute(lambda o: o.due_date - timedelta(days=42))
    responsible_role = "voogd"
