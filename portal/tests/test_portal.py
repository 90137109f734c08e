"""The foster parents' portal: goals, agreements by category, "changed since your last
visit", "gezien", the team, upcoming meetings, and asking for a zorgteam meeting."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from agreements import services
from agreements.models import MeetingRequest
from agreements.notifications import meeting_request_notify
from agreements.services import meeting_request_create
from tests.factories import GOAL, SHARED, VISITS

pytestmark = pytest.mark.django_db


def _portal(placement):
    return reverse("portal:placement", args=[placement.reference])


def test_portal_shows_goals_agreements_by_category_and_the_team(
    client, plan, placement, foster_parent
):
    client.force_login(foster_parent)
    html = client.get(_portal(placement)).content.decode()
    assert GOAL in html and "vóór 1 maart 2027" in html
    # Categories as headings, the bezoekregeling as structured facts.
    assert html.index("School") < html.index(SHARED)
    assert "Contact met de ouders (bezoekregeling)" in html
    assert "Elke twee weken" in html and "Begeleid bezoek, Kantoor Pleegzorg Voorbeeldstad" in html
    assert "90 minuten" in html
    # Wie doet wat, and how to reach each member.
    assert "Wie vraag je wat" in html
    assert "Regie; eerste aanspreekpunt" in html and "mailto:sanne@example.org" in html


def test_marking_agreements_seen(client, plan, placement, foster_parent, pleegzorgbegeleider):
    client.force_login(foster_parent)
    shared = plan.agreements.get(text=SHARED)
    response = client.post(reverse("portal:agreement_seen", args=[placement.reference, shared.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#agreement-{shared.pk}")
    html = client.get(_portal(placement)).content.decode()
    assert html.count("Markeer als gezien") == 1
    assert "✓</span> Gezien" in html

    client.post(reverse("portal:agreements_seen_all", args=[placement.reference]))
    assert "Markeer als gezien" not in client.get(_portal(placement)).content.decode()

    # The pleegzorgbegeleider sees who has read the current version.
    client.force_login(pleegzorgbegeleider)
    html = client.get(
        reverse("agreements:version_detail", args=[placement.reference, 1])
    ).content.decode()
    assert "2 van 2 gedeelde afspraken gezien" in html
    assert "Gezien door:" in html and "Familie Visser (2 november)" in html


def test_changed_since_last_visit(
    plan, placement, pleegzorgbegeleider, foster_parent, time_machine
):
    first_session = Client()
    first_session.force_login(foster_parent)
    html = first_session.get(_portal(placement)).content.decode()
    assert "sinds je vorige bezoek" not in html  # the first visit has no "since"

    time_machine.move_to("2026-11-09 10:00:00+01:00", tick=False)
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_update(
        agreement=draft.agreements.get(text=VISITS),
        changed_by=pleegzorgbegeleider,
        visit_duration_minutes=120,
    )
    services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 9),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )

    time_machine.move_to("2026-11-10 19:00:00+01:00", tick=False)
    second_session = Client()
    second_session.force_login(foster_parent)
    response = second_session.get(_portal(placement))
    html = response.content.decode()
    assert "1 afspraak is nieuw of gewijzigd sinds je vorige bezoek." in html
    changed = draft.agreements.get(text=VISITS)
    assert response.context["changed"] == {changed.key}
    assert "120 minuten" in html
    # Reloading in the same session keeps the mark; marking it seen does not remove it either.
    second_session.post(reverse("portal:agreement_seen", args=[placement.reference, changed.pk]))
    assert response.context["changed"] == second_session.get(_portal(placement)).context["changed"]

    time_machine.move_to("2026-11-12 08:00:00+01:00", tick=False)
    third_session = Client()
    third_session.force_login(foster_parent)
    assert third_session.get(_portal(placement)).context["changed"] == set()


def test_upcoming_visit_evaluation_shows_its_due_date_only(client, plan, placement, foster_parent):
    from evaluations.models import Deadline

    deadline = Deadline.objects.open().get(placement=placement, kind="visit_evaluation")
    client.force_login(foster_parent)
    html = client.get(_portal(placement)).content.decode()
    assert "Het zorgteam evalueert de bezoekregeling (uiterlijk op deze datum)" in html
    from django.utils import formats

    assert formats.date_format(deadline.due_date, "l j F Y") in html


def test_no_plan_yet(client, placement, foster_parent):
    client.force_login(foster_parent)
    html = client.get(_portal(placement)).content.decode()
    assert "Het zorgteam heeft nog geen hulpverleningsplan vastgesteld." in html
    assert client.get(reverse("portal:print", args=[placement.reference])).status_code == 404


# --- Asking for a zorgteam meeting ----------------------------------------------------------


def test_empty_reason_is_refused(client, plan, placement, foster_parent, mailoutbox):
    client.force_login(foster_parent)
    response = client.post(
        reverse("portal:meeting_request", args=[placement.reference]), {"reason": "   "}
    )
    assert (
        "Laat het team weten waarom je een overleg wilt: de reden mag niet leeg zijn."
        in response.content.decode()
    )
    assert not MeetingRequest.objects.exists()
    assert mailoutbox == []


def test_foster_parent_asks_for_a_meeting_and_the_pleegzorgbegeleider_is_told(
    client,
    plan,
    placement,
    foster_parent,
    pleegzorgbegeleider,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(foster_parent)
    form = client.get(
        reverse("portal:meeting_request", args=[placement.reference])
    ).content.decode()
    assert "Je aanvraag gaat naar: Sanne de Vries." in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:meeting_request", args=[placement.reference]),
            {"reason": "De bezoeken aan moeder maken Noor erg onrustig."},
            follow=True,
        )
    html = response.content.decode()
    assert "Je aanvraag is verstuurd." in html
    assert "De pleegzorgbegeleider heeft je aanvraag en plant het overleg." in html

    [email] = mailoutbox
    assert email.to == ["sanne@example.org"]
    assert email.subject == "Familie Visser vraagt een zorgteamoverleg aan over Noor (PL-TEST-1)"
    assert "De bezoeken aan moeder maken Noor erg onrustig." in email.body
    assert "http://localhost:8000/placements/PL-TEST-1/" in email.body
    html_body, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "Open de plaatsing" in html_body
    assert MeetingRequest.objects.get().emailed_at is not None

    # The in-app notice on her placement page, with the actions.
    client.force_login(pleegzorgbegeleider)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "Familie Visser vraagt een zorgteamoverleg aan" in page
    assert "De bezoeken aan moeder maken Noor erg onrustig." in page
    assert "Overleg plannen" in page


def test_the_email_goes_out_once(
    plan, placement, foster_parent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = meeting_request_create(
            placement=placement, requested_by=foster_parent, reason="Graag overleg"
        )
    assert meeting_request_notify(meeting_request_id=request.pk) == 0  # already claimed
    assert len(mailoutbox) == 1


def test_without_a_pleegzorgbegeleider_the_voogd_is_told(
    plan,
    placement,
    foster_parent,
    pleegzorgbegeleider,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from zorgteam.services import membership_end

    membership_end(
        membership=placement.memberships.get(person=pleegzorgbegeleider),
        end_date=date(2026, 10, 31),
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting_request_create(
            placement=placement, requested_by=foster_parent, reason="Graag overleg"
        )
    assert [m.to for m in mailoutbox] == [["marieke@example.org"]]


def test_the_voogd_may_ask_too(
    client, plan, placement, voogd, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(voogd)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("agreements:meeting_request_add", args=[placement.reference]),
            {"reason": "Nieuwe beschikking"},
        )
    assert MeetingRequest.objects.get().requested_by == voogd
    assert [m.to for m in mailoutbox] == [["sanne@example.org"]]


def test_planning_the_meeting_shows_the_date_in_the_portal(
    client, plan, placement, foster_parent, voogd, pleegzorgbegeleider
):
    own = meeting_request_create(
        placement=placement, requested_by=foster_parent, reason="Onrust na bezoek"
    )
    meeting_request_create(
        placement=placement, requested_by=voogd, reason="Vertrouwelijk: strafzaak vader"
    )
    client.force_login(pleegzorgbegeleider)
    planned_on = date(2026, 11, 2) + timedelta(days=10)
    client.post(
        reverse("agreements:meeting_request_handle", args=[placement.reference, own.pk]),
        {"action": "plan", "planned_on": planned_on.isoformat(), "response": "Bij ons op kantoor"},
    )
    own.refresh_from_db()
    assert (own.status, own.planned_on, own.handled_by) == (
        "planned",
        planned_on,
        pleegzorgbegeleider,
    )

    client.force_login(foster_parent)
    html = client.get(_portal(placement)).content.decode()
    assert "Gepland op 12 november 2026." in html and "Bij ons op kantoor" in html
    assert "donderdag 12 november 2026" in html
    assert "Vertrouwelijk: strafzaak vader" not in html  # someone else's reason stays with them


def test_planning_needs_a_date(client, plan, placement, foster_parent, pleegzorgbegeleider):
    request = meeting_request_create(
        placement=placement, requested_by=foster_parent, reason="Graag"
    )
    client.force_login(pleegzorgbegeleider)
    response = client.post(
        reverse("agreements:meeting_request_handle", args=[placement.reference, request.pk]),
        {"action": "plan", "planned_on": ""},
        follow=True,
    )
    assert "Vul de datum van het overleg in." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"


def test_a_foster_parent_cannot_handle_requests(client, plan, placement, foster_parent):
    request = meeting_request_create(
        placement=placement, requested_by=foster_parent, reason="Graag"
    )
    client.force_login(foster_parent)
    client.post(
        reverse("agreements:meeting_request_handle", args=[placement.reference, request.pk]),
        {"action": "close"},
    )
    request.refresh_from_db()
    assert request.status == "open"


def test_portal_query_count_does_not_grow_with_the_plan(
    client, plan, placement, pleegzorgbegeleider, foster_parent, django_assert_max_num_queries
):
    client.force_login(foster_parent)
    url = _portal(placement)
    client.get(url)  # the first visit of a session records the visit baseline
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    for n in range(20):
        services.agreement_add(
            version=draft,
            changed_by=pleegzorgbegeleider,
            category="other",
            text=f"Extra afspraak {n}",
            owner_role="pleegouder",
        )
    services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 2),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["agreement_count"] == 22


def test_a_reload_reads_the_team_once_and_only_updates_the_visit(
    client, plan, placement, foster_parent, django_assert_max_num_queries
):
    """The reader's roles come from the team the page shows; a reload in the same session
    moves the visit's time on with one UPDATE (the previous visit is fixed per session)."""
    client.force_login(foster_parent)
    url = _portal(placement)
    client.get(url)
    with django_assert_max_num_queries(30) as reload:
        assert client.get(url).status_code == 200
    sqls = [q["sql"] for q in reload.captured_queries]
    team = [s for s in sqls if s.startswith('SELECT "zorgteam_membership".')]
    visits = [s for s in sqls if '"agreements_portalvisit"' in s]
    assert len(team) == 1
    assert len(visits) == 1 and visits[0].startswith("UPDATE")


def test_a_reload_costs_one_query_per_kind_of_item(
    client, plan, placement, foster_parent, django_assert_num_queries
):
    """What a reload pays: the session and the person, the placement (visible_to) and its
    team, the plan version, its agreements and goals and what was seen of them, the visit's
    UPDATE, the visit evaluations, the meeting requests, the perspective decisions, the
    meeting notes, the staff-change notices, the decision log and the access log's INSERT."""
    client.force_login(foster_parent)
    url = _portal(placement)
    client.get(url)
    with django_assert_num_queries(16):
        assert client.get(url).status_code == 200
