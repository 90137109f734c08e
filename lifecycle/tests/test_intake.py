"""Intake of a new placement: one transaction, the deadlines that apply (the start meeting
among them), an empty draft plan, invitations after the commit, a duplicate child flagged."""

import io
import re
import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from accounts.models import User
from agreements.models import PlanVersion
from cases.models import Child, Placement
from evaluations import rules
from evaluations.models import CourtOrder, Deadline
from lifecycle.intake import MemberInvite, placement_intake
from zorgteam.invitations import invitation_accept
from zorgteam.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def open_kinds(placement):
    return {d.kind: d for d in Deadline.objects.open().filter(placement=placement)}


def test_intake_registers_everything_at_once(
    intake_kwargs, today, voogd, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        placement = placement_intake(**intake_kwargs)

    assert placement.registered_via == Placement.Registration.INTAKE
    assert placement.reference.startswith("PZ-2026-")
    assert str(placement.child) == "Daan Kok"
    # The registering pleegzorgbegeleider is a member; the others are invited and join
    # when they accept (zorgteam.invitations).
    team = {(m.role, m.person.email) for m in placement.memberships.select_related("person")}
    assert team == {("pleegzorgbegeleider", "sanne@example.org")}
    invited = {(i.role, i.email) for i in Invitation.objects.filter(placement=placement)}
    assert invited == {("pleegouder", "jansen@example.org"), ("voogd", "marieke@example.org")}
    # The MUHP predates the placement: allowed at intake, and recorded as given.
    assert CourtOrder.objects.get(placement=placement).date == date(2026, 11, 13)
    [draft] = PlanVersion.objects.filter(placement=placement)
    assert (draft.number, draft.status, draft.agreements.count()) == (1, "draft", 0)

    deadlines = open_kinds(placement)
    assert deadlines[rules.START_MEETING].due_date == today + timedelta(days=14)
    # The order from before the start is discussed at a meeting from the start on.
    assert deadlines[rules.ZORGTEAM_AFTER_COURT_ORDER].basis_date == today
    # The MUHP without an end date is taken to end a year after its date.
    assert deadlines[rules.COURT_ORDER_REVIEW].due_date == date(2027, 11, 13) - timedelta(weeks=12)
    assert rules.PERSPECTIVE_STUDY_START in deadlines

    # Both are emailed, account or not (the invitation tells nothing about accounts); no
    # account is made before an acceptance.
    assert sorted(m.to[0] for m in mailoutbox) == ["jansen@example.org", "marieke@example.org"]
    assert not User.objects.filter(email="jansen@example.org").exists()
    # The foster parent accepts: from then on a member.
    [email] = [m for m in mailoutbox if m.to == ["jansen@example.org"]]
    token = re.search(r"/invitations/([\w-]+)/", email.body).group(1)
    invitation_accept(token=token, password="een-lang-wachtwoord-42")
    assert placement.memberships.filter(role="pleegouder", person__email="jansen@example.org")


def test_a_refused_member_leaves_nothing_behind(
    intake_kwargs, pleegzorgbegeleider, mailoutbox, django_capture_on_commit_callbacks
):
    # An invitation refused (no name to address the email to): the whole intake is refused.
    intake_kwargs["members"] = [
        MemberInvite(role="pleegouder", email="nieuw@example.org", full_name="Nieuwe Ouder"),
        MemberInvite(role="pleegouder", email="zonder-naam@example.org"),  # no name
    ]
    counts = (Child.objects.count(), Placement.objects.count(), User.objects.count())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as e:
        placement_intake(**intake_kwargs)
    assert e.value.member_index == 1
    assert (Child.objects.count(), Placement.objects.count(), User.objects.count()) == counts
    assert not Membership.objects.exists() and not Deadline.objects.exists()
    assert mailoutbox == []


def test_a_duplicate_child_is_flagged_before_a_second_placement(intake_kwargs, placement):
    first = placement_intake(**intake_kwargs)
    with pytest.raises(ValidationError) as refused:
        placement_intake(**{**intake_kwargs, "child_first_name": "daan "})
    assert refused.value.code == "duplicate_child"
    assert Placement.objects.filter(child__first_name="Daan").count() == 1

    # Confirmed as the same child: a second placement of the same Child row.
    second = placement_intake(**intake_kwargs, same_child=first.child, duplicate_confirmed=True)
    assert second.child_id == first.child_id and second.pk != first.pk
    # Confirmed as another child with the same name and birth date: a new Child row.
    third = placement_intake(**intake_kwargs, duplicate_confirmed=True)
    assert third.child_id != first.child_id


def test_a_pleegzorgbegeleider_is_required(intake_kwargs):
    intake_kwargs["registering_pleegzorgbegeleider"] = None
    with pytest.raises(ValidationError, match="pleegzorgbegeleider"):
        placement_intake(**intake_kwargs)
    intake_kwargs["members"].append(
        MemberInvite(role="pleegzorgbegeleider", email="kim@example.org", full_name="Kim")
    )
    placement = placement_intake(**intake_kwargs)
    assert Invitation.objects.filter(placement=placement, role="pleegzorgbegeleider").exists()


@pytest.mark.parametrize(
    ("registered_days_after_start", "has_start_meeting"),
    [(0, True), (28, True), (29, False), (120, False)],
    ids=["at-the-start", "four-weeks-late", "later", "months-later"],
)
def test_start_meeting_only_around_the_start(
    intake_kwargs, today, registered_days_after_start, has_start_meeting
):
    intake_kwargs["start_date"] = today - timedelta(days=registered_days_after_start)
    intake_kwargs["court_order"] = None
    intake_kwargs["legal_frame"] = "vrijwillig"
    placement = placement_intake(**intake_kwargs)
    assert (rules.START_MEETING in open_kinds(placement)) is has_start_meeting


def test_an_imported_or_admin_placement_owes_no_start_meeting(placement, today):
    # The conftest placement is made as the admin and the import make theirs.
    assert placement.registered_via == Placement.Registration.OTHER
    assert rules.START_MEETING not in open_kinds(placement)


def test_the_caseload_import_opens_no_start_meeting(today, tmp_path):
    from django.core.management import call_command

    from caseload_import.parsing import COLUMNS

    row = dict.fromkeys(COLUMNS, "") | {
        "reference": "IMP-1",
        "child_name": "Sem Vos",
        "child_birth_date": "2018-02-02",
        "variant": "hulpverlening",
        "placement_start": today.isoformat(),
        "pleegzorgbegeleider_email": "pzb@example.org",
        "voogd_email": "vgd@example.org",
        "pleegouder_emails": "po@example.org",
    }
    csv = tmp_path / "caseload.csv"
    csv.write_text(";".join(COLUMNS) + "\n" + ";".join(row[c] for c in COLUMNS) + "\n")
    call_command("import_caseload", str(csv), stdout=io.StringIO())
    imported = Placement.objects.get(reference="IMP-1")
    assert imported.registered_via == Placement.Registration.IMPORT
    assert imported.start_date == today  # started today, and still no start meeting
    kinds = open_kinds(imported)
    assert rules.VISIT_EVALUATION in kinds and rules.START_MEETING not in kinds


@pytest.mark.django_db(transaction=True)
def test_two_intakes_of_the_same_child_at_once_make_one_placement(intake_kwargs):
    """Both check for a duplicate at the same moment; the advisory lock makes the second
    wait for the first's commit and then see the child."""
    barrier = threading.Barrier(2)
    results = []

    def register(email):
        try:
            barrier.wait(timeout=10)
            kwargs = {**intake_kwargs, "members": [MemberInvite("pleegouder", email, "X")]}
            results.append(placement_intake(**kwargs).reference)
        except ValidationError as error:
            results.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(f"p{i}@example.org",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results, key=str)[-1] == "duplicate_child", results
    assert Placement.objects.filter(child__first_name="Daan").count() == 1


# --- The intake page ------------------------------------------------------------------------

URL = "/intake/"


def form_data(today, **changes):
    data = {
        "child_first_name": "Daan",
        "child_last_name": "Kok",
        "child_birth_date": "2016-06-01",
        "start_date": today.isoformat(),
        "variant": "hulpverlening",
        "care_kind": "bestand",
        "legal_frame": "vrijwillig",
        "order_kind": "",
        "order_date": "",
        "order_end_date": "",
        "provider": "",
        "placer": "",
        "reference": "",
        "i_am_pleegzorgbegeleider": "on",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "15",
        "members-0-role": "pleegouder",
        "members-0-full_name": "Familie Jansen",
        "members-0-email": "jansen@example.org",
        "members-1-role": "voogd",
        "members-1-full_name": "",
        "members-1-email": "",
    }
    data.update(changes)
    return data


def test_the_page_registers_and_shows_the_start_meeting(
    client, pleegzorgbegeleider, organisation, today
):
    client.force_login(pleegzorgbegeleider)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Nieuwe plaatsing registreren" in page.content.decode()
    response = client.post(URL, form_data(today, provider=str(organisation.pk)), follow=True)
    placement = Placement.objects.get(child__first_name="Daan")
    assert response.redirect_chain[-1][0] == placement.get_absolute_url()
    html = response.content.decode()
    assert (
        "De startbijeenkomst met alle partijen moet uiterlijk 4 december 2026 plaatsvinden." in html
    )
    assert "Startbijeenkomst met alle partijen" in html  # in the deadlines section


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"child_first_name": ""}, "child_first_name", "Vul de voornaam van het kind in."),
        ({"child_birth_date": "2027-01-01"}, "child_birth_date", "Kies een datum van"),
        ({"start_date": "2024-11-20"}, "start_date", "Kies een datum van"),
        ({"start_date": "0001-01-01"}, "start_date", "Kies een datum van"),
        ({"child_first_name": "x" * 101}, "child_first_name", "niet meer dan 100 tekens"),
        ({"legal_frame": "ots"}, "order_kind", "Een OTS of voogdij berust op een beschikking"),
        (
            {"order_kind": "ots", "order_date": "2026-11-01", "order_end_date": "2028-01-01"},
            "order_end_date",
            "Een OTS of MUHP duurt hoogstens een jaar",
        ),
        ({"members-0-email": "geen-adres"}, "members-0-email", "Vul een geldig e-mailadres in"),
        ({"reference": "met spatie"}, "reference", "Gebruik letters, cijfers"),
    ],
)
def test_refusals_are_dutch_and_keep_the_input(
    client, pleegzorgbegeleider, organisation, today, changes, field, message
):
    client.force_login(pleegzorgbegeleider)
    data = form_data(today, provider=str(organisation.pk), **changes)
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[:200]
    # What was typed stays: the other fields, and the refused value itself.
    assert 'value="Kok"' in html and 'value="Familie Jansen"' in html
    value = changes.get(field, "")
    if value and field not in ("legal_frame", "order_kind"):
        assert f'value="{value}"' in html
    assert not Placement.objects.exists()


def test_the_page_asks_whether_it_is_the_same_child(
    client, pleegzorgbegeleider, organisation, today, intake_kwargs
):
    existing = placement_intake(**intake_kwargs)
    client.force_login(pleegzorgbegeleider)
    data = form_data(today, provider=str(organisation.pk))
    html = client.post(URL, data).content.decode()
    assert "De app kent al een kind met deze naam en geboortedatum." in html
    assert existing.reference in html  # her own placement: she may see its reference
    assert Placement.objects.count() == 1
    response = client.post(URL, {**data, "duplicate_choice": f"child:{existing.child_id}"})
    assert response.status_code == 302
    assert Placement.objects.filter(child=existing.child).count() == 2


def test_an_unseen_duplicate_shows_no_reference(client, organisation, today, intake_kwargs):
    from tests.factories import UserFactory

    placement_intake(**intake_kwargs)
    colleague = UserFactory(email="anna@example.org", person_type="pleegzorgbegeleider")
    client.force_login(colleague)
    html = client.post(URL, form_data(today, provider=str(organisation.pk))).content.decode()
    assert "een plaatsing van een andere organisatie" in html
    assert "PZ-2026-" not in html


@pytest.mark.parametrize("who", ["voogd", "foster_parent"])
def test_only_a_pleegzorgbegeleider_or_team_lead_registers(client, request, who, today):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(today)).status_code == 403
    assert not Placement.objects.exists()


def test_a_team_lead_registers_with_another_pleegzorgbegeleider(client, organisation, today):
    from tests.factories import UserFactory

    lead = UserFactory(person_type="professional", organisation=organisation, is_team_lead=True)
    client.force_login(lead)
    data = form_data(
        today,
        provider=str(organisation.pk),
        i_am_pleegzorgbegeleider="",
        **{
            "members-1-role": "pleegzorgbegeleider",
            "members-1-email": "kim@example.org",
            "members-1-full_name": "Kim de Wit",
        },
    )
    assert client.post(URL, data).status_code == 302
    placement = Placement.objects.get()
    invitation = Invitation.objects.get(placement=placement, role="pleegzorgbegeleider")
    assert invitation.email == "kim@example.org"


def test_the_child_joins_from_twelve(client, pleegzorgbegeleider, organisation, today):
    client.force_login(pleegzorgbegeleider)
    data = form_data(
        today,
        provider=str(organisation.pk),
        **{
            "members-1-role": "pleegkind",
            "members-1-email": "daan@example.org",
            "members-1-full_name": "Daan",
        },
    )
    assert "Het kind komt vanaf 12 jaar in het zorgteam." in client.post(URL, data).content.decode()
    older = {**data, "child_birth_date": "2012-01-01"}
    assert client.post(URL, older).status_code == 302
    assert Invitation.objects.filter(placement=Placement.objects.get(), role="pleegkind").exists()
