"""The pleegzorgbegeleider's journey in a real Chromium, end to end.

She logs in, sees an overdue visit evaluation in red on her caseload, opens the placement,
records the evaluation through the form, and sees the deadline turn green with the next
due date. Screenshots of the dashboard and the placement page, laptop and phone, go to /tmp.
The data is relative to the real today: a frozen server clock would hand Chromium session
cookies that expire in its past.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.services import placement_create
from evaluations import services as events
from evaluations.formatting import short_date
from evaluations.rules import add_months
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
RED = "rgb(176, 42, 55)"
GREEN = "rgb(25, 135, 84)"


def _placement(reference, first_name, last_name, start, pbg, voogd, family, **kwargs):
    p = placement_create(
        reference=reference,
        child_first_name=first_name,
        child_last_name=last_name,
        child_birth_date=add_months(start, -12 * 6),
        start_date=start,
        **kwargs,
    )
    for person, role in ((pbg, "pleegzorgbegeleider"), (voogd, "voogd"), (family, "pleegouder")):
        membership_add(placement=p, person=person, role=role, start_date=start)
    return p


@pytest.fixture
def caseload(pleegzorgbegeleider, voogd, foster_parent, organisation):
    """Three placements: one with only its visit evaluation overdue, one due soon, one calm."""
    today = timezone.localdate()
    start = add_months(today, -4)
    overdue = _placement(
        "PL-2026-014",
        "Noor",
        "Bakker",
        start,
        pleegzorgbegeleider,
        voogd,
        foster_parent,
        provider=organisation,
        legal_frame="ots",
    )
    events.guardian_contact_record(
        placement=overdue, date=today - timedelta(days=10), form="phone", with_whom="Moeder"
    )
    events.perspective_study_start_record(placement=overdue, date=add_months(start, 2))

    joost = UserFactory(full_name="Joost Bakker", person_type="voogd")
    soon = _placement(
        "PL-2026-021",
        "Daan",
        "de Wit",
        add_months(today + timedelta(days=5), -3),
        pleegzorgbegeleider,
        joost,
        UserFactory(full_name="Familie Smit"),
        provider=organisation,
    )
    events.guardian_contact_record(
        placement=soon, date=today - timedelta(days=3), form="video", with_whom="Vader"
    )
    calm = _placement(
        "PL-2025-087",
        "Liam",
        "Jansen",
        add_months(today, -20),
        pleegzorgbegeleider,
        voogd,
        UserFactory(full_name="Familie Mulder"),
        provider=organisation,
        variant="opvoeding",
    )
    events.visit_evaluation_record(
        placement=calm,
        date=today - timedelta(days=30),
        participants="Zorgteam",
        outcome="Bezoek blijft eens per maand",
    )
    events.guardian_contact_record(
        placement=calm, date=today - timedelta(days=7), form="home_visit", with_whom="Beide ouders"
    )
    return overdue


def _visit_item(page, reference):
    row = page.get_by_role("row").filter(has_text=reference)
    return row.get_by_role("listitem").filter(has_text="Bezoekregeling evalueren")


def _dot_colour(item):
    return item.locator(".light-dot").evaluate("el => getComputedStyle(el).backgroundColor")


def test_overdue_visit_evaluation_turns_green_once_recorded(
    browser_ready, page, login, live_server, caseload, pleegzorgbegeleider
):
    today = timezone.localdate()
    page.set_viewport_size(LAPTOP)
    login(page, pleegzorgbegeleider)

    # The caseload: the overdue visit evaluation is red, in words as well as colour.
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    item = _visit_item(page, caseload.reference)
    expect(item).to_contain_text("Te laat")
    expect(item).to_contain_text("dagen te laat")
    assert _dot_colour(item) == RED
    # Most urgent first: the red placement heads the list.
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text(caseload.reference)
    # "This week" offers to record it in one click.
    week = page.get_by_role("region", name="Deze week")
    expect(
        week.get_by_role("link", name="Vastleggen Bezoekregeling evalueren, Noor")
    ).to_be_visible()
    page.screenshot(path="/tmp/dashboard-1366.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/dashboard-390.png", full_page=True)
    page.set_viewport_size(LAPTOP)

    # Open the placement.
    page.get_by_role("link", name=f"Noor Bakker {caseload.reference}").click()
    expect(page.get_by_role("heading", name="Noor Bakker")).to_be_visible()
    expect(page.get_by_role("heading", name="Zorgteam")).to_be_visible()
    page.screenshot(path="/tmp/placement-1366.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/placement-390.png", full_page=True)
    page.set_viewport_size(LAPTOP)

    # Record the evaluation through the form.
    page.get_by_role("link", name="Vastleggen Bezoekregeling evalueren").first.click()
    expect(page.get_by_label("Datum")).to_have_value(today.isoformat())
    page.get_by_label("Deelnemers").fill("Pleegouders, moeder, voogd, pleegzorgbegeleider")
    page.get_by_label("Uitkomst").fill("Bezoek blijft om de week, voortaan op zaterdag.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Opgeslagen")

    # Back on the caseload: green, with the next due date three months on.
    page.get_by_role("link", name="Caseload").first.click()
    item = _visit_item(page, caseload.reference)
    expect(item).to_contain_text("Gepland")
    expect(item).to_contain_text(short_date(add_months(today, 3)))
    assert _dot_colour(item) == GREEN
    expect(page.get_by_role("region", name="Deze week")).not_to_contain_text(caseload.reference)


def test_calendar_page_copies_and_revokes_the_address(
    browser_ready, page, login, live_server, pleegzorgbegeleider
):
    old = pleegzorgbegeleider.calendar_token
    page.set_viewport_size(PHONE)
    login(page, pleegzorgbegeleider)
    page.get_by_role("link", name="Agenda-koppeling").click()
    address = page.get_by_label("Je geheime agenda-adres")
    expect(address).to_have_value(f"{live_server.url}/dashboard/calendar/{old}.ics")
    page.get_by_role("button", name="Kopiëren").click()
    expect(page.get_by_role("status")).to_have_text("Gekopieerd")
    page.screenshot(path="/tmp/calendar-390.png", full_page=True)

    page.get_by_role("button", name="Dit adres intrekken en een nieuw maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Het oude agenda-adres werkt niet meer")
    pleegzorgbegeleider.refresh_from_db()
    assert pleegzorgbegeleider.calendar_token != old
    expect(address).to_have_value(
        f"{live_server.url}/dashboard/calendar/{pleegzorgbegeleider.calendar_token}.ics"
    )
    assert page.request.get(f"{live_server.url}/dashboard/calendar/{old}.ics").status == 404
