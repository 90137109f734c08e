"""The zorgteam pages: who may see and change what, bad input, and what the user reads."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from cases.models import Placement
from core.models import AuditEvent
from evaluations.models import Deadline
from tests.factories import UserFactory
from zorgteam.models import Membership

pytestmark = pytest.mark.django_db


def _url(name, placement, *args):
    return reverse(f"zorgteam:{name}", args=[placement.reference, *args])


def _text(response):
    return response.content.decode().replace("\xa0", " ")


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def voogd_membership(placement, voogd):
    return placement.memberships.get(person=voogd)


@pytest.fixture
def sanne(client, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    return client


# --- Reading ------------------------------------------------------------------------------


def test_the_page_lists_current_and_former_members(
    sanne, placement, voogd_membership, django_assert_max_num_queries
):
    voogd_membership.end_date = date(2026, 10, 31)
    voogd_membership.save()
    with django_assert_max_num_queries(12):
        response = sanne.get(_url("manage", placement))
    html = _text(response)
    assert response.status_code == 200
    assert "Zorgteam van Noor Bakker" in html
    current = html[html.index('id="current-heading"') : html.index('id="former-heading"')]
    former = html[html.index('id="former-heading"') :]
    assert "Sanne de Vries" in current and "Regie; eerste aanspreekpunt" in current
    assert "Marieke Jansen" in former and "1 september 2026 – 31 oktober 2026" in former
    assert "Lid toevoegen" in html and "Personeelswissel" in html
    assert AuditEvent.objects.filter(what="zorgteam", placement=placement).exists()


def test_the_placement_page_links_to_manage_only_for_managers(
    client, placement, pleegzorgbegeleider, voogd
):
    client.force_login(pleegzorgbegeleider)
    page = _text(client.get(placement.get_absolute_url()))
    assert "Zorgteam beheren" in page and _url("manage", placement) in page
    client.force_login(voogd)
    assert "Zorgteam beheren" not in _text(client.get(placement.get_absolute_url()))


def test_other_professionals_read_but_cannot_change(client, placement, voogd, voogd_membership):
    client.force_login(voogd)
    response = client.get(_url("manage", placement))
    assert response.status_code == 200
    html = _text(response)
    assert "Alleen de pleegzorgbegeleider of de teamleider" in html
    assert "Lid toevoegen" not in html and "Personeelswissel" not in html
    for name, args in [
        ("member_add", ()),
        ("member_edit", (voogd_membership.pk,)),
        ("member_end", (voogd_membership.pk,)),
        ("member_replace", (voogd_membership.pk,)),
    ]:
        assert client.get(_url(name, placement, *args)).status_code == 403
        assert client.post(_url(name, placement, *args), {}).status_code == 403
    post = client.post(
        _url("member_end", placement, voogd_membership.pk), {"end_date": "2026-11-20"}
    )
    assert post.status_code == 403
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date is None


def test_the_team_lead_of_the_provider_may_manage(client, placement, organisation):
    lead = UserFactory(
        person_type="pleegzorgbegeleider", organisation=organisation, is_team_lead=True
    )
    client.force_login(lead)
    assert client.get(_url("member_add", placement)).status_code == 200
    other_lead = UserFactory(person_type="pleegzorgbegeleider", is_team_lead=True)
    client.force_login(other_lead)
    assert client.get(_url("manage", placement)).status_code == 404


def test_a_superuser_may_manage(client, placement):
    admin = UserFactory(person_type="professional", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(_url("member_add", placement)).status_code == 200


def test_the_foster_parents_go_to_their_portal(client, placement, foster_parent):
    client.force_login(foster_parent)
    response = client.get(_url("manage", placement))
    assert response.status_code == 302
    assert response.url == reverse("portal:placement", args=[placement.reference])
    response = client.post(_url("member_add", placement), {"email": "x@example.org"})
    assert response.status_code == 302
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_other_family_gets_404_on_every_page(
    client, placement, other_placement, other_foster_parent, voogd_membership
):
    client.force_login(other_foster_parent)
    pk = voogd_membership.pk
    for name, args in [
        ("manage", ()),
        ("member_add", ()),
        ("member_edit", (pk,)),
        ("member_end", (pk,)),
        ("member_replace", (pk,)),
    ]:
        assert client.get(_url(name, placement, *args)).status_code == 404
        assert (
            client.post(_url(name, placement, *args), {"end_date": "2026-11-20"}).status_code == 404
        )
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date is None


def test_a_membership_of_another_placement_is_404(sanne, placement, other_placement):
    theirs = other_placement.memberships.get()
    assert sanne.get(_url("member_edit", placement, theirs.pk)).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, placement):
    response = client.get(_url("manage", placement))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- Adding --------------------------------------------------------------------------------


def _add(client, placement, **data):
    return client.post(
        _url("member_add", placement),
        {"role": "docent", "start_date": "2026-11-20", "full_name": "Typed Name", **data},
        follow=True,
    )


def test_adding_answers_the_same_whether_or_not_an_account_exists(sanne, placement, mailoutbox):
    UserFactory(email="juf@school.nl", full_name="Juf Anna", person_type="professional")
    UserFactory(email="weg@school.nl", full_name="Oud Account", is_active=False)
    pages = {}
    for email in ("juf@school.nl", "weg@school.nl", "niemand@school.nl"):
        response = _add(sanne, placement, email=email)
        pages[email] = _messages(response)
        html = _text(response)
        # Never the account's own name, never "switched off".
        assert "Juf Anna" not in html and "Oud Account" not in html
        assert "uitgeschakeld" not in html
    assert pages["juf@school.nl"] == [
        "Er is een uitnodiging verstuurd naar juf@school.nl. Zodra die is aangenomen, zit de "
        "persoon in het zorgteam als Docent."
    ]
    assert [m[0].replace(e, "X") for e, m in pages.items()] == [
        pages["juf@school.nl"][0].replace("juf@school.nl", "X")
    ] * 3
    # Nobody is attached at once: the team is unchanged until someone accepts.
    assert not placement.memberships.filter(role="docent").exists()
    assert placement.invitations.pending().count() == 3


def test_a_pending_invitation_shows_on_the_team_page_and_can_be_withdrawn(sanne, placement):
    _add(sanne, placement, email="opa@example.org", full_name="Opa Bakker", role="netwerk")
    invitation = placement.invitations.get()
    page = _text(sanne.get(_url("manage", placement)))
    assert "Uitgenodigd, nog niet aangenomen" in page and "opa@example.org" in page
    response = sanne.post(_url("invitation_revoke", placement, invitation.pk), follow=True)
    assert "De uitnodiging aan opa@example.org is ingetrokken." in _messages(response)
    assert not placement.invitations.pending().exists()


def test_add_a_new_person_invites_them(
    sanne, placement, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sanne.post(
            _url("member_add", placement),
            {
                "email": "opa@example.org",
                "full_name": "Opa Bakker",
                "role": "netwerk",
                "start_date": "2026-11-20",
                "responsibilities": "Haalt Noor op woensdag op",
            },
            follow=True,
        )
    assert (
        "Er is een uitnodiging verstuurd naar opa@example.org. Zodra die is aangenomen, zit de "
        "persoon in het zorgteam als Netwerk." in _messages(response)
    )
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["opa@example.org"]
    assert "/invitations/" in mailoutbox[0].body


def test_the_child_joins_when_she_accepts_and_the_page_says_so(sanne, placement):
    from zorgteam.services import invitation_accept

    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    sanne.post(
        _url("member_add", placement),
        {
            "email": "noor@example.org",
            "full_name": "Noor Bakker",
            "role": "pleegkind",
            "start_date": "2026-11-20",
        },
    )
    invitation = placement.invitations.get()
    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    # The token is only in the email; the test re-issues a known one for the same invitation.
    from zorgteam.invitations import hash_token

    invitation.token_hash = hash_token("known-token")
    invitation.save(update_fields=["token_hash"])
    invitation_accept(token="known-token", password="een-lang-wachtwoord-42")
    assert (
        not Deadline.objects.open()
        .filter(placement=placement, kind="child_joins_zorgteam")
        .exists()
    )
    page = _text(sanne.get(placement.get_absolute_url()))
    assert "Afgerond: het kind is lid geworden van het zorgteam" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Vul het e-mailadres van de persoon in."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"role": "koning"}, "Kies een rol uit de lijst."),
        ({"full_name": ""}, "Vul de naam van de persoon in."),
        ({"start_date": "0001-01-01"}, "Kies een datum tussen 1 september 2026 en"),
        ({"start_date": "9999-12-31"}, "Kies een datum tussen 1 september 2026 en"),
        ({"responsibilities": "x" * 1001}, "niet meer dan 1000 tekens"),
        ({"email": "marieke@example.org", "role": "voogd"}, "al lid van dit zorgteam in deze rol"),
        ({"start_date": ""}, "Vul in vanaf wanneer de persoon lid is."),
    ],
)
def test_bad_input_keeps_what_was_typed_and_saves_nothing(sanne, placement, data, message):
    counts = (User.objects.count(), Membership.objects.count())
    typed = {
        "email": "nieuw@example.org",
        "full_name": "Nieuw Persoon",
        "role": "behandelaar",
        "start_date": "2026-11-20",
        "responsibilities": "Speltherapie op dinsdag",
        **data,
    }
    response = sanne.post(_url("member_add", placement), typed)
    assert response.status_code == 200
    html = _text(response)
    assert message in html
    assert typed["responsibilities"] in html
    assert (User.objects.count(), Membership.objects.count()) == counts
    assert not placement.invitations.exists()


# --- Editing and ending --------------------------------------------------------------------


def test_edit_who_does_what(sanne, placement, voogd_membership):
    page = _text(sanne.get(_url("member_edit", placement, voogd_membership.pk)))
    assert 'name="role"' not in page and 'name="email"' not in page
    response = sanne.post(
        _url("member_edit", placement, voogd_membership.pk),
        {
            "responsibilities": "Besluiten en perspectief",
            "reachable": "Ma-do per e-mail",
            "role": "docent",
        },
        follow=True,
    )
    assert "Opgeslagen." in _messages(response)
    voogd_membership.refresh_from_db()
    assert voogd_membership.responsibilities == "Besluiten en perspectief"
    assert voogd_membership.reachable == "Ma-do per e-mail"
    assert voogd_membership.role == "voogd"


def test_end_a_membership(sanne, placement, voogd_membership):
    response = sanne.post(
        _url("member_end", placement, voogd_membership.pk), {"end_date": "2026-11-30"}, follow=True
    )
    assert "Marieke Jansen is lid tot en met 30 november 2026." in _messages(response)
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date == date(2026, 11, 30)


def test_an_end_before_the_start_is_refused(sanne, placement, voogd_membership):
    response = sanne.post(
        _url("member_end", placement, voogd_membership.pk), {"end_date": "2026-08-31"}
    )
    assert response.status_code == 200
    html = _text(response)
    assert "De einddatum kan niet vóór de begindatum (1 september 2026) liggen." in html
    assert 'value="2026-08-31"' in html
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date is None


# --- Staff change --------------------------------------------------------------------------


def test_staff_change_of_the_voogd(sanne, placement, voogd, voogd_membership):
    from zorgteam.invitations import hash_token
    from zorgteam.services import invitation_accept

    joost = UserFactory(email="joost@example.org", full_name="Joost Bakker", person_type="voogd")
    response = sanne.post(
        _url("member_replace", placement, voogd_membership.pk),
        {
            "email": "joost@example.org",
            "full_name": "Joost",
            "change_date": "2026-11-20",
            "responsibilities": "Besluiten; contact met de ouders",
            "reachable": "Di en do",
        },
        follow=True,
    )
    assert (
        "Er is een uitnodiging verstuurd naar joost@example.org. Zodra die is aangenomen, neemt "
        "de nieuwe persoon het op 20 november 2026 over van Marieke Jansen als (Gezins)voogd en "
        "wordt een warme overdracht gepland." in _messages(response)
    )
    # Nothing changes until Joost accepts (he logs in to do so: he has an account).
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date is None
    invitation = placement.invitations.get()
    invitation.token_hash = hash_token("known-token")
    invitation.save(update_fields=["token_hash"])
    invitation_accept(token="known-token", user=joost)

    handover = Deadline.objects.open().get(placement=placement, kind="handover")
    assert (handover.due_date, handover.responsible_role) == (date(2026, 12, 4), "voogd")
    new = placement.memberships.get(person=joost)
    assert (new.role, new.start_date, new.reachable) == ("voogd", date(2026, 11, 20), "Di en do")
    # The old voogd keeps her history in the team, but from the change date on she no
    # longer sees the placement.
    voogd_membership.refresh_from_db()
    assert voogd_membership.end_date == date(2026, 11, 19)
    team = _text(sanne.get(_url("manage", placement)))
    assert "Marieke Jansen" in team[team.index('id="former-heading"') :]
    assert not Placement.objects.visible_to(voogd).filter(pk=placement.pk).exists()
    assert (
        Placement.objects.visible_to(voogd, on=date(2026, 11, 19)).filter(pk=placement.pk).exists()
    )
    sanne.force_login(voogd)
    assert sanne.get(_url("manage", placement)).status_code == 404
    assert sanne.get(placement.get_absolute_url()).status_code == 404


def test_staff_change_before_the_start_is_refused(sanne, placement, voogd_membership):
    response = sanne.post(
        _url("member_replace", placement, voogd_membership.pk),
        {"email": "joost@example.org", "full_name": "Joost", "change_date": "2026-09-01"},
    )
    assert "De wissel moet na de start van het huidige lid (1 september 2026) liggen." in _text(
        response
    )
    assert not User.objects.filter(email="joost@example.org").exists()
    assert not Deadline.objects.open().filter(placement=placement, kind="handover").exists()


def test_the_pleegzorgbegeleider_hands_over_her_own_place(client, placement, pleegzorgbegeleider):
    from zorgteam.invitations import hash_token
    from zorgteam.services import invitation_accept

    client.force_login(pleegzorgbegeleider)
    mine = placement.memberships.get(person=pleegzorgbegeleider)
    response = client.post(
        _url("member_replace", placement, mine.pk),
        {"email": "ahmed@example.org", "full_name": "Ahmed el Amrani", "change_date": "2026-11-20"},
    )
    # She keeps her place until Ahmed accepts: back to the team page.
    assert response.status_code == 302 and response.url == _url("manage", placement)
    invitation = placement.invitations.get()
    invitation.token_hash = hash_token("known-token")
    invitation.save(update_fields=["token_hash"])
    invitation_accept(token="known-token", password="een-lang-wachtwoord-42")
    handover = Deadline.objects.open().get(placement=placement, kind="handover")
    assert handover.responsible_role == "pleegzorgbegeleider"
    ahmed = User.objects.get(email="ahmed@example.org")
    assert ahmed.person_type == "pleegzorgbegeleider"
    assert ahmed.full_name == "Ahmed el Amrani"
    # Now she can no longer see the placement: from the team page she lands on her caseload.
    assert client.get(_url("manage", placement)).status_code == 404
