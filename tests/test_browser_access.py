"""In a real Chromium: a teacher in the team does not see the
regie-only ("professionals-only") agreement or the timeline; a parent of a confidential
placement sees no trace of the foster family (portal, print); the family of an ended
placement is turned away."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import access_scenario as sc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _body(page):
    return page.locator("body").inner_text()


def test_a_teacher_sees_neither_the_regie_only_agreement_nor_the_timeline(
    browser_ready, page, login, live_server
):
    scenario = sc.build(timezone.localdate())
    login(page, scenario.people["docent"])
    expect(page.get_by_role("link", name=scenario.placement.reference)).to_be_visible()
    page.get_by_role("link", name=scenario.placement.reference).click()
    expect(page.get_by_role("heading", name="Zorgteam", exact=True)).to_be_visible()
    placement_page = _body(page)
    assert "Tijdlijn" not in placement_page and "Termijnen" not in placement_page
    assert sc.GUARDIAN not in placement_page and sc.COURT not in placement_page
    assert sc.FOSTER_EMAIL not in placement_page
    # What the regie shared with the other professionals is there.
    expect(page.get_by_text(sc.MEETING)).to_be_visible()
    page.screenshot(path="/tmp/access_teacher_placement.png", full_page=True)

    page.get_by_role("link", name="Open het plan").click()
    expect(page.get_by_text(sc.SCHOOL, exact=True)).to_be_visible()
    plan_page = _body(page)
    assert sc.SECRET not in plan_page and sc.VISITS not in plan_page
    page.get_by_role("link", name="Afdrukken").first.click()
    expect(page.get_by_text(sc.SCHOOL)).to_be_visible()
    assert sc.SECRET not in _body(page)

    # Typing the address of the court-order form does not help either.
    record = reverse("evaluations:record", args=[scenario.placement.reference, "court-order"])
    response = page.goto(live_server.url + record)
    assert response.status == 403


def test_a_parent_of_a_confidential_placement_sees_no_trace_of_the_foster_family(
    browser_ready, page, login, live_server
):
    scenario = sc.build(timezone.localdate(), confidential=True)
    login(page, scenario.people["parent"])
    # A parent lands on the portal of the one placement.
    expect(page.get_by_role("heading", name="Wie vraag je wat")).to_be_visible()
    expect(page.get_by_text(sc.VISITS)).to_be_visible()
    expect(page.get_by_text(sc.DECISION)).to_be_visible()
    portal = page.content()
    page.screenshot(path="/tmp/access_confidential_parent_portal.png", full_page=True)
    page.get_by_role("link", name="Plan en afspraken afdrukken").click()
    expect(page.get_by_text(sc.VISITS)).to_be_visible()
    printed = page.content()
    page.screenshot(path="/tmp/access_confidential_parent_print.png", full_page=True)
    for html in (portal, printed):
        for trace in ("Pleeggezin-Geheim", sc.FOSTER_EMAIL, sc.FOSTER_PHONE, "Bereikbaar foster"):
            assert trace not in html, trace
    # The foster parent who carries out the bezoekregeling is named by role only.
    assert "Pleegouder" in printed


def test_the_family_of_an_ended_placement_is_turned_away(browser_ready, page, login, live_server):
    scenario = sc.build(timezone.localdate())
    ended = scenario.ended_placement
    login(page, scenario.people["ended_family"])
    # The portal no longer lists the ended placement.
    expect(page.get_by_text("Je bent op dit moment geen lid van een zorgteam.")).to_be_visible()
    assert ended.reference not in _body(page)
    response = page.goto(live_server.url + reverse("portal:placement", args=[ended.reference]))
    assert response.status == 403
    expect(page.get_by_text("Deze plaatsing is beëindigd op")).to_be_visible()
    assert "Sophie" not in _body(page)
    page.screenshot(path="/tmp/access_ended_family.png", full_page=True)
    response = page.goto(
        live_server.url + reverse("portal:meeting_request", args=[ended.reference])
    )
    assert response.status == 403
