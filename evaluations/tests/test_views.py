"""Recording events from the placement page, and the deadlines and timeline section."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse

from cases.services import placement_end
from core.models import AuditEvent
from evaluations import forms, rules, services
from evaluations.models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    VisitEvaluation,
    ZorgteamMeeting,
)
from evaluations.section import section_context
from tests.factories import UserFactory
from zorgteam.services import membership_replace

pytestmark = pytest.mark.django_db

D = date


def record_url(placement, event_type):
    return reverse("evaluations:record", args=[placement.reference, event_type])


def message_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


HAPPY = {
    forms.VISIT_EVALUATION: (
        {"date": "2026-11-10", "participants": "Ouders, pleegouders", "outcome": "Blijft zo"},
        "Afgerond: Bezoekregeling evalueren (uiterlijk 1 december 2026). "
        "Volgende: Bezoekregeling evalueren, uiterlijk 10 februari 2027.",
    ),
    forms.PERSPECTIVE_STUDY_START: (
        {"date": "2026-11-01", "note": ""},
        "Afgerond: Perspectiefonderzoek starten (uiterlijk 1 december 2026).",
    ),
    forms.PERSPECTIVE_DECISION: (
        {"date": "18-11-2026", "outcome": "foster_family", "note": "Blijft"},
        "Afgerond: Perspectiefbesluit nemen (uiterlijk 1 juni 2027). "
        "Vervalt: Perspectiefonderzoek starten. "
        "Verschoven: Bezoekregeling evalueren, nu uiterlijk 1 maart 2027.",
    ),
    forms.GUARDIAN_CONTACT: (
        {"date": "2026-11-15", "form": "phone", "with_whom": "Moeder", "note": ""},
        "Afgerond: Contact van de voogd met de ouders (uiterlijk 13 oktober 2026). "
        "Volgende: Contact van de voogd met de ouders, uiterlijk 27 december 2026.",
    ),
    forms.ZORGTEAM_MEETING: (
        {"date": "2026-11-19", "kind": "on_request", "participants": "Team", "notes": ""},
        "Hiermee is geen openstaande termijn afgerond.",
    ),
    forms.COURT_ORDER: (
        {"date": "2026-11-02", "kind": "ots", "end_date": "2027-11-01", "note": ""},
        "Volgende: Zorgteamoverleg na een nieuwe beschikking, uiterlijk 16 november 2026. "
        "Volgende: Besluit over verlenging van de maatregel, uiterlijk 9 augustus 2027.",
    ),
}


@pytest.mark.parametrize("event_type", forms.EVENT_TYPES)
def test_record_each_event_from_the_placement_page(
    client, placement, pleegzorgbegeleider, event_type
):
    client.force_login(pleegzorgbegeleider)
    page = client.get(record_url(placement, event_type))
    assert page.status_code == 200
    assert 'type="date"' in page.content.decode()

    data, expected_message = HAPPY[event_type]
    response = client.post(record_url(placement, event_type), data)
    assert response.status_code == 302
    assert response["Location"] == placement.get_absolute_url()
    message = message_of(response)
    assert message.startswith("Opgeslagen.")
    assert expected_message in message
    audit = AuditEvent.objects.get(
        action="create", placement=placement, source="web", what=f"record {event_type}"
    )
    assert (audit.user, audit.role) == (pleegzorgbegeleider, "pleegzorgbegeleider")
    # The recorded event itself is logged too, as a row of its own model with its id.
    assert AuditEvent.objects.filter(
        action="create", placement=placement, source="web", object_type__startswith="evaluations."
    ).exists()

    # The placement page shows it at once: in the timeline, and the deadlines as they now are.
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Tijdlijn" in html
    assert "Vastgelegd door Sanne de Vries" in html


def test_the_new_deadline_shows_on_the_placement_page(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    client.post(record_url(placement, forms.VISIT_EVALUATION), HAPPY[forms.VISIT_EVALUATION][0])
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Uiterlijk 10 februari 2027" in html
    assert "Termijn afgerond: Bezoekregeling evalueren" in html
    assert "Afgerond door: evaluatie bezoekregeling van 10 november 2026" in html


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        (
            {"date": "2026-11-21", "participants": "Ouders en pleegouders", "outcome": "Getypt"},
            "De datum kan niet in de toekomst liggen.",
        ),
        (
            {"date": "2026-08-01", "participants": "Ouders en pleegouders", "outcome": "Getypt"},
            "De datum kan niet vóór de start van de plaatsing liggen.",
        ),
        (
            {"date": "gisteren", "participants": "Ouders en pleegouders", "outcome": "Getypt"},
            "Voer een geldige datum in.",
        ),
        (
            {"date": "2026-11-10", "participants": "Ouders en pleegouders", "outcome": ""},
            "Dit veld is verplicht.",
        ),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(
    client, placement, pleegzorgbegeleider, data, field_error
):
    client.force_login(pleegzorgbegeleider)
    deadlines = list(Deadline.objects.values_list("pk", "status", "due_date"))
    response = client.post(record_url(placement, forms.VISIT_EVALUATION), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error in html
    assert "Ouders en pleegouders" in html  # what was typed stays
    assert not VisitEvaluation.objects.exists()
    assert list(Deadline.objects.values_list("pk", "status", "due_date")) == deadlines


def test_court_order_ots_needs_an_end_date_within_a_year(client, placement, voogd):
    client.force_login(voogd)
    url = record_url(placement, forms.COURT_ORDER)
    response = client.post(url, {"date": "2026-11-02", "kind": "ots", "end_date": ""})
    assert "Een OTS of MUHP heeft een einddatum." in response.content.decode()
    response = client.post(url, {"date": "2026-11-02", "kind": "muhp", "end_date": "2027-11-03"})
    assert "duurt hoogstens een jaar" in response.content.decode()
    response = client.post(url, {"date": "2026-11-02", "kind": "ots", "end_date": "2026-11-01"})
    assert "De einddatum moet na de datum van de beschikking liggen." in response.content.decode()
    assert not CourtOrder.objects.exists()


def test_court_order_review_closes_the_review_deadline(client, placement, voogd):
    order = services.court_order_record(
        placement=placement, date=D(2026, 11, 2), kind="ots", end_date=D(2027, 2, 1)
    )
    client.force_login(voogd)
    # The generic link (dashboard) goes on to the order whose decision is due first.
    response = client.get(record_url(placement, forms.COURT_ORDER_REVIEW))
    url = reverse("evaluations:court_order_review", args=[placement.reference, order.pk])
    assert response["Location"] == url
    assert "Besluit over verlenging van de maatregel" in client.get(url).content.decode()

    response = client.post(
        url, {"review": "not_extended", "review_date": "2026-11-20", "review_note": "Thuis"}
    )
    assert response.status_code == 302
    assert "Afgerond: Besluit over verlenging van de maatregel" in message_of(response)
    order.refresh_from_db()
    assert (order.review, order.review_recorded_by) == ("not_extended", voogd)
    assert not Deadline.objects.open().filter(kind=rules.COURT_ORDER_REVIEW).exists()


def test_meeting_kind_is_preselected(client, placement, pleegzorgbegeleider, voogd):
    client.force_login(pleegzorgbegeleider)
    url = record_url(placement, forms.ZORGTEAM_MEETING)
    html = client.get(url + "?kind=after_court_order").content.decode()
    assert '<option value="after_court_order" selected>' in html
    membership_replace(
        membership=placement.memberships.get(person=voogd),
        new_person=UserFactory(person_type="voogd"),
        change_date=D(2026, 11, 16),
    )
    # Without ?kind= an open handover makes it a handover meeting: that is what closes it.
    assert '<option value="handover" selected>' in client.get(url).content.decode()


def test_other_family_gets_404_and_nothing_is_saved(client, placement, other_foster_parent):
    client.force_login(other_foster_parent)
    for event_type in forms.EVENT_TYPES:
        assert client.get(record_url(placement, event_type)).status_code == 404
        data = HAPPY[event_type][0]
        assert client.post(record_url(placement, event_type), data).status_code == 404
    order = services.court_order_record(
        placement=placement, date=D(2026, 11, 2), kind="ots", end_date=D(2027, 2, 1)
    )
    url = reverse("evaluations:court_order_review", args=[placement.reference, order.pk])
    assert (
        client.post(url, {"review": "not_extended", "review_date": "2026-11-20"}).status_code == 404
    )
    assert not VisitEvaluation.objects.exists() and not GuardianContact.objects.exists()


def test_a_professional_outside_the_team_gets_404(client, placement):
    client.force_login(UserFactory(person_type="voogd"))
    assert client.get(record_url(placement, forms.GUARDIAN_CONTACT)).status_code == 404


def test_foster_parent_is_sent_to_the_portal_and_cannot_record(client, placement, foster_parent):
    client.force_login(foster_parent)
    url = record_url(placement, forms.GUARDIAN_CONTACT)
    response = client.post(url, HAPPY[forms.GUARDIAN_CONTACT][0])
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:placement", args=[placement.reference])
    assert not GuardianContact.objects.exists()


def test_anonymous_is_sent_to_login(client, placement):
    response = client.get(record_url(placement, forms.VISIT_EVALUATION))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_unknown_event_type_is_404(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    assert client.get(record_url(placement, "birthday-party")).status_code == 404


def test_event_type_for_kind_links_every_kind_but_the_child_joining(placement):
    # The child joins by becoming a member; an explanation is given on the decision's page.
    assert set(forms.EVENT_TYPE_FOR_KIND) == set(rules.KINDS) - {
        rules.CHILD_JOINS_ZORGTEAM,
        rules.DECISION_EXPLANATION,
    }
    for kind in forms.EVENT_TYPE_FOR_KIND:
        url = forms.deadline_action_url(reference=placement.reference, kind=kind)
        assert url.startswith(f"/placements/{placement.reference}/")
    # Every meeting is recorded with its agenda, on the page the collaboration app registers.
    meeting = forms.event_url("R", forms.ZORGTEAM_MEETING)
    assert meeting == "/placements/R/meetings/record/"
    assert forms.deadline_action_url(reference="R", kind="handover") == (f"{meeting}?kind=handover")
    assert forms.deadline_action_url(reference="R", kind="zorgteam_after_court_order").endswith(
        "?kind=after_court_order"
    )
    assert forms.deadline_action_url(reference="R", kind="start_meeting").endswith("?kind=start")
    assert forms.deadline_action_url(reference="R", kind="requested_meeting").endswith(
        "?kind=on_request"
    )
    assert forms.deadline_action_url(reference="R", kind="court_order_review", key="7") == (
        "/placements/R/court-orders/7/review/"
    )
    assert forms.deadline_action_url(reference="R", kind=rules.CHILD_JOINS_ZORGTEAM) is None


def test_section_shows_status_in_words_and_record_links(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    assert 'class="badge text-bg-danger">Te laat</span>' in html
    assert 'class="badge text-bg-warning">Binnenkort</span>' in html
    assert 'class="badge text-bg-success">Gepland</span>' in html
    assert "38 dagen te laat" in html  # guardian contact, due 13 October
    assert "Verantwoordelijk: (Gezins)voogd (Marieke Jansen)" in html
    assert record_url(placement, forms.GUARDIAN_CONTACT) in html
    # No event closes that one: the child joining the team does, through the zorgteam form.
    assert f"/placements/{placement.reference}/zorgteam/add/?role=pleegkind" in html


def test_section_of_an_ended_placement(client, placement, pleegzorgbegeleider):
    placement_end(placement=placement, end_date=D(2026, 11, 20), reason="Terug naar huis")
    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "De plaatsing is beëindigd: er staan geen termijnen meer open." in html
    assert "Termijn vervalt: Contact van de voogd met de ouders" in html


def _record_many(placement, n):
    for i in range(n):
        day = D(2026, 9, 2 + i)
        services.visit_evaluation_record(
            placement=placement, date=day, participants="T", outcome="O"
        )
        services.guardian_contact_record(placement=placement, date=day, form="phone", with_whom="M")
        services.zorgteam_meeting_record(
            placement=placement, date=day, kind=ZorgteamMeeting.Kind.EVALUATION, participants="T"
        )
        services.court_order_record(placement=placement, date=day, kind="other")
    services.perspective_study_start_record(placement=placement, date=D(2026, 10, 1))
    services.perspective_decision_record(
        placement=placement, date=D(2026, 10, 2), outcome="elsewhere"
    )


def test_section_query_count_does_not_grow_with_history(
    rf, placement, other_placement, pleegzorgbegeleider, django_assert_max_num_queries
):
    def measure(p):
        request = rf.get(p.get_absolute_url())
        request.user = pleegzorgbegeleider
        # Ten of its own; the timeline entries the apps above contribute (evaluations.timeline)
        # add a fixed few more.
        with django_assert_max_num_queries(16) as captured:
            context = {"placement": p, **section_context(request, p)}
            html = render_to_string("evaluations/_section.html", context, request=request)
        return html, len(captured)

    from zorgteam.services import membership_add

    # The regie reads the whole file (timeline included) of both placements.
    membership_add(
        placement=other_placement,
        person=pleegzorgbegeleider,
        role="pleegzorgbegeleider",
        start_date=other_placement.start_date,
    )
    services.visit_evaluation_record(
        placement=other_placement, date=D(2026, 9, 1), participants="T", outcome="O"
    )
    # One meeting too: the meeting records (collaboration) are only read once there is one.
    services.zorgteam_meeting_record(
        placement=other_placement,
        date=D(2026, 9, 1),
        kind=ZorgteamMeeting.Kind.EVALUATION,
        participants="T",
    )
    _html, few = measure(other_placement)
    _record_many(placement, 20)
    html, many = measure(placement)
    assert html.count("Evaluatie bezoekregeling</div>") >= 20
    assert many == few
