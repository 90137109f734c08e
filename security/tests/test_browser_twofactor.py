"""In a real Chromium: a pleegzorgbegeleider enrols TOTP at her first login and cannot open
a case before; the pages run under the Content-Security-Policy without a single violation,
and Bootstrap's and our own scripts still work."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.twofactor import confirmed_totp_device, totp_code, totp_code_for_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collected in the page itself: CSP violations are reported as events, not only in the
# console. The init script is injected by the browser's DevTools protocol, outside the CSP.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(page):
    """The page, with every console error and CSP violation written down."""
    errors = []

    def on_console(msg):
        # The browser's own favicon request 404s (the site has none); not a page error.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{msg.text} ({msg.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(WATCH_CSP)
    page.errors = errors
    return page


def _violations(page):
    return page.evaluate("window.__cspViolations || []")


def _serious_axe_violations(page):
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_first_login_enrols_totp_and_no_case_opens_before(
    browser_ready, watched, live_server, placement, pleegzorgbegeleider, password
):
    page = watched
    case_url = live_server.url + reverse("cases:placement_detail", args=[placement.reference])

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mailadres").fill(pleegzorgbegeleider.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()

    # Typing the case's address does not open it.
    page.goto(case_url)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    assert "/accounts/two-factor/setup/" in page.url
    expect(page.get_by_text("Noor")).to_have_count(0)
    expect(page.get_by_role("img", name="QR-code voor je authenticator-app")).to_be_visible()
    assert _serious_axe_violations(page) == []

    # The app: scan the QR code, or type the key shown below it (that is what we do here).
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("De code van 6 cijfers die je app laat zien").fill(
        totp_code_for_secret(secret)
    )
    page.get_by_role("button", name="Aanzetten").click()

    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    codes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    assert re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", codes.first.inner_text())
    assert _serious_axe_violations(page) == []
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()

    # Straight on to the case that was asked for.
    expect(page.get_by_role("heading", name="Zorgteam")).to_be_visible()
    assert page.url == case_url
    assert _violations(page) == [] and page.errors == []

    # Next time: password, then a code from the app; no second enrolment.
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("E-mailadres").fill(pleegzorgbegeleider.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    page.get_by_label("Code uit je app of een herstelcode").fill("123456")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp's throttle after one wrong code: 1 second
    device = confirmed_totp_device(pleegzorgbegeleider)
    page.get_by_label("Code uit je app of een herstelcode").fill(totp_code(device))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    assert _violations(page) == [] and page.errors == []


def test_pages_run_under_the_csp_without_violations_and_scripts_still_work(
    browser_ready, watched, login, live_server, placement, pleegzorgbegeleider, foster_parent
):
    from agreements.services import plan_version_start

    plan_version_start(placement=placement, created_by=pleegzorgbegeleider)  # a draft
    page = watched
    login(page, pleegzorgbegeleider)
    for url in (
        reverse("home"),
        reverse("cases:placement_detail", args=[placement.reference]),
        reverse("agreements:version_detail", args=[placement.reference, 1]),
        reverse("agreements:version_print", args=[placement.reference, 1]),
        reverse("dashboard:calendar"),
        reverse("reminders:open"),
        reverse("security:account"),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], url
    assert page.errors == []

    # Our own script: the calendar page's copy button.
    page.goto(live_server.url + reverse("dashboard:calendar"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopiëren").click()
    expect(page.locator("#copy-status")).to_have_text("Gekopieerd")

    # Bootstrap's script: the menu folds open on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("home"))
    security_link = page.get_by_role("link", name="Beveiliging")
    expect(security_link).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(security_link).to_be_visible()
    assert _violations(page) == [] and page.errors == []

    # And the watch above would have seen one: injected inline script is blocked, reported.
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__injected = true";
                   document.body.appendChild(s); }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert _violations(page)[0].startswith("script-src")
    assert page.evaluate("window.__injected === undefined")


def test_a_family_turns_two_factors_off_after_a_confirm_dialog(
    browser_ready, watched, login, live_server, placement, foster_parent
):
    confirmed_totp_device(foster_parent)  # turned on earlier: the login asks for a code
    page = watched
    login(page, foster_parent)
    page.goto(live_server.url + reverse("security:account"))
    expect(page.get_by_text("Aan.", exact=True)).to_be_visible()

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Uitzetten").click()
    expect(page.get_by_text("Aan.", exact=True)).to_be_visible()  # the data-confirm asked

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Uitzetten").click()
    expect(page.get_by_text("Tweestapsverificatie staat uit.")).to_be_visible()
    assert _violations(page) == [] and page.errors == []
