"""Who looked at this file (pleegzorgbegeleider, team lead) and the privacy officer's pages."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def looked(client, placement, voogd):
    """The voogd opened the file once."""
    client.force_login(voogd)
    client.get(placement.get_absolute_url(), REMOTE_ADDR="198.51.100.7")
    client.logout()


@pytest.fixture
def officer(db):
    person = UserFactory(full_name="Olga Officer", person_type="professional")
    person.groups.add(Group.objects.get(name="privacy_officer"))
    return person


def _log_url(placement):
    return reverse("privacy:placement_log", args=[placement.reference])


def test_the_pleegzorgbegeleider_sees_who_looked_at_the_file(
    client, looked, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    detail = client.get(placement.get_absolute_url()).content.decode()
    assert "Wie heeft dit dossier ingezien" in detail and _log_url(placement) in detail
    html = client.get(_log_url(placement)).content.decode()
    assert "Marieke Jansen" in html and "(Gezins)voogd" in html
    assert "plaatsingspagina" in html
    assert "198.51.100.7" not in html  # addresses are for the privacy officer


def test_the_team_lead_sees_it_and_other_members_do_not(
    client, looked, placement, organisation, voogd, foster_parent, other_foster_parent
):
    lead = UserFactory(
        person_type="pleegzorgbegeleider", organisation=organisation, is_team_lead=True
    )
    client.force_login(lead)
    assert client.get(_log_url(placement)).status_code == 200
    client.force_login(voogd)
    assert client.get(_log_url(placement)).status_code == 403
    assert (
        "Wie heeft dit dossier ingezien"
        not in client.get(placement.get_absolute_url()).content.decode()
    )
    client.force_login(foster_parent)
    assert client.get(_log_url(placement))["Location"] == reverse(
        "portal:placement", args=[placement.reference]
    )
    client.force_login(other_foster_parent)
    assert client.get(_log_url(placement)).status_code == 404


def test_only_a_privacy_officer_opens_the_officer_pages(
    client, officer, pleegzorgbegeleider, voogd
):
    client.force_login(pleegzorgbegeleider)
    for url in (
        reverse("privacy:officer_home"),
        reverse("privacy:officer_person", args=[voogd.pk]),
        reverse("privacy:officer_person_csv", args=[voogd.pk]),
        reverse("privacy:officer_placement", args=["PL-TEST-1"]),
    ):
        assert client.get(url).status_code == 403
    client.force_login(officer)
    assert client.get(reverse("privacy:officer_home")).status_code == 200


def test_the_officer_finds_a_person_and_reads_their_log_with_addresses(
    client, looked, officer, placement, voogd
):
    client.force_login(officer)
    html = client.get(reverse("privacy:officer_home"), {"q": "marieke"}).content.decode()
    assert reverse("privacy:officer_person", args=[voogd.pk]) in html
    html = client.get(reverse("privacy:officer_person", args=[voogd.pk])).content.decode()
    assert "PL-TEST-1" in html and "198.51.100.7" in html
    response = client.get(reverse("privacy:officer_home"), {"reference": "PL-TEST-1"})
    assert response["Location"] == reverse("privacy:officer_placement", args=["PL-TEST-1"])


def test_the_csv_export_holds_every_field_and_defuses_formulas(client, looked, officer, voogd):
    voogd.full_name = '=HYPERLINK("http://evil")'
    voogd.save()
    client.force_login(voogd)
    client.get("/")
    client.force_login(officer)
    response = client.get(reverse("privacy:officer_person_csv", args=[voogd.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    read = next(r for r in rows if r["object_type"] == "placement")
    assert (read["user_name"], read["role"], read["placement_reference"], read["ip_address"]) == (
        "Marieke Jansen",
        "voogd",
        "PL-TEST-1",
        "198.51.100.7",
    )
    caseload = next(r for r in rows if r["object_type"] == "caseload")
    assert caseload["user_name"].startswith("'=")


def test_a_deleted_persons_log_stays_readable_for_the_officer(
    client, looked, officer, placement, voogd
):
    voogd_id = voogd.pk
    placement.memberships.filter(person=voogd).delete()
    voogd.delete()
    client.force_login(officer)
    html = client.get(reverse("privacy:officer_home"), {"q": "Marieke"}).content.decode()
    assert reverse("privacy:officer_person", args=[voogd_id]) in html
    html = client.get(reverse("privacy:officer_person", args=[voogd_id])).content.decode()
    assert "Marieke Jansen" in html and "PL-TEST-1" in html
    assert AuditEvent.objects.filter(user_id=voogd_id).exists()


def test_the_placement_log_lists_refused_attempts_of_strangers(
    client, placement, pleegzorgbegeleider
):
    stranger = UserFactory(full_name="Vera Vreemd", person_type="pleegzorgbegeleider")
    client.force_login(stranger)
    assert client.get(placement.get_absolute_url()).status_code == 404
    membership_add(
        placement=placement,
        person=UserFactory(person_type="netwerk"),
        role="netwerk",
        start_date=placement.start_date,
    )
    client.force_login(pleegzorgbegeleider)
    html = client.get(_log_url(placement)).content.decode()
    assert "Vera Vreemd" in html and "geweigerd" in html
    assert "niet in het zorgteam" in html
