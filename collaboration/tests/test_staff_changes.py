"""Staff changes told to the family (advice 7) and handed over (advice 6): a notice by email
and in the portal with the new person's name, role and how to reach them, the date of the
handover meeting once planned; a checklist for the new professional."""

import re
from datetime import date

import pytest
from django.urls import reverse

from collaboration.models import StaffChange
from evaluations import rules
from evaluations.models import Deadline
from evaluations.services import zorgteam_meeting_record
from zorgteam.invitations import invitation_accept, member_invite

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture
def replaced(
    client, placement, pleegzorgbegeleider, mailoutbox, django_capture_on_commit_callbacks
):
    """The pleegzorgbegeleider replaces the voogd through the zorgteam page."""
    client.force_login(pleegzorgbegeleider)
    voogd_membership = placement.memberships.get(role="voogd")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("zorgteam:member_replace", args=[placement.reference, voogd_membership.pk]),
            {
                "email": "henk@example.org",
                "full_name": "Henk de Boer",
                "change_date": "2026-11-20",
                "responsibilities": "Besluiten",
                "reachable": "ma-do 9-17 uur",
            },
        )
    assert response.status_code == 302
    assert not StaffChange.objects.exists()  # invited; the change completes on acceptance
    [invite] = [m for m in mailoutbox if m.to == ["henk@example.org"]]
    token = re.search(r"/invitations/([\w-]+)/", invite.body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(token=token, password="een-lang-wachtwoord-42")
    return StaffChange.objects.get()


def test_the_family_is_told_by_email_and_portal(
    client, placement, replaced, foster_parent, mailoutbox
):
    assert (replaced.role, replaced.change_date) == ("voogd", D(2026, 11, 20))
    told = [m for m in mailoutbox if m.to == ["visser@example.org"]]
    assert len(told) == 1
    assert told[0].subject == "Een nieuwe (Gezins)voogd voor Noor"
    assert "Henk de Boer" in told[0].body and "henk@example.org" in told[0].body
    assert "ma-do 9-17 uur" in told[0].body
    client.force_login(foster_parent)
    html = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert "Je nieuwe (Gezins)voogd: Henk de Boer" in html
    # How to reach the new voogd: the new membership and its person (loaded with the notice).
    assert 'href="mailto:henk@example.org"' in html and "(ma-do 9-17 uur)" in html
    assert "Je hoort de datum van het overdrachtsgesprek zodra het gepland is." in html


def test_the_new_professional_works_through_the_checklist(
    client, placement, replaced, foster_parent, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import User

    henk = User.objects.get(email="henk@example.org")
    client.force_login(henk)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "Checklist voor de overdracht" in page and "Gedaan: dossier gelezen" in page

    client.post(
        reverse("collaboration:handover_item", args=[placement.reference, replaced.pk, "file_read"])
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaboration:handover_plan", args=[placement.reference, replaced.pk]),
            {"planned_on": "2026-11-26"},
        )
    replaced.refresh_from_db()
    assert (replaced.file_read_on, replaced.handover_meeting_on) == (
        D(2026, 11, 20),
        D(2026, 11, 26),
    )
    update = mailoutbox[-1]
    assert update.to == ["visser@example.org"]
    assert "donderdag 26 november 2026" in update.body
    client.force_login(foster_parent)
    html = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert "Het overdrachtsgesprek is gepland op donderdag 26 november 2026." in html

    # The handover meeting is recorded: the checklist shows it held, the deadline closes.
    zorgteam_meeting_record(
        placement=placement, date=D(2026, 11, 20), kind="handover", participants="Marieke, Henk"
    )
    client.force_login(henk)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "Overdrachtsgesprek gehouden" in page
    handover = Deadline.objects.get(placement=placement, kind=rules.HANDOVER)
    assert handover.status == "done"


@pytest.mark.parametrize(
    ("planned_on", "message"),
    [("2026-11-19", "verleden"), ("2028-01-01", "binnen een jaar")],
)
def test_the_handover_date_is_plausible(client, placement, replaced, planned_on, message):
    from accounts.models import User

    client.force_login(User.objects.get(email="henk@example.org"))
    response = client.post(
        reverse("collaboration:handover_plan", args=[placement.reference, replaced.pk]),
        {"planned_on": planned_on},
        follow=True,
    )
    assert message in response.content.decode()
    replaced.refresh_from_db()
    assert replaced.handover_meeting_on is None


def test_only_the_new_professional_ticks(client, placement, replaced, docent, foster_parent):
    url = reverse(
        "collaboration:handover_item", args=[placement.reference, replaced.pk, "plan_kept"]
    )
    client.force_login(docent)
    assert client.post(url).status_code == 403
    client.force_login(foster_parent)
    assert client.post(url).status_code == 302  # to the portal
    replaced.refresh_from_db()
    assert replaced.plan_kept_on is None


def test_a_family_role_change_is_no_staff_change(placement, foster_parent):
    from tests.factories import UserFactory
    from zorgteam.services import membership_replace

    membership_replace(
        membership=placement.memberships.get(role="pleegouder"),
        new_person=UserFactory(person_type="pleegouder"),
        change_date=D(2026, 11, 20),
    )
    assert not StaffChange.objects.exists()


def test_a_staff_change_by_invitation_completes_on_acceptance(placement, pleegzorgbegeleider):
    invitation = member_invite(
        placement=placement,
        email="kim@example.org",
        full_name="Kim de Wit",
        role="pleegzorgbegeleider",
        start_date=D(2026, 11, 20),
        replaces=placement.memberships.get(role="pleegzorgbegeleider"),
    )
    assert not StaffChange.objects.exists()  # invited, not yet changed
    invitation_accept(token=invitation.token, password="een-lang-wachtwoord-42")
    assert StaffChange.objects.get().role == "pleegzorgbegeleider"
