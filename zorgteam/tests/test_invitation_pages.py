"""The page behind an invitation link, and "Wachtwoord vergeten" for accounts without one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory
from zorgteam.services import member_invite

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "blauwe-fiets-op-de-dijk-17"


def _invite(placement, **kwargs):
    return member_invite(
        placement=placement,
        email=kwargs.pop("email", "opa@example.org"),
        full_name=kwargs.pop("full_name", "Opa Bakker"),
        role=kwargs.pop("role", "netwerk"),
        start_date=date(2026, 11, 20),
        **kwargs,
    )


def _url(invitation):
    return reverse("invitation_accept", args=[invitation.token])


def test_a_new_person_chooses_a_password_and_then_logs_in(client, placement):
    invitation = _invite(placement)
    page = client.get(_url(invitation))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Uitnodiging voor een zorgteam" in html and "Kies een wachtwoord" in html
    # Nothing of the placement before acceptance: the link may have reached the wrong inbox.
    assert "Noor" not in html and placement.reference not in html
    response = client.post(
        _url(invitation),
        {"full_name": "Opa Bakker", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    opa = User.objects.get(email="opa@example.org")
    assert opa.check_password(NEW_PASSWORD)
    assert placement.memberships.filter(person=opa, role="netwerk").exists()
    # Used once: the link is gone.
    again = client.get(_url(invitation))
    assert again.status_code == 410
    assert "Deze uitnodiging is verlopen of al gebruikt" in again.content.decode()


def test_the_password_rules_see_the_name_and_keep_what_was_typed(client, placement):
    invitation = _invite(placement)
    response = client.post(
        _url(invitation),
        {"full_name": "Opa Bakker", "new_password1": "opaexample", "new_password2": "opaexample"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Opa Bakker"' in html
    assert "lijkt te veel op" in html  # compared with the invited email address
    assert not User.objects.filter(email="opa@example.org").exists()


def test_an_account_with_a_password_logs_in_and_accepts(client, placement, password):
    teacher = UserFactory(email="juf@school.nl", full_name="Juf Anna", person_type="professional")
    invitation = _invite(placement, email="juf@school.nl", role="docent")
    page = client.get(_url(invitation)).content.decode()
    assert "Je hebt al een account: log in om de uitnodiging aan te nemen." in page
    assert "Juf Anna" not in page
    client.force_login(teacher)
    assert "Uitnodiging aannemen" in client.get(_url(invitation)).content.decode()
    response = client.post(_url(invitation), follow=True)
    assert "Je zit nu in het zorgteam als Docent." in response.content.decode()
    assert placement.memberships.filter(person=teacher, role="docent").exists()


def test_someone_else_logged_in_cannot_accept(client, placement, foster_parent):
    invitation = _invite(placement)
    client.force_login(foster_parent)
    response = client.post(_url(invitation))
    assert response.status_code == 403
    assert "Deze uitnodiging is voor een ander e-mailadres" in response.content.decode()
    assert invitation.__class__.objects.get(pk=invitation.pk).is_pending


def test_an_expired_link_is_refused_in_dutch(client, placement, time_machine):
    invitation = _invite(placement)
    time_machine.move_to(timezone.now() + timedelta(days=8))
    response = client.post(
        _url(invitation),
        {"full_name": "Opa", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="opa@example.org").exists()


def test_a_made_up_link_is_refused(client):
    assert client.get(reverse("invitation_accept", args=["x" * 43])).status_code == 410
    assert client.get(reverse("invitation_accept", args=["x" * 500])).status_code == 410


def test_accounts_without_a_password_can_set_one_through_the_reset_flow(client, mailoutbox):
    imported = UserFactory(email="geimporteerd@example.org", person_type="pleegouder")
    imported.set_unusable_password()
    imported.save()
    client.post(reverse("password_reset"), {"email": "geimporteerd@example.org"})
    assert len(mailoutbox) == 1
    link = next(w for w in mailoutbox[0].body.split() if "/accounts/reset/" in w)
    form = client.get(link[link.index("/accounts/reset/") :], follow=True)
    form_url = form.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    imported.refresh_from_db()
    assert imported.check_password(NEW_PASSWORD)


def test_switched_off_accounts_get_no_reset_email_and_the_same_answer(client, mailoutbox):
    UserFactory(email="weg@example.org", is_active=False)
    UserFactory(email="er@example.org")
    answers = [
        client.post(reverse("password_reset"), {"email": email}, follow=True).redirect_chain
        for email in ("weg@example.org", "niemand@example.org", "er@example.org")
    ]
    assert answers[0] == answers[1] == answers[2]
    assert [m.to for m in mailoutbox] == [["er@example.org"]]


def test_reset_links_expire_within_hours(settings):
    assert settings.PASSWORD_RESET_TIMEOUT <= 24 * 60 * 60
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 60 * 60
    assert settings.INVITATION_DAYS == 7


def test_a_reset_link_older_than_the_timeout_does_not_work(client, mailoutbox, time_machine):
    UserFactory(email="er@example.org")
    client.post(reverse("password_reset"), {"email": "er@example.org"})
    link = next(w for w in mailoutbox[0].body.split() if "/accounts/reset/" in w)
    path = link[link.index("/accounts/reset/") :]
    time_machine.move_to(timezone.now() + timedelta(minutes=30))
    assert 'name="new_password1"' in client.get(path, follow=True).content.decode()
    # Several hours later (the margin covers the token clock's local-time arithmetic).
    time_machine.move_to(timezone.now() + timedelta(hours=5))
    client.logout()
    page = client.get(path, follow=True)
    assert 'name="new_password1"' not in page.content.decode()
    assert User.objects.get(email="er@example.org").check_password(TEST_PASSWORD)
