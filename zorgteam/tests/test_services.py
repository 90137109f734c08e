"""The zorgteam services: invitations by email (member_invite), acceptance, staff changes,
refusals and the dates of a membership."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from cases.models import Placement
from evaluations.models import Deadline
from tests.factories import UserFactory
from zorgteam.invitations import InvitationRefused, hash_token
from zorgteam.models import Invitation, Membership
from zorgteam.services import (
    invitation_accept,
    member_invite,
    membership_add,
    membership_end,
    membership_update,
)

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def _invite(placement, **kwargs):
    arguments = {
        "placement": placement,
        "email": "nieuw@example.org",
        "full_name": "Nieuw Persoon",
        "role": "docent",
        "start_date": date(2026, 11, 20),
        **kwargs,
    }
    return member_invite(**arguments)


def test_an_invitation_creates_no_account_and_no_membership_until_accepted(
    placement, pleegzorgbegeleider, mailoutbox, django_capture_on_commit_callbacks
):
    users, members = User.objects.count(), Membership.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(
            placement,
            email=" Docent@School.NL ",
            full_name="Meester Jan",
            invited_by=pleegzorgbegeleider,
        )
    assert (User.objects.count(), Membership.objects.count()) == (users, members)
    assert invitation.email == "docent@school.nl"
    # Only the hash of the token is stored: the database holds no working link.
    assert invitation.token_hash == hash_token(invitation.token)
    assert invitation.token not in str(Invitation.objects.values().get(pk=invitation.pk))
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["docent@school.nl"]
    assert mail.subject == "Uitnodiging voor een zorgteam in Pleegzorg zorgteam"
    assert "Sanne de Vries nodigt je uit voor het zorgteam rond een pleegkind als: Docent" in (
        mail.body
    )
    assert f"/invitations/{invitation.token}/" in mail.body
    assert "De link werkt één keer, tot en met" in mail.body
    # No more personal data than needed: not the child's name or the reference.
    assert "Noor" not in mail.body and placement.reference not in mail.body


def test_the_answer_is_the_same_whether_or_not_an_account_exists(
    placement, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="juf@school.nl", full_name="Juf Anna", person_type="professional")
    switched_off = UserFactory(email="weg@school.nl", full_name="Oud Account", is_active=False)
    results = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("juf@school.nl", "weg@school.nl", "niemand@school.nl"):
            invitation = _invite(placement, email=email, full_name="Typed Name")
            results.append((invitation.full_name, invitation.role, invitation.is_pending))
    assert results == [("Typed Name", "docent", True)] * 3
    # Everyone gets the same email; nobody is attached at once.
    assert len(mailoutbox) == 3
    assert [m.subject for m in mailoutbox] == [mailoutbox[0].subject] * 3
    assert not placement.memberships.filter(person__email__in=["juf@school.nl"]).exists()
    switched_off.refresh_from_db()
    assert switched_off.full_name == "Oud Account"


def test_a_new_person_accepts_by_choosing_a_password(placement):
    invitation = _invite(placement, email="oma@example.org", full_name="Oma Bakker", role="netwerk")
    membership = invitation_accept(token=invitation.token, password=PASSWORD)
    oma = User.objects.get(email="oma@example.org")
    assert membership.person == oma and membership.role == "netwerk"
    assert oma.check_password(PASSWORD)
    assert oma.person_type == User.PersonType.NETWERK and not oma.is_professional
    assert list(Placement.objects.visible_to(oma)) == [placement]
    invitation.refresh_from_db()
    assert invitation.state() == Invitation.State.ACCEPTED
    assert invitation.membership == membership and invitation.accepted_by == oma


def test_an_account_without_password_sets_its_first_one_on_acceptance(placement):
    imported = UserFactory(email="imp@example.org", person_type="professional")
    imported.set_unusable_password()
    imported.save()
    invitation = _invite(placement, email="imp@example.org")
    invitation_accept(token=invitation.token, password=PASSWORD, full_name="Imported Person")
    imported.refresh_from_db()
    assert imported.check_password(PASSWORD) and imported.full_name == "Imported Person"


def test_an_account_with_a_password_must_log_in_to_accept(placement):
    teacher = UserFactory(email="juf@school.nl", full_name="Juf Anna", person_type="professional")
    invitation = _invite(placement, email="juf@school.nl")
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password="overgenomen-wachtwoord-99")
    assert not teacher.check_password("overgenomen-wachtwoord-99")
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, user=UserFactory(person_type="professional"))
    membership = invitation_accept(token=invitation.token, user=teacher)
    assert membership.person == teacher
    teacher.refresh_from_db()
    assert teacher.full_name == "Juf Anna"  # an existing person is never changed


def test_a_token_works_once(placement):
    invitation = _invite(placement)
    invitation_accept(token=invitation.token, password=PASSWORD)
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password=PASSWORD)
    assert placement.memberships.filter(person__email="nieuw@example.org").count() == 1


def test_a_token_expires_after_seven_days(placement, time_machine):
    invitation = _invite(placement)
    time_machine.move_to(timezone.now() + timedelta(days=7, seconds=1))
    assert invitation.state() == Invitation.State.EXPIRED
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password=PASSWORD)
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_a_token_accepted_on_day_seven_still_works(placement, time_machine):
    invitation = _invite(placement)
    time_machine.move_to(timezone.now() + timedelta(days=6, hours=23))
    assert invitation_accept(token=invitation.token, password=PASSWORD).role == "docent"


def test_a_guessed_or_revoked_token_does_nothing(placement):
    from zorgteam.services import invitation_revoke

    invitation = _invite(placement)
    with pytest.raises(InvitationRefused):
        invitation_accept(token="x" * 43, password=PASSWORD)
    invitation_revoke(invitation=invitation)
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password=PASSWORD)


def test_inviting_again_replaces_the_pending_invitation(placement):
    first = _invite(placement)
    second = _invite(placement)
    first.refresh_from_db()
    assert first.state() == Invitation.State.REVOKED and second.is_pending
    with pytest.raises(InvitationRefused):
        invitation_accept(token=first.token, password=PASSWORD)


def test_a_family_account_cannot_accept_a_professional_role(placement, foster_parent):
    invitation = _invite(placement, email=foster_parent.email, role="behandelaar")
    with pytest.raises(InvitationRefused) as error:
        invitation_accept(token=invitation.token, user=foster_parent)
    assert "professioneel account" in " ".join(error.value.messages)
    assert not placement.memberships.filter(person=foster_parent, role="behandelaar").exists()


def test_a_switched_off_account_cannot_accept(placement):
    off = UserFactory(email="weg@example.org", person_type="professional", is_active=False)
    off.set_unusable_password()
    off.save()
    invitation = _invite(placement, email="weg@example.org")
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password=PASSWORD)
    off.refresh_from_db()
    assert not off.has_usable_password()


def test_an_invitation_to_an_ended_placement_cannot_be_accepted(placement):
    invitation = _invite(placement)
    Placement.objects.filter(pk=placement.pk).update(end_date=date(2026, 11, 19))
    with pytest.raises(InvitationRefused):
        invitation_accept(token=invitation.token, password=PASSWORD)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"email": ""}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"role": "koning"}, "role"),
        ({"start_date": date(1, 1, 1)}, "start_date"),
        ({"start_date": date(9999, 12, 31)}, "start_date"),
        ({"start_date": date(2026, 8, 31)}, "start_date"),  # before the placement started
        ({"responsibilities": "x" * 1001}, "responsibilities"),
        ({"email": "marieke@example.org", "role": "voogd"}, "email"),  # already a member
    ],
)
def test_bad_input_saves_nothing(placement, kwargs, field, mailoutbox):
    counts = (User.objects.count(), Membership.objects.count(), Invitation.objects.count())
    with pytest.raises(ValidationError) as error:
        _invite(placement, **kwargs)
    assert field in error.value.error_dict
    assert (User.objects.count(), Membership.objects.count(), Invitation.objects.count()) == counts
    assert mailoutbox == []


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


@pytest.mark.parametrize("day", [date(1, 1, 1), date(2026, 8, 31), date(9999, 12, 31)])
def test_membership_dates_fall_within_the_placement(placement, foster_parent, day):
    with pytest.raises(ValidationError) as error:
        membership_add(placement=placement, person=foster_parent, role="netwerk", start_date=day)
    assert "Kies een datum tussen 1 september 2026 en" in " ".join(error.value.messages)
    membership = placement.memberships.get(person=foster_parent)
    with pytest.raises(ValidationError):
        membership_end(membership=membership, end_date=date(9999, 12, 31))


def test_accepting_the_child_closes_child_joins_zorgteam(placement):
    # Noor turns 12 on 4 March 2031: the deadline is open until she is a member.
    deadline = Deadline.objects.open().get(placement=placement, kind="child_joins_zorgteam")
    assert deadline.due_date == date(2031, 3, 4)
    invitation = _invite(placement, email="noor@example.org", full_name="Noor", role="pleegkind")
    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    invitation_accept(token=invitation.token, password=PASSWORD)
    assert (
        not Deadline.objects.open()
        .filter(placement=placement, kind="child_joins_zorgteam")
        .exists()
    )
    assert User.objects.get(email="noor@example.org").person_type == "pleegkind"


def test_a_staff_change_by_invitation_opens_a_handover_on_acceptance(placement, voogd):
    old = placement.memberships.get(person=voogd)
    invitation = _invite(
        placement,
        email="joost@example.org",
        full_name="Joost Bakker",
        role="voogd",
        start_date=date(2026, 12, 1),
        replaces=old,
        responsibilities="Besluiten; contact met de ouders",
    )
    old.refresh_from_db()
    assert old.end_date is None  # nothing changes before the new voogd accepts
    new = invitation_accept(token=invitation.token, password=PASSWORD)
    old.refresh_from_db()
    assert old.end_date == date(2026, 11, 30)
    assert new.responsibilities == "Besluiten; contact met de ouders"
    assert new.person.person_type == "voogd"
    handover = Deadline.objects.open().get(placement=placement, kind="handover")
    assert handover.key == str(new.pk)
    assert handover.due_date == date(2026, 12, 15)
    assert handover.responsible_role == "voogd"


def test_replacing_someone_by_themselves_is_refused(placement, voogd):
    with pytest.raises(ValidationError):
        _invite(
            placement,
            email=voogd.email,
            role="voogd",
            start_date=date(2026, 12, 1),
            replaces=placement.memberships.get(person=voogd),
        )
    assert placement.memberships.get(person=voogd).end_date is None


def test_update_changes_only_who_does_what_and_how_to_reach(placement, voogd):
    membership = placement.memberships.get(person=voogd)
    membership_update(membership=membership, responsibilities="Nieuw", reachable="Ma-wo")
    membership.refresh_from_db()
    assert (membership.responsibilities, membership.reachable) == ("Nieuw", "Ma-wo")
    assert (membership.role, membership.person) == ("voogd", voogd)


def test_person_type_follows_the_role(placement):
    invitation = _invite(
        placement, email="tante@example.org", full_name="Tante Els", role="vertrouwenspersoon"
    )
    person = invitation_accept(token=invitation.token, password=PASSWORD).person
    assert person.person_type == "netwerk" and not person.is_professional
