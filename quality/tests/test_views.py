"""The quality pages as people meet them: who may see what, the links behind the figures,
the CSV exports and their audit trail, the charts' markup, and a query count that stays the
same when the data grows."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from evaluations import rules
from tests.factories import UserFactory

from .conftest import TODAY, deadline, member, placement
from .history import generate_history
from .test_norms import build_world

pytestmark = pytest.mark.django_db

URLS = [
    reverse("quality:overview"),
    reverse("quality:deadlines") + "?norm=visit_evaluation&outcome=late",
    reverse("quality:placements") + "?group=early",
    reverse("quality:risk"),
    reverse("quality:export", args=["norms"]),
]


@pytest.fixture
def world(org, gi, lead):
    """The hand-made organisation of test_norms.py, with its figures worked out by hand."""
    return build_world(org, gi, lead)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_families_do_not_find_the_quality_pages(client, world, url):
    parent = UserFactory(email="ouder@example.org", person_type="pleegouder")
    member(world["lead"].organisation.provided_placements.get(reference="P1"), parent, "pleegouder")
    client.force_login(parent)
    assert client.get(url).status_code == 404


def test_the_team_lead_sees_the_organisation_per_professional_and_team(client, world):
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:overview")))
    assert "Wordt de Richtlijn gehaald?" in html
    assert "Alle plaatsingen van Pleegzorg Noord" in html
    assert "Per professional en per team" in html
    # Worst first: Anna (1 of 4) is the first row of the table per professional.
    people = html[html.index('id="professionals-caption"') :]
    assert people.index("Anna Aalders") < people.index("Wim Wouters") < people.index("Vera Visser")
    # The share of the visit evaluations: 2 of 6 on time.
    assert "33%" in html
    assert "geen gegevens" in html  # the norms whose kinds have no deadlines yet


def test_a_professional_sees_their_caseload_without_the_tables_per_person(client, world):
    client.force_login(world["anna"])
    html = body(client.get(reverse("quality:overview")))
    assert "De plaatsingen van uw caseload" in html
    assert "Per professional en per team" not in html
    url = reverse("quality:deadlines") + f"?person={world['bram'].pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("quality:export", args=["professionals"])).status_code == 404


def test_another_organisation_sees_none_of_it(client, world, gi):
    other_lead = UserFactory(
        email="other-lead@example.org", person_type="voogd", organisation=gi, is_team_lead=True
    )
    client.force_login(other_lead)
    html = body(client.get(reverse("quality:deadlines") + "?norm=visit_evaluation"))
    # gi provides one placement (OTHER): its visit evaluation, open since 1 Feb.
    shown = set(re.findall(r'href="/placements/([^/]+)/"', html))
    assert shown == {"OTHER"}


def test_the_worst_professionals_late_evaluations_lead_to_the_placements(client, world):
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:overview")))
    late_link = re.search(
        rf'href="([^"]*norm=visit_evaluation[^"]*outcome=late[^"]*person={world["anna"].pk})"',
        html,
    )
    assert late_link, "the late visit evaluations of Anna are a link"
    listed = body(client.get(late_link.group(1).replace("&amp;", "&")))
    # Her three late ones, the latest first, each linking to its placement.
    rows = re.findall(r'<a href="/placements/(P\d)/">', listed)
    assert rows == ["P2", "P1", "P2"]
    assert "30 d" in listed and "20 d" in listed and "10 d" in listed
    assert AuditEvent.objects.filter(user=world["lead"], action="read").exists()


def test_every_figure_of_the_norms_table_links_to_its_deadlines(client, world):
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:overview")))
    norms = html[
        html.index('id="norms-caption"') : html.index("</table>", html.index('id="norms-caption"'))
    ]
    links = set(re.findall(r'href="([^"]+)"', norms))
    for url in links:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url
    assert len(links) == 5 * 3  # five norms with data: due, on time, late


def test_endings_figures_link_to_their_placements(client, world, org):
    placement("E1", date(2026, 1, 1), provider=org, end=date(2026, 3, 1), reason="parents")
    client.force_login(world["lead"])
    listed = body(client.get(reverse("quality:placements") + "?group=early"))
    assert "/placements/E1/" in listed and "De ouders (voortijdig)" in listed


def test_csv_export_of_a_table_is_logged(client, world):
    client.force_login(world["lead"])
    response = client.get(reverse("quality:export", args=["norms"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = body(response).splitlines()
    assert lines[0].startswith("\ufeffNorm;Termijn;Verlopen in de periode;Op tijd;Aandeel op tijd")
    assert lines[1].startswith(
        "Bezoekregeling geëvalueerd;3 maanden (hulpverlening) of 6 (opvoeding);6;2;33%;4;1;18,5 d;30 d"
    )
    event = AuditEvent.objects.get(action="export")
    assert event.user == world["lead"] and event.what == "quality CSV: norms"


@pytest.mark.parametrize(
    "key",
    [
        "norms",
        "trend",
        "age-perspective_decision",
        "professionals",
        "teams",
        "endings-reasons",
        "endings-durations",
        "endings-preceded",
        "risk-signals",
        "risk",
        "deadlines",
        "placements",
    ],
)
def test_every_table_exports(client, world, key):
    client.force_login(world["lead"])
    query = "?group=continuing" if key == "placements" else ""
    response = client.get(reverse("quality:export", args=[key]) + query)
    assert response.status_code == 200
    assert len(body(response).splitlines()) >= 2


def test_the_export_defuses_spreadsheet_formulas(client, world, org):
    p = placement("FORMULA", date(2026, 1, 1), provider=org)
    p.child.first_name = '=HYPERLINK("http://x")'
    p.child.save()
    deadline(p, rules.GUARDIAN_CONTACT, date(2026, 2, 1), date(2026, 3, 1))
    client.force_login(world["lead"])
    text = body(
        client.get(reverse("quality:export", args=["deadlines"]) + "?norm=guardian_contact")
    )
    assert "'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text


def test_charts_are_accessible_svg_without_inline_style_or_script(client, world):
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:overview")))
    charts = re.findall(r'<svg class="chart[^"]*"[^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) >= 8
    for labelled_by in charts:
        title, desc = labelled_by.split()
        assert f'<title id="{title}">' in html and f'<desc id="{desc}">' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id once"
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"
    assert 'href="/static/quality/quality.css"' in html
    assert "http://" not in html.replace("http://testserver", "")  # nothing external


def test_a_chosen_period_and_an_invalid_one(client, world):
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:overview") + "?start=2026-04-01&end=2026-06-30"))
    assert "1 april 2026" in html and "30 juni 2026" in html
    html = body(client.get(reverse("quality:overview") + "?start=2026-07-01&end=2026-06-30"))
    assert "Het begin van de periode ligt na het einde." in html
    assert "1 december 2025" in html  # the default period instead


def test_a_hand_edited_filter_is_a_404(client, world):
    client.force_login(world["lead"])
    assert client.get(reverse("quality:deadlines") + "?norm=nonsense").status_code == 404
    assert client.get(reverse("quality:export", args=["nonsense"])).status_code == 404


def test_the_navigation_links_professionals_to_the_quality_page(client, world):
    client.force_login(world["anna"])
    assert 'href="/quality/"' in body(client.get(reverse("home")))


def test_the_query_count_does_not_grow_with_the_data(client):
    """The same number of queries for 8 and for 40 placements, on every quality page."""
    counts = {}
    for size, prefix in ((8, "S"), (40, "L")):
        history = generate_history(size, today=TODAY, prefix=prefix, seed=size)
        client.force_login(history.team_lead)
        for url in (
            reverse("quality:overview"),
            reverse("quality:deadlines") + "?norm=guardian_contact&outcome=late",
            reverse("quality:placements"),
            reverse("quality:risk"),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.setdefault(url, []).append(len(queries))
    for url, (small, large) in counts.items():
        assert small == large, (url, small, large)
    assert counts[reverse("quality:overview")][0] <= 16


def test_a_list_names_only_people_of_the_organisations_zorgteams(client, world):
    stranger = UserFactory(
        email="stranger@example.org", full_name="Stefan Vreemd", person_type="voogd"
    )
    client.force_login(world["lead"])
    html = body(client.get(reverse("quality:deadlines") + f"?person={stranger.pk}"))
    assert "Stefan Vreemd" not in html
    html = body(client.get(reverse("quality:deadlines") + f"?person={world['wim'].pk}"))
    assert "Wim Wouters" in html
