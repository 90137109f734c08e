"""Changes to a running placement: the variant with a reason, the extension of an OTS or
MUHP, the end with a date and a structured reason (deadlines close, the family's access
ends on the end date, professionals keep reading)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cases.models import Placement, VariantChange
from core.models import AuditEvent
from evaluations import rules
from evaluations.models import CourtOrder, Deadline
from evaluations.services import court_order_record
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = date


def url(name, placement, *args):
    return reverse(f"lifecycle:{name}", args=[placement.reference, *args])


def open_kinds(placement):
    return set(Deadline.objects.open().filter(placement=placement).values_list("kind", flat=True))


@pytest.fixture
def docent(placement):
    teacher = UserFactory(email="juf@example.org", person_type="professional")
    MembershipFactory(placement=placement, person=teacher, role="docent")
    return teacher


# --- Variant --------------------------------------------------------------------------------


def test_change_the_variant_with_a_reason(client, placement, pleegzorgbegeleider, today):
    client.force_login(pleegzorgbegeleider)
    assert client.get(url("variant_change", placement)).status_code == 200
    response = client.post(
        url("variant_change", placement),
        {"variant": "opvoeding", "from_date": "2026-11-20", "reason": "Perspectiefbesluit"},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.variant == "opvoeding"
    change = VariantChange.objects.filter(placement=placement).last()
    assert (change.note, change.recorded_by) == ("Perspectiefbesluit", pleegzorgbegeleider)
    assert AuditEvent.objects.filter(placement=placement, what="variant").exists()
    # The perspective deadlines no longer apply in the opvoedingsvariant.
    assert rules.PERSPECTIVE_DECISION not in open_kinds(placement)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"variant": "hulpverlening", "from_date": "2026-11-20", "reason": "x"}, "al in de"),
        ({"variant": "opvoeding", "from_date": "2026-11-20", "reason": ""}, "Zeg waarom"),
        ({"variant": "opvoeding", "from_date": "2026-08-01", "reason": "x"}, "niet vóór"),
        ({"variant": "opvoeding", "from_date": "2030-01-01", "reason": "x"}, "binnen een jaar"),
        ({"variant": "opvoeding", "from_date": "2026-11-20", "reason": "x" * 301}, "300"),
    ],
)
def test_variant_refusals_keep_the_input(client, placement, pleegzorgbegeleider, data, message):
    client.force_login(pleegzorgbegeleider)
    response = client.post(url("variant_change", placement), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{data["from_date"]}"' in html
    placement.refresh_from_db()
    assert placement.variant == "hulpverlening"


# --- End ------------------------------------------------------------------------------------


def test_ending_early_closes_deadlines_and_the_family_door(
    client, placement, pleegzorgbegeleider, foster_parent, voogd, today
):
    client.force_login(foster_parent)
    assert client.get(reverse("portal:placement", args=[placement.reference])).status_code == 200

    client.force_login(pleegzorgbegeleider)
    response = client.post(
        url("placement_end", placement),
        {"end_date": today.isoformat(), "reason_kind": "foster_family_stops", "reason": "Te zwaar"},
        follow=True,
    )
    assert "De plaatsing is beëindigd op 20 november 2026." in response.content.decode()
    placement.refresh_from_db()
    assert (placement.end_date, placement.end_reason_kind, placement.ended_early) == (
        today,
        "foster_family_stops",
        True,
    )
    assert open_kinds(placement) == set()
    # The professionals keep reading the closed file, with the reason and in the timeline.
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Het pleeggezin stopt (voortijdig)" in html and "Plaatsing beëindigd" in html
    client.force_login(voogd)
    assert client.get(placement.get_absolute_url()).status_code == 200

    # The family: no portal, no meeting request, no placement in their list.
    client.force_login(foster_parent)
    assert client.get(reverse("portal:placement", args=[placement.reference])).status_code == 403
    assert (
        client.post(
            reverse("portal:meeting_request", args=[placement.reference]), {"reason": "Hallo"}
        ).status_code
        == 403
    )
    assert not Placement.objects.visible_to(foster_parent).exists()


def test_a_planned_end_keeps_the_family_and_drops_later_obligations(
    client, placement, pleegzorgbegeleider, foster_parent, today, travel
):
    client.force_login(pleegzorgbegeleider)
    end = D(2027, 1, 15)
    client.post(
        url("placement_end", placement),
        {"end_date": end.isoformat(), "reason_kind": "return_home", "reason": ""},
    )
    kinds = open_kinds(placement)
    # Due before the end (1 Dec): kept. Due after it (the perspective decision in June): not.
    assert rules.VISIT_EVALUATION in kinds and rules.PERSPECTIVE_DECISION not in kinds
    client.force_login(foster_parent)
    assert client.get(reverse("portal:placement", args=[placement.reference])).status_code == 200

    # Taken back: the obligations come back.
    client.force_login(pleegzorgbegeleider)
    client.post(url("placement_end_undo", placement))
    placement.refresh_from_db()
    assert placement.end_date is None and placement.end_reason_kind == ""
    assert rules.PERSPECTIVE_DECISION in open_kinds(placement)

    # Planned again; on the end date the family's access ends.
    client.post(
        url("placement_end", placement),
        {"end_date": end.isoformat(), "reason_kind": "return_home", "reason": ""},
    )
    travel(end - timedelta(days=1))
    assert Placement.objects.visible_to(foster_parent).exists()
    travel(end)
    assert not Placement.objects.visible_to(foster_parent).exists()
    assert Placement.objects.visible_to(pleegzorgbegeleider).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"end_date": "2026-11-20", "reason_kind": "", "reason": ""}, "Kies waarom"),
        ({"end_date": "2026-11-20", "reason_kind": "other_early", "reason": ""}, "Beschrijf"),
        ({"end_date": "2026-08-01", "reason_kind": "return_home", "reason": ""}, "start"),
        ({"end_date": "2099-01-01", "reason_kind": "return_home", "reason": ""}, "binnen een jaar"),
        ({"end_date": "2026-11-20", "reason_kind": "adoption", "reason": "x" * 2001}, "2000"),
    ],
)
def test_end_refusals_keep_the_input(client, placement, pleegzorgbegeleider, data, message):
    client.force_login(pleegzorgbegeleider)
    response = client.post(url("placement_end", placement), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'value="{data["end_date"]}"' in html
    placement.refresh_from_db()
    assert placement.end_date is None


def test_the_end_cannot_precede_what_is_recorded(client, placement, pleegzorgbegeleider):
    court_order_record(placement=placement, date=D(2026, 11, 10), kind="ots")
    client.force_login(pleegzorgbegeleider)
    html = client.post(
        url("placement_end", placement),
        {"end_date": "2026-11-01", "reason_kind": "no_match", "reason": ""},
    ).content.decode()
    assert "Er is iets vastgelegd op 10 november 2026" in html


# --- Court-order extension ------------------------------------------------------------------


def test_extend_an_ots(client, placement, voogd, today):
    order = court_order_record(
        placement=placement, date=D(2026, 9, 1), kind="ots", end_date=D(2027, 9, 1)
    )
    client.force_login(voogd)
    extend = url("court_order_extend", placement, order.pk)
    assert client.get(extend).status_code == 200
    response = client.post(extend, {"date": "2026-11-19", "end_date": "2028-09-01", "note": ""})
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.review, order.review_date) == ("extension_requested", D(2026, 11, 19))
    new = CourtOrder.objects.exclude(pk=order.pk).get(placement=placement)
    assert (new.kind, new.date, new.end_date) == ("ots", D(2026, 11, 19), D(2028, 9, 1))
    assert "Verlenging van de OTS (ondertoezichtstelling) van 1 september 2026." in new.note
    review = Deadline.objects.open().get(placement=placement, kind=rules.COURT_ORDER_REVIEW)
    assert review.key == str(new.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-11-19", "end_date": "2027-08-01"}, "na 1 september 2027"),
        ({"date": "2026-11-19", "end_date": "2028-09-02"}, "hoogstens een jaar"),
        ({"date": "2026-08-01", "end_date": "2028-01-01"}, "niet vóór"),
        ({"date": "2026-11-21", "end_date": "2028-01-01"}, "toekomst"),
    ],
)
def test_extension_refusals(client, placement, voogd, data, message):
    order = court_order_record(
        placement=placement, date=D(2026, 9, 1), kind="ots", end_date=D(2027, 9, 1)
    )
    client.force_login(voogd)
    response = client.post(url("court_order_extend", placement, order.pk), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CourtOrder.objects.count() == 1


def test_an_ots_without_end_date_is_extended_from_its_assumed_end(client, placement, voogd):
    order = CourtOrder.objects.create(placement=placement, date=D(2026, 9, 1), kind="muhp")
    client.force_login(voogd)
    html = client.get(url("court_order_extend", placement, order.pk)).content.decode()
    assert "loopt tot 1 september 2027" in html


# --- Who may -------------------------------------------------------------------------------


def test_other_professionals_read_but_do_not_change(client, placement, docent):
    order = court_order_record(placement=placement, date=D(2026, 9, 1), kind="ots")
    client.force_login(docent)
    for target in (
        url("variant_change", placement),
        url("placement_end", placement),
        url("court_order_extend", placement, order.pk),
    ):
        assert client.get(target).status_code == 403
    assert client.post(url("placement_end_undo", placement)).status_code == 403
    assert "placement-life" not in client.get(placement.get_absolute_url()).content.decode()


def test_the_family_is_sent_to_its_portal_and_the_other_family_gets_404(
    client, placement, foster_parent, other_foster_parent
):
    client.force_login(foster_parent)
    response = client.get(url("placement_end", placement))
    assert response["Location"] == reverse("portal:placement", args=[placement.reference])
    client.force_login(other_foster_parent)
    for name in ("variant_change", "placement_end"):
        assert client.get(url(name, placement)).status_code == 404
        assert client.post(url(name, placement), {}).status_code == 404
    placement.refresh_from_db()
    assert placement.end_date is None
