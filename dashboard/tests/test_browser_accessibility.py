"""axe-core in a real Chromium: no serious or critical violation on the pages people use most.

The dashboard and the placement page (professionals) and the portal (foster parents, often on
a phone) are checked at laptop and phone widths; the report names each rule and element.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _check(page, url):
    problems = {}
    for name, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        found = serious_violations(page)
        if found:
            problems[name] = found
    return problems


def test_dashboard_and_placement_page_have_no_serious_violations(
    browser_ready, page, login, live_server, placement, other_placement, pleegzorgbegeleider
):
    login(page, pleegzorgbegeleider)
    for url in (
        "/",
        "/?urgency=overdue&q=noor",
        reverse("cases:placement_detail", args=[placement.reference]),
        reverse("dashboard:calendar"),
    ):
        assert _check(page, live_server.url + url) == {}, url


def test_foster_parents_portal_has_no_serious_violations(
    browser_ready, page, login, live_server, placement, foster_parent
):
    login(page, foster_parent)
    url = live_server.url + reverse("portal:placement", args=[placement.reference])
    assert _check(page, url) == {}
