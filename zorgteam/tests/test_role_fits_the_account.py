"""A professional account takes professional roles in a zorgteam, a family account family roles:
what a person sees follows from that."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


def test_a_professional_account_cannot_take_a_family_role(placement):
    # Otherwise a therapist who is also the child's grandmother would get the professionals'
    # file of this family, with everything marked "professionals only".
    therapist = UserFactory(person_type="professional", full_name="Oma Bakker")
    with pytest.raises(ValidationError) as excinfo:
        membership_add(
            placement=placement, person=therapist, role="netwerk", start_date=placement.start_date
        )
    assert "role" in excinfo.value.message_dict
    assert not placement.memberships.filter(person=therapist).exists()


def test_a_family_account_cannot_take_a_professional_role(placement, foster_parent):
    # A foster parent in the voogd role would see the file and never get the voogd's reminders.
    with pytest.raises(ValidationError):
        membership_add(
            placement=placement, person=foster_parent, role="voogd", start_date=placement.start_date
        )


def test_a_confidant_may_have_either_kind_of_account(placement):
    neighbour = UserFactory(person_type="netwerk")
    worker = UserFactory(person_type="professional")
    membership_add(
        placement=placement,
        person=neighbour,
        role="vertrouwenspersoon",
        start_date=placement.start_date,
    )
    membership_add(
        placement=placement,
        person=worker,
        role="vertrouwenspersoon",
        start_date=placement.start_date,
    )
    assert placement.memberships.filter(role="vertrouwenspersoon").count() == 2
