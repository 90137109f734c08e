"""The zorgteam services: adding by email (with an invitation), staff changes, refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from cases.models import Placement
from evaluations.models import Deadline
from tests.factories import UserFactory
from zorgteam.models import Membership
from zorgteam.services import (
    membership_add,
    membership_add_by_email,
    membership_replace_by_email,
    membership_update,
    person_get_or_invite,
)

pytestmark = pytest.mark.django_db


def test_a_new_email_gets_an_account_without_password_and_a_dutch_invitation(
    placement, pleegzorgbegeleider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add_by_email(
            placement=placement,
            email=" Docent@School.NL ",
            full_name="Meester Jan",
            role="docent",
            start_date=date(2026, 11, 20),
            added_by=pleegzorgbegeleider,
        )
    person = membership.person
    assert person.email == "docent@school.nl"
    assert person.full_name == "Meester Jan"
    assert person.person_type == User.PersonType.OTHER_PROFESSIONAL
    assert not person.has_usable_password()
    assert membership.invited
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["docent@school.nl"]
    assert "zorgteam" in mail.subject and "toegevoegd" in mail.subject
    assert "Sanne de Vries heeft je toegevoegd" in mail.body
    assert "Docent" in mail.body
    assert "/accounts/reset/" in mail.body
    # No more personal data than needed: not the child's name.
    assert "Noor" not in mail.body


def test_the_invitation_link_lets_the_person_choose_a_password(
    client, placement, pleegzorgbegeleider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership_add_by_email(
            placement=placement,
            email="oma@example.org",
            full_name="Oma Bakker",
            role="netwerk",
            start_date=date(2026, 11, 20),
        )
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url,
        {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"},
    )
    oma = User.objects.get(email="oma@example.org")
    assert oma.check_password("een-lang-wachtwoord-42")
    assert oma.person_type == User.PersonType.NETWERK
    # A family-side person sees this placement only (through the portal).
    assert list(Placement.objects.visible_to(oma)) == [placement]


def test_an_existing_person_is_used_and_not_changed(placement, mailoutbox):
    teacher = UserFactory(email="juf@school.nl", full_name="Juf Anna", person_type="professional")
    membership = membership_add_by_email(
        placement=placement,
        email="JUF@school.nl",
        full_name="Iemand Anders",
        role="docent",
        start_date=date(2026, 11, 20),
    )
    assert membership.person == teacher
    assert not membership.invited
    teacher.refresh_from_db()
    assert teacher.full_name == "Juf Anna"
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"email": ""}, "email"),
        ({"email": "nieuw@example.org", "full_name": ""}, "full_name"),
        ({"role": "koning"}, "role"),
    ],
)
def test_bad_input_saves_nothing(placement, kwargs, field):
    users, members = User.objects.count(), Membership.objects.count()
    arguments = {
        "placement": placement,
        "email": "nieuw@example.org",
        "full_name": "Nieuw Persoon",
        "role": "docent",
        "start_date": date(2026, 11, 20),
        **kwargs,
    }
    with pytest.raises(ValidationError) as error:
        membership_add_by_email(**arguments)
    assert field in error.value.error_dict
    assert (User.objects.count(), Membership.objects.count()) == (users, members)


def test_a_current_member_cannot_be_added_twice_in_the_same_role(placement, voogd):
    with pytest.raises(ValidationError) as error:
        membership_add(
            placement=placement, person=voogd, role="voogd", start_date=date(2026, 11, 20)
        )
    assert "al lid" in " ".join(error.value.messages)
    assert placement.memberships.filter(person=voogd).count() == 1
    # In another role the same person may join.
    membership_add(
        placement=placement, person=voogd, role="vertrouwenspersoon", start_date=date(2026, 11, 20)
    )


def test_a_failed_add_does_not_leave_a_new_account_behind(
    placement, voogd, mailoutbox, django_capture_on_commit_callbacks
):
    users = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        # The membership's own validation fails after the account was created.
        membership_add_by_email(
            placement=placement,
            email="nieuw@example.org",
            full_name="Nieuw Persoon",
            role="docent",
            start_date=date(2026, 11, 20),
            reachable="r" * 300,  # longer than the model allows
        )
    assert User.objects.count() == users
    assert mailoutbox == []


def test_adding_the_child_closes_child_joins_zorgteam(placement):
    # Noor turns 12 on 4 March 2031: the invitation is open until she is a member.
    deadline = Deadline.objects.open().get(placement=placement, kind="child_joins_zorgteam")
    assert deadline.due_date == date(2031, 3, 4)
    membership_add_by_email(
        placement=placement,
        email="noor@example.org",
        full_name="Noor Bakker",
        role="pleegkind",
        start_date=date(2026, 11, 20),
    )
    assert (
        not Deadline.objects.open()
        .filter(placement=placement, kind="child_joins_zorgteam")
        .exists()
    )
    assert User.objects.get(email="noor@example.org").person_type == "pleegkind"


def test_staff_change_opens_a_handover_for_the_new_voogd(placement, voogd):
    old = placement.memberships.get(person=voogd)
    new = membership_replace_by_email(
        membership=old,
        email="joost@example.org",
        full_name="Joost Bakker",
        change_date=date(2026, 12, 1),
    )
    old.refresh_from_db()
    assert old.end_date == date(2026, 11, 30)
    assert new.responsibilities == "Besluiten; contact met de ouders"
    handover = Deadline.objects.open().get(placement=placement, kind="handover")
    assert handover.key == str(new.pk)
    assert handover.due_date == date(2026, 12, 15)
    assert handover.responsible_role == "voogd"


def test_replacing_someone_by_themselves_is_refused(placement, voogd):
    with pytest.raises(ValidationError):
        membership_replace_by_email(
            membership=placement.memberships.get(person=voogd),
            email=voogd.email,
            change_date=date(2026, 12, 1),
        )
    assert placement.memberships.get(person=voogd).end_date is None


def test_update_changes_only_who_does_what_and_how_to_reach(placement, voogd):
    membership = placement.memberships.get(person=voogd)
    membership_update(membership=membership, responsibilities="Nieuw", reachable="Ma-wo")
    membership.refresh_from_db()
    assert (membership.responsibilities, membership.reachable) == ("Nieuw", "Ma-wo")
    assert (membership.role, membership.person) == ("voogd", voogd)


def test_person_type_follows_the_role(db):
    person, invited = person_get_or_invite(
        email="tante@example.org", full_name="Tante Els", role="vertrouwenspersoon"
    )
    assert invited and person.person_type == "netwerk" and not person.is_professional
