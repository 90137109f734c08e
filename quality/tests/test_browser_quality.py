"""The team lead's journey in a real Chromium.

She opens the quality page from the navigation, finds the worst professional at the top of
the table per professional, follows that person's late visit evaluations to the list and on
to the placement; the page with its charts passes the axe check at laptop and phone widths.
The history is recorded through the services on the real clock (the engine closes each
deadline on the date of the event), as the dashboard's browser tests do.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.services import placement_create
from dashboard.tests.test_browser_accessibility import serious_violations
from evaluations import services as events
from evaluations.rules import add_months
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _placement(reference, name, start, pbg, voogd, organisation, *, evaluation_delay):
    """Four months in: guardian contacts and the study on time; the first visit evaluation
    (due after three months) recorded `evaluation_delay` days after its due date."""
    p = placement_create(
        reference=reference,
        child_first_name=name,
        child_birth_date=add_months(start, -12 * 3),
        start_date=start,
        provider=organisation,
    )
    membership_add(placement=p, person=pbg, role="pleegzorgbegeleider", start_date=start)
    membership_add(placement=p, person=voogd, role="voogd", start_date=start)
    for week in (5, 10, 15):
        events.guardian_contact_record(
            placement=p, date=start + timedelta(weeks=week), form="phone", with_whom="Moeder"
        )
    events.perspective_study_start_record(placement=p, date=add_months(start, 2))
    events.visit_evaluation_record(
        placement=p,
        date=add_months(start, 3) + timedelta(days=evaluation_delay),
        participants="Zorgteam",
        outcome="Besproken",
    )
    return p


@pytest.fixture
def organisation_with_history(pleegzorgbegeleider, voogd, organisation):
    today = timezone.localdate()
    start = add_months(today, -4)
    ahmed = UserFactory(
        email="ahmed@example.org",
        full_name="Ahmed el Amrani",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
    )
    late = _placement(
        "PL-Q-1", "Noor", start, pleegzorgbegeleider, voogd, organisation, evaluation_delay=20
    )
    _placement("PL-Q-2", "Daan", start, ahmed, voogd, organisation, evaluation_delay=-5)
    lead = UserFactory(
        email="teamleider@example.org",
        full_name="Tessa Teamleider",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
        is_team_lead=True,
    )
    return lead, late


def test_team_lead_follows_the_worst_professionals_late_evaluations_to_the_placement(
    browser_ready, page, login, live_server, organisation_with_history, pleegzorgbegeleider
):
    lead, late = organisation_with_history
    page.set_viewport_size(LAPTOP)
    login(page, lead)
    page.get_by_role("link", name="Kwaliteit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wordt de Richtlijn gehaald?")

    people = page.get_by_role("table", name="Per professional")
    worst = people.locator("tbody tr").first
    expect(worst.locator("th")).to_have_text(pleegzorgbegeleider.full_name)
    worst.get_by_role(
        "link", name=re.compile(f"Bezoekregeling geëvalueerd, {pleegzorgbegeleider.full_name}")
    ).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Bezoekregeling geëvalueerd · te laat · {pleegzorgbegeleider.full_name}"
    )
    rows = page.get_by_role("table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("20 d")
    rows.first.get_by_role("link", name=late.reference).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Noor")
    expect(page.get_by_role("heading", level=1)).to_contain_text(late.reference)
    assert page.url.endswith(f"/placements/{late.reference}/")


def test_the_quality_page_and_its_charts_pass_axe(
    browser_ready, page, login, live_server, organisation_with_history
):
    lead, _late = organisation_with_history
    login(page, lead)
    problems = {}
    for name, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/quality/")
        page.wait_for_load_state("networkidle")
        expect(page.locator("svg.chart[role=img]").first).to_be_visible()
        found = serious_violations(page)
        if found:
            problems[name] = found
        page.screenshot(path=f"/tmp/quality-{name}.png", full_page=True)
    assert problems == {}
