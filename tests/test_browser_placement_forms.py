"""Every form of the placement's life in a real Chromium, at 1366x900 and at 390x844: a
refused submit shows Dutch errors and keeps what was typed; an accepted one saves; nothing
sticks out sideways on a phone; axe finds no serious or critical violation.
"""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from agreements.services import meeting_request_create
from cases.models import Placement
from collaboration.models import Decision, ExplanationRequest, StaffChange
from evaluations.models import CourtOrder
from zorgteam.invitations import invitation_accept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "laptop": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}


def check_page(page, viewport):
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url
    violations = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], page.url


def accept_invitation(mailoutbox, email, **account):
    """The invited person accepts through the link in their email (zorgteam.invitations);
    the accept page itself has its own browser tests."""
    [body] = [m.body for m in mailoutbox if m.to == [email] and "/invitations/" in m.body]
    token = re.search(r"/invitations/([\w-]+)/", body).group(1)
    return invitation_accept(token=token, **account)


def submit(page, name):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("size", VIEWPORTS, ids=list(VIEWPORTS))
def test_the_regie_forms(
    browser_ready, page, login, live_server, pleegzorgbegeleider, voogd, size, mailoutbox
):
    viewport = VIEWPORTS[size]
    page.set_viewport_size(viewport)
    today = timezone.localdate()
    login(page, pleegzorgbegeleider)

    # Intake: refused (a typed name stays), then registered.
    page.goto(f"{live_server.url}/intake/")
    check_page(page, viewport)
    page.get_by_label("Achternaam van het kind").fill("Kok")
    page.get_by_label("Juridisch kader").select_option(label="OTS (ondertoezichtstelling)")
    submit(page, "Plaatsing registreren")
    expect(page.get_by_text("Vul de voornaam van het kind in.")).to_be_visible()
    expect(
        page.get_by_text("Een OTS of voogdij berust op een beschikking: vul die in.")
    ).to_be_visible()
    expect(page.get_by_label("Achternaam van het kind")).to_have_value("Kok")
    check_page(page, viewport)
    page.get_by_label("Voornaam van het kind").fill("Daan")
    page.get_by_label("Geboortedatum van het kind").fill("2016-06-01")
    page.get_by_label("Start van de plaatsing").fill(today.isoformat())
    page.get_by_label("Beschikking", exact=True).select_option(
        label="MUHP (machtiging uithuisplaatsing)"
    )
    page.get_by_label("Datum van de beschikking", exact=True).fill(today.isoformat())
    page.locator("#id_members-0-full_name").fill("Familie de Jong")
    page.locator("#id_members-0-email").fill("dejong@example.org")
    page.locator("#id_members-2-full_name").fill("Marieke")
    page.locator("#id_members-2-email").fill(voogd.email)
    submit(page, "Plaatsing registreren")
    expect(page.get_by_text("is geregistreerd.")).to_be_visible()
    placement = Placement.objects.get(child__first_name="Daan")
    accept_invitation(mailoutbox, voogd.email, user=voogd)
    check_page(page, viewport)
    detail = live_server.url + placement.get_absolute_url()

    # The start meeting: refused without participants (answers kept), then saved.
    page.goto(f"{live_server.url}/placements/{placement.reference}/meetings/record/?kind=start")
    check_page(page, viewport)
    page.get_by_label("Deelnemers").fill("")
    page.get_by_label("Wie neemt de regie? (rollen, taken, bevoegdheden)").fill("Sanne")
    submit(page, "Overleg opslaan")
    expect(page.get_by_text("Vul dit veld in.")).to_be_visible()
    expect(page.get_by_label("Wie neemt de regie? (rollen, taken, bevoegdheden)")).to_have_value(
        "Sanne"
    )
    check_page(page, viewport)
    page.get_by_label("Deelnemers").fill("Sanne, Marieke, Familie de Jong")
    submit(page, "Overleg opslaan")
    expect(page.get_by_text("staat in conceptversie 1 van het plan")).to_be_visible()

    # A decision: refused without the foster parents' view, then saved.
    page.goto(detail)
    page.get_by_role("link", name="Besluit vastleggen").click()
    check_page(page, viewport)
    page.get_by_label("Wat is er besloten").fill("Schoolkeuze: de Regenboog")
    page.locator("#id_decision").fill("Daan gaat naar de Regenboog.")
    page.get_by_label("Wie is vooraf geraadpleegd?").fill("De pleegouders")
    page.get_by_label("Waarom dit besluit").fill("Dichtbij het pleeggezin.")
    submit(page, "Besluit opslaan")
    expect(page.get_by_text("Vul dit veld in.")).to_be_visible()
    expect(page.get_by_label("Wat is er besloten")).to_have_value("Schoolkeuze: de Regenboog")
    check_page(page, viewport)
    page.get_by_label("De mening van de pleegouders, in hun woorden").fill("Fijn, dichtbij.")
    submit(page, "Besluit opslaan")
    expect(page.get_by_role("alert").filter(has_text="De regie en: pleegouders")).to_be_visible()
    check_page(page, viewport)

    # The variant: refused without a reason, then changed.
    page.goto(detail)
    page.get_by_role("link", name="Variant wijzigen").click()
    check_page(page, viewport)
    submit(page, "Variant wijzigen")
    expect(page.get_by_text("Zeg waarom de variant verandert.")).to_be_visible()
    page.get_by_label("Waarom de variant verandert").fill("Perspectiefbesluit")
    submit(page, "Variant wijzigen")
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()

    # The extension of the MUHP: refused beyond a year, then recorded.
    order = CourtOrder.objects.get(placement=placement)
    page.goto(detail)
    page.get_by_role("link", name="Verlenging vastleggen").click()
    check_page(page, viewport)
    page.get_by_label("Nieuwe einddatum").fill(today.replace(year=today.year + 3).isoformat())
    submit(page, "Verlenging opslaan")
    expect(page.get_by_text("Een verlenging is hoogstens een jaar (tot")).to_be_visible()
    check_page(page, viewport)
    page.get_by_label("Nieuwe einddatum").fill(today.replace(year=today.year + 2).isoformat())
    submit(page, "Verlenging opslaan")
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    assert CourtOrder.objects.filter(placement=placement).exclude(pk=order.pk).exists()

    # A staff change: the regie plans the handover meeting; the family hears of it.
    voogd_membership = placement.memberships.get(role="voogd")
    page.goto(
        f"{live_server.url}/placements/{placement.reference}/zorgteam/{voogd_membership.pk}/replace/"
    )
    page.get_by_label("E-mailadres van de nieuwe persoon").fill("henk@example.org")
    page.get_by_label("Naam").fill("Henk de Boer")
    page.get_by_label("Datum van de wissel").fill((today + timedelta(days=1)).isoformat())
    submit(page, "Uitnodiging versturen")
    expect(
        page.get_by_text("Er is een uitnodiging verstuurd naar henk@example.org")
    ).to_be_visible()
    accept_invitation(mailoutbox, "henk@example.org", password="een-lang-wachtwoord-42")
    page.goto(detail + "#handover")
    expect(page.get_by_role("heading", name="Checklist voor de overdracht")).to_be_visible()
    change = StaffChange.objects.get(placement=placement)
    page.get_by_label("Datum van het overdrachtsgesprek").fill(change.change_date.isoformat())
    submit(page, "Plannen en het gezin laten weten")
    expect(page.get_by_text("het gezin krijgt bericht")).to_be_visible()
    check_page(page, viewport)

    # The end: refused without a reason, then ended.
    page.goto(detail)
    page.get_by_role("link", name="Plaatsing beëindigen").click()
    check_page(page, viewport)
    submit(page, "Plaatsing beëindigen")
    expect(page.get_by_text("Kies waarom de plaatsing eindigt.")).to_be_visible()
    check_page(page, viewport)
    page.get_by_label("Waarom de plaatsing eindigt").select_option(label="Adoptie (gepland)")
    submit(page, "Plaatsing beëindigen")
    expect(page.get_by_text("De plaatsing is beëindigd op")).to_be_visible()
    check_page(page, viewport)


@pytest.mark.parametrize("size", VIEWPORTS, ids=list(VIEWPORTS))
def test_the_family_forms(
    browser_ready, page, login, live_server, placement, foster_parent, voogd, size
):
    from collaboration.services import decision_record

    viewport = VIEWPORTS[size]
    page.set_viewport_size(viewport)
    today = timezone.localdate()
    decision = decision_record(
        placement=placement,
        date=today,
        subject="Geen weekendbezoek",
        decision="Voorlopig niet.",
        decided_by=voogd,
        decided_by_role="voogd",
        consulted="De pleegouders",
        foster_parents_view="Graag rust in het weekend.",
        explanation="Noor heeft rust nodig.",
        recorded_by=voogd,
    )
    meeting_request_create(placement=placement, requested_by=foster_parent, reason="Graag praten")
    login(page, foster_parent)
    portal = f"{live_server.url}/portal/{placement.reference}/"
    page.goto(portal)
    expect(page.locator(".meeting-request").get_by_text("Ontvangen")).to_be_visible()
    check_page(page, viewport)

    # The meeting request form: refused empty, then sent.
    page.get_by_role("link", name="Vraag een zorgteamoverleg aan").click()
    submit(page, "Aanvraag versturen")
    expect(page.get_by_text("Laat het team weten waarom je een overleg wilt")).to_be_visible()
    check_page(page, viewport)

    # The decision and the one button for more explanation.
    page.goto(portal)
    page.get_by_role("link", name="Geen weekendbezoek").click()
    expect(page.get_by_text("Graag rust in het weekend.")).to_be_visible()
    check_page(page, viewport)
    page.get_by_label("Wat wil je weten? (niet verplicht)").fill("Hoe lang duurt voorlopig?")
    submit(page, "Ik wil meer uitleg")
    expect(page.get_by_text("Je vraag is verstuurd naar Marieke Jansen.")).to_be_visible()
    expect(page.get_by_text("Wacht op antwoord")).to_be_visible()
    assert ExplanationRequest.objects.get(decision=decision).question == "Hoe lang duurt voorlopig?"
    check_page(page, viewport)
    assert Decision.objects.count() == 1
