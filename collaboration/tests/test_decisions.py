"""Decisions with the people they concern (advice 2): the log, the family's portal, and
"more explanation" with one button that reaches the decider within 2 weeks."""

from datetime import date

import pytest
from django.urls import reverse

from collaboration.models import Decision, ExplanationRequest
from collaboration.services import decision_record, explanation_request_create
from evaluations import rules
from evaluations.models import Deadline

pytestmark = pytest.mark.django_db

D = date


def add_url(placement):
    return reverse("collaboration:decision_add", args=[placement.reference])


def decided(placement, voogd, **changes):
    """A decision by the voogd, recorded through the service."""
    values = {
        "date": D(2026, 11, 18),
        "subject": "Besluit",
        "decision": "D",
        "consulted": "C",
        "foster_parents_view": "V",
        "explanation": "E",
    }
    return decision_record(
        placement=placement,
        decided_by=voogd,
        decided_by_role="voogd",
        recorded_by=voogd,
        **(values | changes),
    )


def form(voogd, **changes):
    return {
        "date": "2026-11-18",
        "decided_by": f"{voogd.pk}:voogd",
        "subject": "Weekendbezoek bij moeder stopt voorlopig",
        "decision": "Tot de evaluatie in februari geen weekendbezoek.",
        "consulted": "De pleegouders op 12 november, de moeder op 14 november.",
        "foster_parents_view": "Noor slaapt slecht na elk weekend; we willen rust.",
        "explanation": "Noor heeft rust nodig; het contact gaat door als dagbezoek.",
        "audiences": ["foster_parents"],
        **changes,
    }


def test_the_voogd_records_a_decision_the_family_reads(
    client, placement, voogd, foster_parent, parent
):
    client.force_login(voogd)
    assert client.get(add_url(placement)).status_code == 200
    response = client.post(add_url(placement), form(voogd), follow=True)
    decision = Decision.objects.get()
    assert (decision.decided_by, decision.decided_by_role, decision.recorded_by) == (
        voogd,
        "voogd",
        voogd,
    )
    assert "De regie en: pleegouders" in response.content.decode()

    client.force_login(foster_parent)
    portal = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert "Weekendbezoek bij moeder stopt voorlopig" in portal
    page = reverse("collaboration_portal:decision", args=[placement.reference, decision.pk])
    html = client.get(page).content.decode()
    assert "Noor slaapt slecht na elk weekend; we willen rust." in html
    assert "Ik wil meer uitleg" in html

    # Not shared with the parents: not listed, and its page does not exist for them.
    client.force_login(parent)
    portal = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert "Weekendbezoek" not in portal
    assert client.get(page).status_code == 404


def test_under_a_confidential_address_the_parents_read_the_decision_without_the_foster_family(
    client, placement, voogd, foster_parent, parent
):
    placement.foster_family_confidential = True
    placement.save(update_fields=["foster_family_confidential"])
    client.force_login(voogd)
    client.post(add_url(placement), form(voogd, audiences=["foster_parents", "parents"]))
    decision = Decision.objects.get()
    page = reverse("collaboration_portal:decision", args=[placement.reference, decision.pk])

    client.force_login(parent)
    html = client.get(page).content.decode()
    assert "Noor heeft rust nodig" in html
    assert "De pleegouders op 12 november" not in html
    assert "Noor slaapt slecht na elk weekend" not in html

    client.force_login(foster_parent)
    html = client.get(page).content.decode()
    assert "De pleegouders op 12 november" in html
    assert "Noor slaapt slecht na elk weekend" in html


def test_one_button_asks_the_decider_who_answers_within_two_weeks(
    client,
    placement,
    voogd,
    foster_parent,
    pleegzorgbegeleider,
    mailoutbox,
    django_capture_on_commit_callbacks,
    today,
):
    decision = decided(
        placement,
        voogd,
        subject="Geen weekendbezoek",
        decision="Voorlopig niet.",
        consulted="Pleegouders",
        foster_parents_view="Rust graag",
        explanation="Rust voor Noor.",
    )
    client.force_login(foster_parent)
    ask = reverse("collaboration_portal:ask_explanation", args=[placement.reference, decision.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask, {"question": ""}, follow=True)
    assert (
        "Je vraag is verstuurd naar Marieke Jansen. Je krijgt uiterlijk 4 december 2026 antwoord."
        in response.content.decode()
    )
    question = ExplanationRequest.objects.get()
    deadline = Deadline.objects.open().get(kind=rules.DECISION_EXPLANATION)
    assert (deadline.key, deadline.due_date, deadline.responsible_role) == (
        str(question.pk),
        D(2026, 12, 4),
        "voogd",
    )
    [mail] = mailoutbox
    assert mail.to == ["marieke@example.org"]
    assert "4 december 2026" in mail.body and "Rust voor Noor" not in mail.body
    # Twice is once.
    client.post(ask, {"question": ""})
    assert ExplanationRequest.objects.count() == 1

    # The decider answers on the decision's page; the deadline closes; the family reads it.
    client.force_login(voogd)
    detail = reverse("collaboration:decision_detail", args=[placement.reference, decision.pk])
    assert (
        "Familie Visser vroeg op 20 november 2026 om meer uitleg"
        in client.get(detail).content.decode()
    )
    answer = reverse(
        "collaboration:explanation_answer", args=[placement.reference, decision.pk, question.pk]
    )
    refused = client.post(answer, {f"q{question.pk}-answer": "Kort"})
    assert refused.status_code == 400
    assert "minstens 10 tekens" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer, {f"q{question.pk}-answer": "Na de evaluatie kijken we opnieuw."})
    deadline.refresh_from_db()
    assert (deadline.status, deadline.closed_by) == ("done", question)
    assert mailoutbox[-1].to == ["visser@example.org"]
    client.force_login(foster_parent)
    page = reverse("collaboration_portal:decision", args=[placement.reference, decision.pk])
    assert "Na de evaluatie kijken we opnieuw." in client.get(page).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"foster_parents_view": ""}, "Vul dit veld in."),
        ({"subject": "x" * 201}, "niet meer dan 200 tekens"),
        ({"explanation": "x" * 4001}, "Hoogstens 4000 tekens"),
        ({"date": "2026-11-21"}, "De datum kan niet in de toekomst liggen."),
        ({"date": "2026-08-31"}, "De datum kan niet vóór de start van de plaatsing liggen."),
        ({"decided_by": "999:voogd"}, "Selecteer een geldige keuze"),
    ],
)
def test_refusals_keep_the_input(client, placement, voogd, changes, message):
    client.force_login(voogd)
    response = client.post(add_url(placement), form(voogd, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "De pleegouders op 12 november, de moeder op 14 november." in html
    assert not Decision.objects.exists()


def test_who_may(client, placement, docent, foster_parent, other_foster_parent, voogd):
    decision = decided(placement, voogd)
    detail = reverse("collaboration:decision_detail", args=[placement.reference, decision.pk])
    client.force_login(docent)
    # Other professionals read names, roles and what is shared with them, not the decision
    # log (DOMAIN.md, zorgteam.access).
    assert client.get(detail).status_code == 403
    page = client.get(placement.get_absolute_url()).content.decode()
    assert 'id="collab-heading"' not in page and detail not in page
    assert client.get(add_url(placement)).status_code == 403
    client.force_login(foster_parent)
    assert client.get(add_url(placement))["Location"] == reverse(
        "portal:placement", args=[placement.reference]
    )
    client.force_login(other_foster_parent)
    portal_page = reverse("collaboration_portal:decision", args=[placement.reference, decision.pk])
    ask = reverse("collaboration_portal:ask_explanation", args=[placement.reference, decision.pk])
    assert client.get(portal_page).status_code == 404
    assert client.post(ask).status_code == 404
    assert client.get(detail).status_code == 404
    assert not ExplanationRequest.objects.exists()


def test_an_ended_placement_takes_no_questions(placement, voogd, foster_parent):
    from cases.services import placement_end

    decision = decided(placement, voogd)
    placement_end(placement=placement, end_date=D(2026, 11, 19), reason="", reason_kind="no_match")
    with pytest.raises(Exception, match="beëindigd"):
        explanation_request_create(decision=decision, requested_by=foster_parent)
