"""Families see how to reach the professionals of their zorgteam, not the other family members;
professionals see everyone's."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


def test_families_see_how_to_reach_professionals_but_not_other_family_members(
    client, placement, foster_parent
):
    parent = UserFactory(
        person_type="ouder",
        full_name="Moeder Bakker",
        email="moeder@example.org",
        phone="06-99990000",
    )
    membership_add(
        placement=placement, person=parent, role="ouder", start_date=placement.start_date
    )
    client.force_login(foster_parent)
    html = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert "Moeder Bakker" in html  # who is in the team is no secret
    assert "moeder@example.org" not in html and "06-99990000" not in html
    assert "sanne@example.org" in html  # the pleegzorgbegeleider can be reached


def test_professionals_see_every_members_contact_details(client, placement, pleegzorgbegeleider):
    parent = UserFactory(person_type="ouder", email="moeder@example.org")
    membership_add(
        placement=placement, person=parent, role="ouder", start_date=placement.start_date
    )
    client.force_login(pleegzorgbegeleider)
    html = client.get(
        reverse("cases:placement_detail", args=[placement.reference])
    ).content.decode()
    assert "moeder@example.org" in html
