"""`/` sends each person to their home, and nobody sees a placement outside their zorgteam."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_the_login_form(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "E-mailadres" in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_professional_lands_on_caseload_with_only_her_placements(
    client, placement, other_placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn caseload" in html
    assert placement.reference in html
    assert other_placement.reference not in html  # not her zorgteam


def test_team_lead_sees_the_organisations_caseload(
    client, placement, other_placement, organisation
):
    lead = UserFactory(
        person_type="pleegzorgbegeleider", organisation=organisation, is_team_lead=True
    )
    client.force_login(lead)
    html = client.get("/").content.decode()
    assert placement.reference in html and other_placement.reference in html


def test_foster_parent_lands_on_own_placement(client, placement, foster_parent):
    client.force_login(foster_parent)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:placement", args=[placement.reference])
    html = response.content.decode()
    assert "Wie vraag je wat" in html
    assert "Sanne de Vries" in html  # the pleegzorgbegeleider, with what she does
    assert "Regie; eerste aanspreekpunt" in html


@pytest.mark.parametrize("url_name", ["cases:placement_detail", "portal:placement"])
def test_other_family_gets_404(client, placement, other_foster_parent, url_name):
    client.force_login(other_foster_parent)
    response = client.get(reverse(url_name, args=[placement.reference]))
    assert response.status_code == 404
    assert placement.child.first_name not in response.content.decode()


def test_former_member_loses_access(client, placement, foster_parent):
    from zorgteam.services import membership_end

    membership = placement.memberships.get(person=foster_parent)
    membership_end(membership=membership, end_date=placement.start_date)
    client.force_login(foster_parent)
    assert client.get(reverse("portal:placement", args=[placement.reference])).status_code == 404


def test_foster_parent_is_sent_from_the_professional_file_to_the_portal(
    client, placement, foster_parent
):
    client.force_login(foster_parent)
    response = client.get(reverse("cases:placement_detail", args=[placement.reference]))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:placement", args=[placement.reference])


def test_reading_a_case_file_is_audited(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    client.get(reverse("cases:placement_detail", args=[placement.reference]))
    event = AuditEvent.objects.get(placement=placement, action="read")
    assert (event.user, event.role, event.object_type) == (
        pleegzorgbegeleider,
        "pleegzorgbegeleider",
        "placement",
    )


def test_login_with_email_is_case_insensitive(client, pleegzorgbegeleider, password):
    response = client.post(
        reverse("login"), {"username": "SANNE@Example.org", "password": password}, follow=True
    )
    assert response.context["user"] == pleegzorgbegeleider


def test_wrong_password_says_so_in_dutch_and_keeps_the_email(client, pleegzorgbegeleider):
    response = client.post(reverse("login"), {"username": "sanne@example.org", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in html
    assert 'value="sanne@example.org"' in html


def test_password_reset_email_is_dutch(client, pleegzorgbegeleider, mailoutbox):
    client.post(reverse("password_reset"), {"email": "sanne@example.org"})
    assert len(mailoutbox) == 1
    assert "Kies je wachtwoord" in mailoutbox[0].subject
    assert "/accounts/reset/" in mailoutbox[0].body
