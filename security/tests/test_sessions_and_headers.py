"""Idle timeout, and the headers every page carries: no caching of anything a logged-in
person sees, a Content-Security-Policy without inline code, a Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

START = "2026-11-02 10:00:00+01:00"


@pytest.fixture
def at(time_machine):
    def _at(moment):
        time_machine.move_to(moment, tick=False)

    _at(START)
    return _at


# --- Idle timeout -----------------------------------------------------------------------------


def test_a_professional_is_logged_out_after_30_idle_minutes(client, at, placement, voogd):
    url = reverse("cases:placement_detail", args=[placement.reference])
    client.force_login(voogd)
    at("2026-11-02 10:29:00+01:00")
    assert client.get(url).status_code == 200  # activity restarts the clock
    at("2026-11-02 10:58:30+01:00")
    assert client.get(url).status_code == 200
    at("2026-11-02 11:29:00+01:00")  # 30.5 minutes after the last request
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('login')}?next={url}"
    html = response.content.decode()
    assert "Je bent uitgelogd omdat je 30 minuten niets hebt gedaan." in html
    assert "Noor" not in html
    assert "_auth_user_id" not in client.session


def test_a_family_stays_logged_in_longer(client, at, placement, foster_parent):
    url = reverse("portal:placement", args=[placement.reference])
    client.force_login(foster_parent)
    at("2026-11-02 14:00:00+01:00")  # four idle hours
    assert client.get(url).status_code == 200
    at("2026-11-03 02:01:00+01:00")  # twelve hours and a minute
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_timeouts_come_from_settings(client, at, settings, placement, voogd):
    settings.IDLE_TIMEOUT_PROFESSIONAL_MINUTES = 5
    client.force_login(voogd)
    at("2026-11-02 10:06:00+01:00")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_the_session_itself_expires_on_the_server(client, voogd):
    client.force_login(voogd)
    timeout = settings.IDLE_TIMEOUT_PROFESSIONAL_MINUTES * 60
    assert timeout <= client.session.get_expiry_age() <= timeout + 60


# --- Headers ----------------------------------------------------------------------------------


def _csp(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.mark.parametrize("who", ["pleegzorgbegeleider", "foster_parent", None])
def test_every_page_has_a_strict_csp_and_a_permissions_policy(request, client, placement, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    url = (
        reverse("login")
        if who is None
        else reverse("portal:placement", args=[placement.reference])
        if who == "foster_parent"
        else reverse("cases:placement_detail", args=[placement.reference])
    )
    response = client.get(url)
    assert response.status_code == 200
    policy = _csp(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_pages_for_a_logged_in_person_are_never_stored(client, placement, foster_parent, voogd):
    client.force_login(voogd)
    for url in (
        reverse("cases:placement_detail", args=[placement.reference]),
        reverse("home"),
        reverse("reminders:open"),
        reverse("security:account"),
    ):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url
    family = client.__class__()
    family.force_login(foster_parent)
    cache_control = family.get(reverse("portal:placement", args=[placement.reference]))[
        "Cache-Control"
    ]
    assert "no-store" in cache_control and "private" in cache_control


def test_the_set_up_page_with_its_secret_key_is_never_stored(pleegzorgbegeleider):
    from django.test import Client

    browser = Client()
    browser.force_login(pleegzorgbegeleider)  # password step only
    response = browser.get(reverse("security:two_factor_setup"))
    assert 'id="totp-secret"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + [
    path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in str(path)
]
INLINE = re.compile(r"""style=|<style|<script(?![^>]*\bsrc=)|\son[a-z]+=""", re.IGNORECASE)


def test_no_template_has_inline_style_or_script():
    """The CSP blocks inline code; one left in a template would silently not work. Email
    templates are exempt: mail clients need inline styles and no browser applies the CSP."""
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if "emails" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if INLINE.search(line):
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line}")
    assert offenders == []


def test_redirects_to_the_second_factor_carry_the_headers_too(placement, pleegzorgbegeleider):
    from django.test import Client

    browser = Client()
    browser.force_login(pleegzorgbegeleider)  # password step only
    response = browser.get(reverse("cases:placement_detail", args=[placement.reference]))
    assert response.status_code == 302
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]
