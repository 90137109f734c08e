"""A pleegzorgbegeleider logs in through the form in a real Chromium and lands on her caseload."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pleegzorgbegeleider_logs_in_and_sees_caseload(
    browser_ready, page, login, live_server, placement, pleegzorgbegeleider
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    login(page, pleegzorgbegeleider)
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    expect(page.get_by_role("link", name=placement.reference)).to_be_visible()
    page.get_by_role("link", name=placement.reference).click()
    expect(page.get_by_role("heading", name="Zorgteam")).to_be_visible()
