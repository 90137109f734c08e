"""In a real Chromium: the pleegzorgbegeleider invites a new voogd; he accepts through the
link in the email (logging in: he has an account); she then sees the handover."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from evaluations.models import Deadline
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pleegzorgbegeleider_replaces_the_voogd_and_sees_the_handover(
    browser_ready,
    page,
    login,
    live_server,
    placement,
    pleegzorgbegeleider,
    voogd,
    mailoutbox,
):
    joost = UserFactory(email="joost@example.org", full_name="Joost Bakker", person_type="voogd")
    login(page, pleegzorgbegeleider)
    page.goto(live_server.url + reverse("cases:placement_detail", args=[placement.reference]))
    page.get_by_role("link", name="Zorgteam beheren").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Zorgteam van Noor Bakker").is_visible()

    page.get_by_role("link", name="Personeelswissel Marieke Jansen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Nieuwe (Gezins)voogd").is_visible()
    # The responsibilities are carried over from the old voogd.
    assert page.get_by_label("Wie doet wat").input_value() == "Besluiten; contact met de ouders"
    page.get_by_label("E-mailadres van de nieuwe persoon").fill("joost@example.org")
    page.get_by_label("Naam").fill("Joost")
    today = timezone.localdate()
    page.get_by_label("Datum van de wissel").fill(today.isoformat())
    page.screenshot(path="/tmp/zorgteam_replace_form.png", full_page=True)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_load_state("networkidle")
    alert = page.get_by_role("alert").inner_text()
    assert "Er is een uitnodiging verstuurd naar joost@example.org" in alert
    page.screenshot(path="/tmp/zorgteam_manage_after.png", full_page=True)

    # Joost follows the link in his email; he has an account, so he is asked to log in
    # (with his second factor) and then accepts.
    link = next(w for w in mailoutbox[-1].body.split() if "/invitations/" in w)
    link = link.replace(settings.SITE_URL, live_server.url)
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(link)
    expect(page.get_by_text("Je hebt al een account: log in")).to_be_visible()
    login(page, joost)
    page.goto(link)
    page.get_by_role("button", name="Uitnodiging aannemen").click()
    page.wait_for_load_state("networkidle")
    assert "Je zit nu in het zorgteam als (Gezins)voogd." in page.get_by_role("alert").inner_text()
    page.get_by_role("button", name="Uitloggen").click()
    login(page, pleegzorgbegeleider)
    page.goto(live_server.url + reverse("zorgteam:manage", args=[placement.reference]))
    due = today + timedelta(days=14)

    page.get_by_role("link", name=placement.reference).click()
    page.wait_for_load_state("networkidle")
    deadlines = page.locator("#deadlines")
    handover = deadlines.locator("li", has_text="Warme overdracht aan de nieuwe professional")
    assert handover.count() == 1
    assert date_format(due, "j F Y") in handover.inner_text()
    page.locator("#deadlines").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/zorgteam_placement_handover.png", full_page=True)
    assert Deadline.objects.open().get(kind="handover").responsible_role == "voogd"
