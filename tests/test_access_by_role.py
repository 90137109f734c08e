"""Role by role: what each member of a zorgteam sees of each kind of item (goal, agreement,
decision, meeting note, event), on every page they can open, in print and by email.

Need-to-know by role. The scenario (tests/access_scenario.py) shares every item with
a known set of audiences; each person must see exactly the items shared with theirs.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from agreements.models import Agreement, Goal, PlanVersion
from agreements.notifications import plan_adopted_notify
from core.models import AuditEvent
from evaluations.models import PerspectiveDecision, ZorgteamMeeting
from tests import access_scenario as sc
from zorgteam.access import access_for, audiences_for_roles
from zorgteam.audiences import Audience as A

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)

AUDIENCE_OF = {
    "regie": {A.REGIE},
    "voogd": {A.REGIE},
    "docent": {A.PROFESSIONALS},
    "foster_parent": {A.FOSTER_PARENTS},
    "parent": {A.PARENTS},
    "child": {A.CHILD},
    "network": {A.NETWORK},
}
PROFESSIONALS = {"regie", "voogd", "docent"}


@pytest.fixture
def frozen_day():
    return TODAY


@pytest.fixture
def scenario(db):
    return sc.build(TODAY)


@pytest.fixture
def confidential(db):
    return sc.build(TODAY, confidential=True, reference="PL-GEHEIM")


def _pages(client, person_key, placement):
    ref = placement.reference
    if person_key in PROFESSIONALS:
        urls = [
            reverse("cases:placement_detail", args=[ref]),
            reverse("agreements:plan", args=[ref]),
            reverse("agreements:version_detail", args=[ref, 1]),
            reverse("agreements:version_print", args=[ref, 1]),
            reverse("zorgteam:manage", args=[ref]),
        ]
    else:
        urls = [reverse("portal:placement", args=[ref]), reverse("portal:print", args=[ref])]
    html = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (person_key, url, response.status_code)
        html[url] = response.content.decode()
    return html


def _markers(html):
    text = "\n".join(html.values())
    return {m for m in sc.MARKERS if m in text}


@pytest.mark.parametrize("who", list(AUDIENCE_OF))
def test_each_role_sees_exactly_what_is_shared_with_it(client, scenario, who):
    client.force_login(scenario.people[who])
    html = _pages(client, who, scenario.placement)
    assert _markers(html) == sc.expected_markers(AUDIENCE_OF[who]), who
    # The print holds the same plan items as the pages (never more).
    printed = next(v for k, v in html.items() if "print" in k)
    plan_markers = {sc.GOAL, sc.SCHOOL, sc.VISITS, sc.SECRET, sc.NETWORK_ONLY}
    assert {m for m in plan_markers if m in printed} == (
        sc.expected_markers(AUDIENCE_OF[who]) & plan_markers
    )


@pytest.mark.parametrize("who", list(AUDIENCE_OF))
def test_the_querysets_are_the_same_rule(scenario, who):
    """Every kind of item, counted through shared_with(access) and visible_to(user)."""
    person = scenario.people[who]
    access = access_for(person, scenario.placement)
    assert access.audiences == AUDIENCE_OF[who]
    expected = sc.expected_markers(AUDIENCE_OF[who])
    texts = set(Agreement.objects.shared_with(access).values_list("text", flat=True))
    texts |= set(Goal.objects.shared_with(access).values_list("description", flat=True))
    texts |= set(
        PerspectiveDecision.objects.filter(access.q(), placement=scenario.placement).values_list(
            "note", flat=True
        )
    )
    texts |= set(
        ZorgteamMeeting.objects.filter(access.q(), placement=scenario.placement).values_list(
            "notes", flat=True
        )
    )
    assert texts == expected - {sc.GUARDIAN, sc.COURT}
    across = set(Agreement.objects.visible_to(person).values_list("text", flat=True))
    across |= set(Goal.objects.visible_to(person).values_list("description", flat=True))
    assert across == expected & {sc.GOAL, sc.SCHOOL, sc.VISITS, sc.SECRET, sc.NETWORK_ONLY}


def test_other_professionals_see_no_court_orders_timeline_or_family_contacts(client, scenario):
    client.force_login(scenario.people["docent"])
    html = "\n".join(_pages(client, "docent", scenario.placement).values())
    assert "Tijdlijn" not in html and "Gebeurtenis vastleggen" not in html
    # Neither the legal frame nor the court order.
    assert "Juridisch kader" not in html and "OTS (ondertoezichtstelling)" not in html
    assert sc.FOSTER_EMAIL not in html and sc.FOSTER_PHONE not in html
    assert "Bereikbaar foster_parent" not in html and "moeder@example.org" not in html
    # Names, roles and how to reach the professionals are there.
    assert sc.FOSTER_NAME in html and "Pleegouder" in html
    assert "voogd@example.org" in html and "Bereikbaar voogd" in html
    # No deadlines (they tell of court orders), no recording forms.
    detail = client.get(scenario.placement.get_absolute_url()).content.decode()
    assert "Vraagt aandacht" not in detail and 'id="deadlines"' not in detail
    record = reverse("evaluations:record", args=[scenario.placement.reference, "court-order"])
    assert client.get(record).status_code == 403


def test_the_regie_sees_everything_and_every_contact(client, scenario):
    client.force_login(scenario.people["voogd"])
    html = "\n".join(_pages(client, "voogd", scenario.placement).values())
    assert _markers({"": html}) == set(sc.MARKERS)
    assert sc.FOSTER_EMAIL in html and sc.FOSTER_PHONE in html and "moeder@example.org" in html


def test_a_parent_sees_the_foster_family_by_name_but_not_its_contact_details(client, scenario):
    client.force_login(scenario.people["parent"])
    html = "\n".join(_pages(client, "parent", scenario.placement).values())
    assert sc.FOSTER_NAME in html
    assert sc.FOSTER_EMAIL not in html and sc.FOSTER_PHONE not in html


@pytest.mark.parametrize("who", ["parent"])
def test_a_parent_of_a_confidential_placement_sees_no_trace_of_the_foster_family(
    client, confidential, who, mailoutbox
):
    client.force_login(confidential.people[who])
    html = "\n".join(_pages(client, who, confidential.placement).values())
    for trace in (
        sc.FOSTER_NAME,
        "Pleeggezin-Geheim",
        sc.FOSTER_EMAIL,
        sc.FOSTER_PHONE,
        "Bereikbaar foster_parent",
        f"Taak van {sc.FOSTER_NAME}",
    ):
        assert trace not in html, trace
    # What is shared with parents is still there; the foster parent is named by role only.
    assert sc.VISITS in html and sc.DECISION in html and "Pleegouder" in html
    # The email about an adopted plan has no trace either.
    version = PlanVersion.objects.get(placement=confidential.placement)
    plan_adopted_notify(version_id=version.pk)
    mail = next(m for m in mailoutbox if m.to == [confidential.people[who].email])
    body = mail.body + mail.alternatives[0][0]
    assert "Pleeggezin-Geheim" not in body and sc.FOSTER_EMAIL not in body


def test_the_foster_parents_of_a_confidential_placement_still_see_themselves(client, confidential):
    client.force_login(confidential.people["foster_parent"])
    html = "\n".join(_pages(client, "foster_parent", confidential.placement).values())
    assert sc.FOSTER_NAME in html


def test_the_child_and_network_see_only_their_share(client, scenario):
    for who, wanted, unwanted in [
        ("child", {sc.GOAL, sc.SCHOOL, sc.VISITS}, {sc.DECISION, sc.MEETING, sc.NETWORK_ONLY}),
        ("network", {sc.NETWORK_ONLY}, {sc.GOAL, sc.SCHOOL, sc.VISITS, sc.DECISION}),
    ]:
        client.force_login(scenario.people[who])
        markers = _markers(_pages(client, who, scenario.placement))
        assert wanted <= markers and not (unwanted & markers), who


@pytest.mark.parametrize("who", ["ex_member", "stranger"])
def test_ex_members_and_strangers_get_404_everywhere(client, scenario, who):
    client.force_login(scenario.people[who])
    ref = scenario.placement.reference
    for url in (
        reverse("portal:placement", args=[ref]),
        reverse("portal:print", args=[ref]),
        reverse("cases:placement_detail", args=[ref]),
        reverse("agreements:version_print", args=[ref, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not (_markers({"": response.content.decode()}))


def test_the_family_of_an_ended_placement_is_turned_away_in_dutch(client, scenario):
    family = scenario.people["ended_family"]
    ended = scenario.ended_placement
    client.force_login(family)
    for url in (
        reverse("portal:placement", args=[ended.reference]),
        reverse("portal:print", args=[ended.reference]),
        reverse("portal:meeting_request", args=[ended.reference]),
        reverse("cases:placement_detail", args=[ended.reference]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert "Deze plaatsing is beëindigd op 21 oktober 2026" in html
        assert "Sophie" not in html
    response = client.post(
        reverse("portal:meeting_request", args=[ended.reference]), {"reason": "Graag overleg"}
    )
    assert response.status_code == 403
    assert not ended.meeting_requests.exists()
    # The portal no longer lists it.
    home = client.get(reverse("portal:home")).content.decode()
    assert ended.reference not in home


def test_the_professionals_keep_reading_the_closed_file_without_write_forms(client, scenario):
    ended = scenario.ended_placement
    client.force_login(scenario.people["regie"])
    page = client.get(ended.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "het dossier is gesloten" in html
    assert "Gebeurtenis vastleggen" not in html and "Zorgteam beheren" not in html
    assert (
        "Vraag een zorgteamoverleg aan" not in html and "Hulpverleningsplan opstellen" not in html
    )
    ref = ended.reference
    for method, url, data in [
        ("get", reverse("zorgteam:member_add", args=[ref]), None),
        ("post", reverse("agreements:version_start", args=[ref]), {}),
        ("get", reverse("evaluations:record", args=[ref, "zorgteam-meeting"]), None),
        ("get", reverse("agreements:meeting_request_add", args=[ref]), None),
        ("get", reverse("cases:privacy", args=[ref]), None),
    ]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
        assert "het dossier is nog in te zien, maar niet meer te wijzigen" in (
            response.content.decode()
        )
    assert not PlanVersion.objects.filter(placement=ended).exists()


def test_the_adoption_email_counts_what_each_person_may_see(scenario, mailoutbox):
    version = PlanVersion.objects.get(placement=scenario.placement)
    plan_adopted_notify(version_id=version.pk)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    people = scenario.people
    assert "en 1 afspraak voor jou." in bodies[people["docent"].email]
    assert "en 2 afspraken voor jou." in bodies[people["parent"].email]
    assert "en 1 afspraak voor jou." in bodies[people["network"].email]
    assert "Er staan 0 doelen in" in bodies[people["network"].email]
    assert "en 4 afspraken voor jou." in bodies[people["voogd"].email]
    assert people["ex_member"].email not in bodies


def test_the_calendar_feed_follows_access(client, scenario):
    from agreements.models import MeetingRequest
    from dashboard.calendar import calendar_items

    for placement in (scenario.placement, scenario.ended_placement):
        MeetingRequest.objects.create(
            placement=placement,
            reason="Overleg",
            status=MeetingRequest.Status.PLANNED,
            planned_on=TODAY + timedelta(days=7),
        )
    ZorgteamMeeting.objects.create(
        placement=scenario.placement,
        date=TODAY + timedelta(days=3),
        kind="after_court_order",
        participants="Team",
    )
    people = scenario.people
    refs = {i.reference for i in calendar_items(people["ended_family"], today=TODAY)}
    assert refs == set()
    regie = [i.what for i in calendar_items(people["regie"], today=TODAY)]
    docent = [i.what for i in calendar_items(people["docent"], today=TODAY)]
    assert "Zorgteamoverleg: Na een beschikking" in regie
    assert not any("beschikking" in w for w in docent) and "Zorgteamoverleg" in docent


@pytest.mark.parametrize(
    ("roles", "oversees", "ended", "expected"),
    [
        (["pleegzorgbegeleider"], False, False, {A.REGIE}),
        (["voogd"], False, True, {A.REGIE}),
        (["gedragswetenschapper"], False, False, {A.REGIE}),
        ([], True, False, {A.REGIE}),  # team lead, application manager
        (["docent"], False, False, {A.PROFESSIONALS}),
        (["behandelaar"], False, True, {A.PROFESSIONALS}),  # closed file: still read
        (["pleegouder"], False, False, {A.FOSTER_PARENTS}),
        (["pleegouder"], False, True, set()),  # family access ends on the end date
        (["ouder"], False, False, {A.PARENTS}),
        (["pleegkind"], False, False, {A.CHILD}),
        (["netwerk"], False, False, {A.NETWORK}),
        (["vertrouwenspersoon"], False, False, {A.NETWORK}),
        (["overig"], False, False, {A.NETWORK}),
        (["vertrouwenspersoon"], False, True, set()),
        (["ouder", "netwerk"], False, False, {A.PARENTS, A.NETWORK}),
        ([], False, False, set()),
    ],
)
def test_audiences_for_roles(roles, oversees, ended, expected):
    assert audiences_for_roles(roles, oversees=oversees, ended=ended) == expected


def test_reading_is_still_audited(client, scenario):
    client.force_login(scenario.people["docent"])
    client.get(scenario.placement.get_absolute_url())
    assert AuditEvent.objects.filter(
        user=scenario.people["docent"], placement=scenario.placement, action="read"
    ).exists()


def test_the_quality_figures_count_only_whole_file_placements(scenario):
    from quality.definitions import default_period
    from quality.scope import Scope

    def placements(who):
        scope = Scope(scenario.people[who], TODAY, default_period(TODAY))
        return set(scope.placements().values_list("reference", flat=True))

    assert scenario.placement.reference in placements("regie")
    assert scenario.placement.reference in placements("voogd")
    # A teacher's figures would tell of the court order's review deadline.
    assert placements("docent") == set()
