"""A voogd sees the reminder count in the navigation, opens her reminders and follows a link."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reminders.sending import sweep_and_send_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_voogd_follows_the_count_to_her_reminders_and_on_to_the_placement(
    browser_ready, page, login, live_server, make_deadline, voogd, mailoutbox
):
    today = timezone.localdate()
    make_deadline(today - timedelta(days=3))
    make_deadline(today + timedelta(days=6), kind="perspective_decision")
    sweep_and_send_now(as_of=today)

    login(page, voogd)
    nav_link = page.get_by_role("navigation").get_by_role("link", name="Herinneringen")
    expect(nav_link).to_contain_text("2")
    nav_link.click()
    expect(page.get_by_role("heading", name="Mijn herinneringen")).to_be_visible()
    expect(page.get_by_text("3 dagen te laat")).to_be_visible()
    expect(page.get_by_text("over 6 dagen")).to_be_visible()
    page.screenshot(path="/tmp/reminders_page.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/reminders_page_phone.png", full_page=True)

    page.get_by_role("link", name="PL-REM-1", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/placements/PL-REM-1/")
