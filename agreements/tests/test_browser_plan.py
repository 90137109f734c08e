"""In a real Chromium: (a) the pleegzorgbegeleider drafts a plan with a goal and two agreements
and adopts it; (b) the foster parent, on a phone-sized screen, sees both agreements, marks
them read and asks for a zorgteam meeting; the pleegzorgbegeleider then sees the request."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import AgreementRead, MeetingRequest, PlanVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREENSHOT = "/tmp/portal_foster_parent_390x844.png"


def _draft_and_adopt(page, live_server, placement):
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")
    page.get_by_role("button", name="Hulpverleningsplan opstellen").click()
    expect(page.get_by_role("heading", name="Hulpverleningsplan, versie 1")).to_be_visible()

    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Doel").fill("Noor gaat vier dagen per week zonder huilen naar school.")
    page.get_by_label("Bereikt vóór").fill("2027-06-30")
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Doel toegevoegd.")).to_be_visible()

    page.get_by_role("link", name="Afspraak toevoegen").click()
    page.get_by_label("Categorie").select_option(label="School")
    page.get_by_label("Afspraak").fill("Pleegmoeder brengt Noor elke ochtend naar school.")
    page.get_by_label("Uitgevoerd door (rol)").select_option(label="Pleegouder")
    page.get_by_role("button", name="Afspraak opslaan").click()
    expect(page.get_by_text("Afspraak toegevoegd.")).to_be_visible()

    page.get_by_role("link", name="Afspraak toevoegen").click()
    page.get_by_label("Categorie").select_option(label="Contact met de ouders (bezoekregeling)")
    page.get_by_label("Afspraak").fill("Noor ziet haar moeder op het kantoor van Pleegzorg.")
    page.get_by_label("Uitgevoerd door (rol)").select_option(label="Pleegzorgbegeleider")
    page.get_by_label("Hoe vaak").select_option(label="elke twee weken")
    page.get_by_label("Vorm van het contact").select_option(label="begeleid bezoek")
    page.get_by_label("Waar").fill("Kantoor Pleegzorg")
    page.get_by_label("Duur (minuten)").fill("90")
    page.get_by_role("button", name="Afspraak opslaan").click()
    expect(page.get_by_text("Afspraak toegevoegd.")).to_be_visible()

    page.get_by_role("link", name="Deze versie vaststellen").click()
    expect(page.get_by_label("Vastgesteld op")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Versie 1 is vastgesteld.")).to_be_visible()
    expect(
        page.get_by_text("Elke twee weken, begeleid bezoek, Kantoor Pleegzorg, 90 minuten")
    ).to_be_visible()


def test_plan_drafted_adopted_read_and_meeting_requested(
    browser_ready,
    browser,
    page,
    login,
    live_server,
    placement,
    pleegzorgbegeleider,
    foster_parent,
    mailoutbox,
):
    # (a) The pleegzorgbegeleider drafts and adopts.
    login(page, pleegzorgbegeleider)
    _draft_and_adopt(page, live_server, placement)
    version = PlanVersion.objects.get(placement=placement)
    assert version.is_adopted and version.goals.count() == 1 and version.agreements.count() == 2

    # (b) The foster parent on a phone.
    phone = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    family = phone.new_page()
    login(family, foster_parent)
    expect(family.get_by_role("heading", name="Noor")).to_be_visible()
    expect(family.get_by_text("Pleegmoeder brengt Noor elke ochtend naar school.")).to_be_visible()
    expect(
        family.get_by_text("Noor ziet haar moeder op het kantoor van Pleegzorg.")
    ).to_be_visible()
    expect(
        family.get_by_text("Noor gaat vier dagen per week zonder huilen naar school.")
    ).to_be_visible()
    # A role is resolved to the person: the family sees whom to ask.
    expect(family.get_by_text("Wie: Sanne de Vries (Pleegzorgbegeleider)")).to_be_visible()
    # Nothing sticks out sideways on a 390px screen.
    assert family.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    family.screenshot(path=SCREENSHOT, full_page=True)

    seen_buttons = family.get_by_role("button", name="Markeer als gezien")
    expect(seen_buttons).to_have_count(2)
    seen_buttons.first.click()
    expect(seen_buttons).to_have_count(1)
    seen_buttons.first.click()
    expect(seen_buttons).to_have_count(0)
    expect(family.get_by_text("✓ Gezien")).to_have_count(2)
    assert AgreementRead.objects.filter(person=foster_parent).count() == 2

    family.get_by_role("link", name="Vraag een zorgteamoverleg aan").click()
    family.get_by_label("Waarom wil je een zorgteamoverleg?").fill(
        "Noor is erg onrustig na de bezoeken. Kunnen we de bezoekregeling bespreken?"
    )
    family.get_by_role("button", name="Aanvraag versturen").click()
    expect(family.get_by_text("Je aanvraag is verstuurd.")).to_be_visible()
    family.screenshot(path="/tmp/portal_foster_parent_after_request.png", full_page=True)
    phone.close()

    request = MeetingRequest.objects.get()
    assert request.requested_by == foster_parent
    assert any(m.to == ["sanne@example.org"] and "zorgteamoverleg" in m.subject for m in mailoutbox)

    # The pleegzorgbegeleider sees the request on the placement page, and who read what.
    page.goto(f"{live_server.url}{placement.get_absolute_url()}")
    # Among the requests to act on (the timeline has it too).
    requests = page.locator("#requests")
    expect(requests.get_by_text("Familie Visser vraagt een zorgteamoverleg aan")).to_be_visible()
    expect(requests.get_by_text("Noor is erg onrustig na de bezoeken.")).to_be_visible()
    expect(page.get_by_text("2 van 2 gedeelde afspraken gezien")).to_be_visible()
    page.screenshot(path="/tmp/placement_page_with_request.png", full_page=True)
