"""Access follows the role in the zorgteam: the holes a privacy review found stay closed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

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
    from evaluations.models import GuardianContact

    assert not GuardianContact.objects.filter(placement=placement).exists()


def test_the_voogd_can_record_her_contact_with_the_parents(client, placement, voogd, time_machine):
    time_machine.move_to(date(2026, 11, 22))
    client.force_login(voogd)
    response = client.post(
        reverse("evaluations:record", args=[placement.reference, "guardian-contact"]),
        {"date": "2026-11-20", "form": "phone", "with_whom": "Moeder", "note": ""},
    )
    assert response.status_code == 302


def test_removing_the_latest_evaluation_cancels_its_deadline_instead_of_marking_it_done(
    placement, time_machine
):
    from evaluations.models import Deadline
    from evaluations.services import deadlines_refresh, visit_evaluation_record

    time_machine.move_to(date(2026, 11, 22))
    first = visit_evaluation_record(
        placement=placement, date=date(2026, 10, 1), participants="Team", outcome="ok"
    )
    second = visit_evaluation_record(
        placement=placement, date=date(2026, 11, 1), participants="Team", outcome="ok"
    )
    second.delete()  # a correction, e.g. in the admin
    deadlines_refresh(placement=placement)
    open_row = Deadline.objects.open().get(placement=placement, kind="visit_evaluation")
    assert open_row.basis_date == first.date
    counted_from_removed = Deadline.objects.get(
        placement=placement, kind="visit_evaluation", basis_date=second.date
    )
    assert counted_from_removed.status == Deadline.Status.CANCELLED


def test_health_hides_exception_text(client, monkeypatch):
    from pleegzorg.celery import app as celery_app

    url = "redis://secret-host.internal:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    try:
        body = client.get(reverse("health"), HTTP_ACCEPT="application/json").content.decode()
    finally:
        celery_app.conf.broker_url = original
    assert "secret-host" not in body


def test_the_invite_the_child_deadline_links_to_the_zorgteam_form(
    client, placement, pleegzorgbegeleider
):
    from evaluations.models import Deadline

    placement.child.birth_date = date(2014, 1, 1)  # twelve already: the deadline is open now
    placement.child.save()
    from evaluations.services import deadlines_refresh

    deadlines_refresh(placement=placement)
    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    client.force_login(pleegzorgbegeleider)
    html = client.get(
        reverse("cases:placement_detail", args=[placement.reference])
    ).content.decode()
    link = reverse("zorgteam:member_add", args=[placement.reference]) + "?role=pleegkind"
    assert link in html
    form = client.get(link).content.decode()
    assert 'value="pleegkind" selected' in form
