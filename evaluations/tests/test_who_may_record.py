"""Recording an event is for the pleegzorgbegeleider and the voogd (and their team lead): another
professional in the zorgteam reads the timeline."""

from datetime import date

import pytest
from django.urls import reverse

from evaluations.models import GuardianContact
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


def test_a_teacher_in_the_zorgteam_reads_the_timeline_but_cannot_record(client, placement):
    teacher = UserFactory(person_type="professional", full_name="Meester Jan")
    membership_add(
        placement=placement, person=teacher, role="docent", start_date=placement.start_date
    )
    client.force_login(teacher)
    page = client.get(
        reverse("cases:placement_detail", args=[placement.reference])
    ).content.decode()
    record_url = reverse("evaluations:record", args=[placement.reference, "guardian-contact"])
    assert record_url not in page
    response = client.post(
        record_url,
        {"date": "2026-10-01", "form": "phone", "with_whom": "Moeder", "note": ""},
    )
    assert response.status_code == 403
    assert "pleegzorgbegeleider" in response.content.decode()
    assert not GuardianContact.objects.filter(placement=placement).exists()


def test_the_voogd_can_record_her_contact_with_the_parents(client, placement, voogd, time_machine):
    time_machine.move_to(date(2026, 11, 22))
    client.force_login(voogd)
    response = client.post(
        reverse("evaluations:record", args=[placement.reference, "guardian-contact"]),
        {"date": "2026-11-20", "form": "phone", "with_whom": "Moeder", "note": ""},
    )
    assert response.status_code == 302
