"""The placement's whole life in a real Chromium (issue 12, "Done when").

A pleegzorgbegeleider registers a new placement and invites the foster parents and the voogd;
sees the start meeting due in 2 weeks; records it with the agenda answers; adopts plan
version 1. The foster parents choose a password from their invitation, log in on a phone and
see the plan; ask for a meeting and see it "received"; the pleegzorgbegeleider plans and
records it and the request shows "held". The voogd records a decision with the foster
parents' view; the family reads it and asks for more explanation. The voogd is replaced and
the family sees the new voogd's name. The placement ends early with a reason and the family
no longer reaches it.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from agreements.models import PlanVersion
from cases.models import Placement
from collaboration.models import Decision, ExplanationRequest, StaffChange
from evaluations.models import Deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FAMILY_PASSWORD = "Pleeg-Zorg-Thuis-2026!"


def day(value):
    return date_format(value, "j F Y")


def no_sideways_scroll(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def register_placement(page, live_server):
    page.get_by_role("link", name="Nieuwe plaatsing registreren").click()
    expect(page.get_by_role("heading", name="Nieuwe plaatsing registreren")).to_be_visible()
    page.get_by_label("Voornaam van het kind").fill("Daan")
    page.get_by_label("Achternaam van het kind").fill("Kok")
    page.get_by_label("Geboortedatum van het kind").fill("2016-06-01")
    page.get_by_label("Start van de plaatsing").fill(timezone.localdate().isoformat())
    page.get_by_label("Soort pleegzorg").select_option(label="Netwerkpleegzorg")
    page.locator("#id_members-0-full_name").fill("Familie de Jong")
    page.locator("#id_members-0-email").fill("dejong@example.org")
    page.locator("#id_members-2-full_name").fill("Marieke")
    page.locator("#id_members-2-email").fill("marieke@example.org")  # the voogd has an account
    page.get_by_role("button", name="Plaatsing registreren").click()


def invitation_path(mailoutbox, email):
    [link] = [
        found.group(0)
        for m in mailoutbox
        if m.to == [email] and (found := re.search(r"https?://\S+/invitations/\S+/", m.body))
    ]
    return urlsplit(link).path


def test_a_placement_from_intake_to_early_end(
    browser_ready, browser, page, login, live_server, pleegzorgbegeleider, voogd, mailoutbox
):
    today = timezone.localdate()
    page.set_viewport_size(DESKTOP)

    # 1. The pleegzorgbegeleider registers the placement and invites the team.
    login(page, pleegzorgbegeleider)
    register_placement(page, live_server)
    placement = Placement.objects.get(child__first_name="Daan")
    due = today + timedelta(days=14)
    expect(page.get_by_text(f"moet uiterlijk {day(due)} plaatsvinden")).to_be_visible()
    start_row = page.locator("li.list-group-item", has_text="Startbijeenkomst met alle partijen")
    expect(start_row.get_by_text(f"Uiterlijk {day(due)}")).to_be_visible()
    expect(start_row.get_by_text("over 14 dagen")).to_be_visible()
    no_sideways_scroll(page, DESKTOP)

    # 1b. The team joins by accepting the invitations (zorgteam.invitations): the foster
    #     parents choose a password on a phone and log in; the voogd logs in and accepts.
    phone = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    family = phone.new_page()
    family.goto(live_server.url + invitation_path(mailoutbox, "dejong@example.org"))
    family.locator("#id_full_name").fill("Familie de Jong")
    family.locator("#id_new_password1").fill(FAMILY_PASSWORD)
    family.locator("#id_new_password2").fill(FAMILY_PASSWORD)
    family.get_by_role("button", name="Uitnodiging aannemen").click()
    family.get_by_label("E-mailadres").fill("dejong@example.org")
    family.get_by_label("Wachtwoord").fill(FAMILY_PASSWORD)
    family.get_by_role("button", name="Inloggen").click()
    expect(family.get_by_role("heading", name="Daan", exact=True)).to_be_visible()
    voogd_context = browser.new_context(viewport=DESKTOP)
    voogd_page = voogd_context.new_page()
    login(voogd_page, voogd)
    voogd_page.goto(live_server.url + invitation_path(mailoutbox, "marieke@example.org"))
    voogd_page.get_by_role("button", name="Uitnodiging aannemen").click()
    expect(voogd_page.get_by_text("Je zit nu in het zorgteam als (Gezins)voogd.")).to_be_visible()

    # 2. The start meeting, with the agenda answers, into draft version 1; adopted.
    start_row.get_by_role("link", name="Vastleggen").click()
    expect(page.get_by_role("heading", name="Startbijeenkomst vastleggen")).to_be_visible()
    members = {m.role: m.pk for m in placement.memberships.all()}
    page.locator(f"#id_m{members['pleegouder']}_needs").fill("Op tijd horen als bezoek verschuift.")
    page.locator(f"#id_m{members['pleegouder']}_expects").fill("Eén vast aanspreekpunt.")
    page.locator(f"#id_m{members['pleegouder']}_tasks").fill("Dagelijkse zorg voor Daan.")
    page.locator(f"#id_m{members['voogd']}_tasks").fill("Neemt de formele besluiten.")
    page.get_by_label("Wie neemt de regie? (rollen, taken, bevoegdheden)").fill(
        "Sanne (pleegzorgbegeleider) heeft de regie."
    )
    page.get_by_label("Wie neemt welke beslissingen?").fill("De voogd, na overleg met ons.")
    page.locator("#id_agreements-0-category").select_option(label="School")
    page.locator("#id_agreements-0-text").fill("Pleegmoeder meldt Daan aan bij school.")
    page.locator("#id_agreements-0-owner_role").select_option(label="Pleegouder")
    page.get_by_label("Verslag voor het team", exact=True).fill("Fijn kennisgemaakt met elkaar.")
    page.get_by_role("button", name="Overleg opslaan").click()
    expect(page.get_by_text("5 afspraken staan in conceptversie 1 van het plan")).to_be_visible()
    expect(
        page.get_by_role("alert").filter(has_text="Afgerond: Startbijeenkomst met alle partijen")
    ).to_be_visible()
    page.get_by_role("link", name="Deze versie vaststellen").click()
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Versie 1 is vastgesteld.")).to_be_visible()
    assert PlanVersion.objects.get(placement=placement).is_adopted

    # 3. The foster parents read the adopted plan.
    family.reload()
    expect(family.get_by_role("heading", name="Daan", exact=True)).to_be_visible()
    expect(family.get_by_text("Dagelijkse zorg voor Daan.")).to_be_visible()
    expect(family.get_by_text("Pleegmoeder meldt Daan aan bij school.")).to_be_visible()
    expect(family.get_by_text("Fijn kennisgemaakt met elkaar.")).to_be_visible()
    no_sideways_scroll(family, PHONE)

    # 4. They ask for a meeting: "received".
    family.get_by_role("link", name="Vraag een zorgteamoverleg aan").click()
    family.get_by_label("Waarom wil je een zorgteamoverleg?").fill("Daan slaapt slecht.")
    family.get_by_role("button", name="Aanvraag versturen").click()
    request_box = family.locator(".meeting-request")
    expect(request_box.get_by_text("Ontvangen")).to_be_visible()
    assert Deadline.objects.open().filter(placement=placement, kind="requested_meeting").exists()

    # 5. The pleegzorgbegeleider plans it and records it: "planned", then "held".
    page.goto(live_server.url + placement.get_absolute_url())
    page.get_by_label("Datum van het overleg").fill(today.isoformat())
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is gepland.")).to_be_visible()
    family.reload()
    expect(request_box.get_by_text(f"Gepland op {day(today)}.")).to_be_visible()
    page.get_by_role("link", name="Overleg vastleggen", exact=True).click()
    expect(page.get_by_label("Soort overleg")).to_have_value("on_request")
    page.get_by_label("Hoe gaat het met het pleegkind?").fill("Daan slaapt onrustig.")
    page.get_by_role("button", name="Overleg opslaan").click()
    expect(
        page.get_by_role("alert").filter(has_text="Afgerond: Zorgteamoverleg waar een lid om vroeg")
    ).to_be_visible()
    family.reload()
    expect(request_box.get_by_text("Gehouden")).to_be_visible()

    # 6. The voogd records a decision with the foster parents' view; the family reads it and
    #    asks for more explanation.
    voogd_page.goto(live_server.url + placement.get_absolute_url())
    voogd_page.get_by_role("link", name="Besluit vastleggen").click()
    voogd_page.get_by_label("Wat is er besloten").fill("Logeren bij oma voorlopig niet")
    voogd_page.locator("#id_decision").fill("Tot de evaluatie geen logeerpartijen.")
    voogd_page.get_by_label("Wie is vooraf geraadpleegd?").fill("De pleegouders, op het overleg.")
    voogd_page.get_by_label("De mening van de pleegouders, in hun woorden").fill(
        "Daan mist zijn oma; één nacht per maand zou hem goed doen."
    )
    voogd_page.get_by_label("Waarom dit besluit").fill("Eerst rust in het nieuwe gezin.")
    voogd_page.get_by_role("button", name="Besluit opslaan").click()
    expect(
        voogd_page.get_by_role("alert").filter(has_text="De regie en: pleegouders")
    ).to_be_visible()
    family.reload()
    family.get_by_role("link", name="Logeren bij oma voorlopig niet").click()
    expect(family.get_by_text("Daan mist zijn oma; één nacht per maand")).to_be_visible()
    family.get_by_role("button", name="Ik wil meer uitleg").click()
    expect(
        family.get_by_text(
            f"Je vraag is verstuurd naar Marieke Jansen. Je krijgt uiterlijk {day(due)} antwoord."
        )
    ).to_be_visible()
    question = ExplanationRequest.objects.get(decision=Decision.objects.get())
    explanation = Deadline.objects.open().get(kind="decision_explanation", key=str(question.pk))
    assert (explanation.responsible_role, explanation.due_date) == ("voogd", due)
    no_sideways_scroll(family, PHONE)
    voogd_context.close()

    # 7. The voogd is replaced: the family sees the new voogd's name.
    page.goto(f"{live_server.url}/placements/{placement.reference}/zorgteam/")
    page.get_by_role("link", name="Personeelswissel Marieke Jansen").click()
    page.get_by_label("E-mailadres van de nieuwe persoon").fill("henk@example.org")
    page.get_by_label("Naam").fill("Henk de Boer")
    # Marieke joined today (the whole journey is one day): Henk takes over tomorrow.
    page.get_by_label("Datum van de wissel").fill((today + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        page.get_by_role("alert").filter(has_text="Er is een uitnodiging verstuurd naar henk")
    ).to_be_visible()
    # Henk accepts his invitation (a new account): the change is made then.
    henk_context = browser.new_context(viewport=DESKTOP)
    henk = henk_context.new_page()
    henk.goto(live_server.url + invitation_path(mailoutbox, "henk@example.org"))
    henk.locator("#id_full_name").fill("Henk de Boer")
    henk.locator("#id_new_password1").fill(FAMILY_PASSWORD)
    henk.locator("#id_new_password2").fill(FAMILY_PASSWORD)
    henk.get_by_role("button", name="Uitnodiging aannemen").click()
    expect(henk.get_by_label("E-mailadres")).to_be_visible()  # accepted: now log in
    henk_context.close()
    assert StaffChange.objects.get(placement=placement).role == "voogd"
    family.goto(f"{live_server.url}/portal/{placement.reference}/")
    expect(family.get_by_text("Je nieuwe (Gezins)voogd: Henk de Boer")).to_be_visible()
    assert any(m.to == ["dejong@example.org"] and "Henk de Boer" in m.body for m in mailoutbox)
    family.screenshot(path="/tmp/life_portal_390.png", full_page=True)

    # 8. The placement ends early with a reason; the family no longer reaches it.
    page.goto(live_server.url + placement.get_absolute_url())
    page.get_by_role("link", name="Plaatsing beëindigen").click()
    page.get_by_label("Einddatum").fill(today.isoformat())
    page.get_by_label("Waarom de plaatsing eindigt").select_option(
        label="Het pleeggezin stopt (voortijdig)"
    )
    page.get_by_label("Toelichting").fill("Het pleeggezin kan de zorg niet meer dragen.")
    page.get_by_role("button", name="Plaatsing beëindigen").click()
    expect(page.get_by_text(f"De plaatsing is beëindigd op {day(today)}.")).to_be_visible()
    assert not Deadline.objects.open().filter(placement=placement).exists()
    family.reload()
    expect(family.get_by_text("Daan mist zijn oma")).to_have_count(0)
    expect(family.get_by_role("heading", name="Dit kun je niet doen")).to_be_visible()
    family.goto(f"{live_server.url}/")
    expect(family.get_by_text(placement.reference)).to_have_count(0)
    family.screenshot(path="/tmp/life_family_after_end_390.png", full_page=True)
    page.screenshot(path="/tmp/life_placement_ended_1366.png", full_page=True)
    phone.close()
