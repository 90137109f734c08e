"""Recording a zorgteam meeting with the advice's agenda: the start meeting's answers become
the plan's "who does what" and first agreements in one step; every meeting produces notes
shared per audience and, where agreed, agreements in a draft plan."""

from datetime import date

import pytest
from django.urls import reverse

from agreements.models import Agreement, PlanVersion
from agreements.services import plan_version_adopt
from collaboration.models import MeetingRecord
from core.models import AuditEvent
from evaluations import rules
from evaluations.models import Deadline, ZorgteamMeeting
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

D = date


def record_url(placement, kind=""):
    url = reverse("collaboration:meeting_record", args=[placement.reference])
    return f"{url}?kind={kind}" if kind else url


def rows(*agreements):
    data = {
        "agreements-TOTAL_FORMS": str(max(3, len(agreements))),
        "agreements-INITIAL_FORMS": "0",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "30",
    }
    for i in range(max(3, len(agreements))):
        category, text, role = agreements[i] if i < len(agreements) else ("other", "", "")
        data |= {
            f"agreements-{i}-category": category,
            f"agreements-{i}-text": text,
            f"agreements-{i}-owner_role": role,
        }
    return data


def start_meeting_data(placement, **changes):
    members = {m.role: m for m in placement.memberships.all()}
    data = {
        "date": "2026-11-20",
        "kind": "start",
        "participants": "Sanne, Marieke, Familie Visser",
        f"m{members['pleegouder'].pk}_needs": "Dat we op tijd horen wanneer bezoek verschuift.",
        f"m{members['pleegouder'].pk}_expects": "Een vast aanspreekpunt.",
        f"m{members['pleegouder'].pk}_tasks": "Dagelijkse zorg; brengen naar school.",
        f"m{members['voogd'].pk}_tasks": "Neemt de formele besluiten; contact met de ouders.",
        f"m{members['pleegzorgbegeleider'].pk}_tasks": "",
        "start_regie": "Sanne (pleegzorgbegeleider) heeft de regie.",
        "start_decisions": "De voogd besluit over het gezag, na overleg met de pleegouders.",
        "regie_notes": "Vader is niet uitgenodigd (contactverbod).",
        "notes": "Fijn kennisgemaakt. Volgende keer over school.",
        "audiences": ["foster_parents"],
    }
    data |= rows(("school", "Pleegmoeder meldt Daan aan bij de nieuwe school.", "pleegouder"))
    data |= changes
    return data


def test_the_start_meeting_fills_the_draft_plan_in_one_step(
    client, new_placement, pleegzorgbegeleider, today
):
    client.force_login(pleegzorgbegeleider)
    page = client.get(new_placement.get_absolute_url())
    # The deadline links to the meeting page with the start agenda.
    assert record_url(new_placement, "start") in page.content.decode()
    html = client.get(record_url(new_placement, "start")).content.decode()
    assert "Agenda van de startbijeenkomst" in html
    assert "Wat heb je van de anderen nodig om jouw deel te kunnen doen?" in html
    assert "Wie neemt de regie? (rollen, taken, bevoegdheden)" in html

    response = client.post(record_url(new_placement, "start"), start_meeting_data(new_placement))
    draft = PlanVersion.objects.get(placement=new_placement)
    assert response["Location"] == reverse(
        "agreements:version_detail", args=[new_placement.reference, 1]
    )
    assert draft.is_draft and draft.number == 1
    roles = draft.agreements.filter(category=Agreement.Category.ROLES)
    assert {(a.owner_role, a.text) for a in roles} == {
        ("pleegouder", "Dagelijkse zorg; brengen naar school."),
        ("voogd", "Neemt de formele besluiten; contact met de ouders."),
        ("pleegzorgbegeleider", "Sanne (pleegzorgbegeleider) heeft de regie."),
        ("voogd", "De voogd besluit over het gezag, na overleg met de pleegouders."),
    }
    assert roles.get(owner_role="pleegouder", owner_person__isnull=False)
    assert draft.agreements.get(category="school").owner_role == "pleegouder"

    meeting = ZorgteamMeeting.objects.get(placement=new_placement)
    record = MeetingRecord.objects.get(meeting=meeting)
    assert meeting.kind == "start" and record.agreements_added == 5
    labels = [(item["label"], item["who"]) for item in record.agenda]
    assert ("Wat verwacht je van de anderen?", "Familie Visser (Pleegouder)") in labels
    assert record.agenda[-1]["q"] == "decisions"
    start = Deadline.objects.get(placement=new_placement, kind=rules.START_MEETING)
    assert (start.status, start.closed_on) == ("done", today)
    assert AuditEvent.objects.filter(what="record zorgteam meeting with agenda").exists()

    # The team adopts it as version 1: the family reads who does what in the portal.
    plan_version_adopt(
        version=draft, adopted_on=today, adopted_by=pleegzorgbegeleider, notify_team=False
    )


def test_adopted_start_plan_shows_who_does_what_to_the_family(
    client, new_placement, pleegzorgbegeleider, foster_parent, today
):
    client.force_login(pleegzorgbegeleider)
    client.post(record_url(new_placement, "start"), start_meeting_data(new_placement))
    plan_version_adopt(
        version=PlanVersion.objects.get(placement=new_placement),
        adopted_on=today,
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    client.force_login(foster_parent)
    html = client.get(reverse("portal:placement", args=[new_placement.reference])).content.decode()
    assert "Wie doet wat (rollen, taken en beslissingen)" in html
    assert "Dagelijkse zorg; brengen naar school." in html
    # Shared notes reach the foster parents; the professionals' notes never do.
    assert "Fijn kennisgemaakt. Volgende keer over school." in html
    assert "contactverbod" not in html


def test_a_later_meeting_has_the_standard_agenda_and_adds_to_a_new_draft(
    client, placement, pleegzorgbegeleider, today
):
    build_plan(placement, pleegzorgbegeleider, adopted_on=D(2026, 10, 1))
    client.force_login(pleegzorgbegeleider)
    html = client.get(record_url(placement, "evaluation")).content.decode()
    assert "Hoe gaat het met ons: de samenwerking?" in html
    data = {
        "date": "2026-11-19",
        "kind": "evaluation",
        "participants": "Team",
        "std_how_child": "Noor slaapt beter.",
        "std_can_be_better": "Overdracht na het bezoek.",
        "next_evaluation": "2027-02-19",
        "notes": "",
        **rows(("contact_parents", "Na elk bezoek belt de moeder even.", "ouder")),
    }
    response = client.post(record_url(placement), data)
    assert response.status_code == 302
    draft = PlanVersion.objects.get(placement=placement, status="draft")
    assert draft.number == 2 and draft.based_on.number == 1
    # A copy of version 1 plus the new agreement.
    assert draft.agreements.count() == 4
    assert draft.agreements.filter(text="Na elk bezoek belt de moeder even.").exists()
    record = MeetingRecord.objects.get()
    assert [item["q"] for item in record.agenda] == ["how_child", "can_be_better"]
    assert record.next_evaluation == D(2027, 2, 19)


def test_a_meeting_without_agreements_touches_no_plan(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    response = client.post(
        record_url(placement),
        {"date": "2026-11-19", "kind": "evaluation", "participants": "Team", **rows()},
    )
    assert response["Location"] == placement.get_absolute_url()
    assert not PlanVersion.objects.filter(placement=placement).exists()
    assert MeetingRecord.objects.get().agreements_added == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2026-11-21"}, "De datum kan niet in de toekomst liggen."),
        ({"date": "2026-08-01"}, "De datum kan niet vóór de start van de plaatsing liggen."),
        ({"participants": ""}, "Vul dit veld in."),
        ({"participants": "x" * 1001}, "Hoogstens 1000 tekens"),
        ({"start_regie": "x" * 2001}, "Hoogstens 2000 tekens"),
        ({"agreements-0-owner_role": ""}, "Zeg wie deze afspraak uitvoert."),
        ({"next_evaluation": "2026-11-01"}, "De volgende evaluatie kan niet vóór dit overleg"),
    ],
)
def test_refusals_save_nothing_and_keep_the_input(
    client, new_placement, pleegzorgbegeleider, changes, message
):
    client.force_login(pleegzorgbegeleider)
    response = client.post(
        record_url(new_placement, "start"), start_meeting_data(new_placement, **changes)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Een vast aanspreekpunt." in html and "Pleegmoeder meldt Daan aan" in html
    assert not ZorgteamMeeting.objects.exists()
    assert PlanVersion.objects.get(placement=new_placement).agreements.count() == 0


def test_shared_notes_follow_the_audiences(
    client, placement, pleegzorgbegeleider, foster_parent, parent
):
    client.force_login(pleegzorgbegeleider)
    client.post(
        record_url(placement),
        {
            "date": "2026-11-19",
            "kind": "evaluation",
            "participants": "Team",
            "notes": "Alleen voor de pleegouders bedoeld.",
            "audiences": ["foster_parents"],
            **rows(),
        },
    )
    client.force_login(foster_parent)
    portal = reverse("portal:placement", args=[placement.reference])
    assert "Alleen voor de pleegouders bedoeld." in client.get(portal).content.decode()
    client.force_login(parent)
    assert "Alleen voor de pleegouders bedoeld." not in client.get(portal).content.decode()


def test_the_meeting_detail_shows_the_agenda(client, new_placement, pleegzorgbegeleider, voogd):
    client.force_login(pleegzorgbegeleider)
    client.post(record_url(new_placement, "start"), start_meeting_data(new_placement))
    meeting = ZorgteamMeeting.objects.get()
    client.force_login(voogd)
    detail = reverse("collaboration:meeting_detail", args=[new_placement.reference, meeting.pk])
    html = client.get(detail).content.decode()
    assert "Een vast aanspreekpunt." in html and "Familie Visser" in html
    # The timeline links to it.
    assert detail in client.get(new_placement.get_absolute_url()).content.decode()


def test_who_may_record(client, placement, docent, foster_parent, other_foster_parent, voogd):
    url = record_url(placement)
    client.force_login(docent)
    assert client.get(url).status_code == 403
    client.force_login(voogd)
    assert client.get(url).status_code == 200
    client.force_login(foster_parent)
    assert client.get(url)["Location"] == reverse("portal:placement", args=[placement.reference])
    client.force_login(other_foster_parent)
    assert client.get(url).status_code == 404
    assert client.post(url, {"date": "2026-11-19", "kind": "evaluation"}).status_code == 404
    assert not ZorgteamMeeting.objects.exists()


def test_the_placement_page_links_meetings_to_the_agenda_page(
    client, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    assert record_url(placement) in html
    assert reverse("evaluations:record", args=[placement.reference, "zorgteam-meeting"]) not in html
