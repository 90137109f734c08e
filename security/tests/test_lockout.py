"""Lockout (django-axes, database handler): after LOGIN_FAILURE_LIMIT wrong passwords for
one account, or from one address, the right password is refused too, until the cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def _attempt(email, password, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": email, "password": password})


def _logged_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_the_right_password_is_refused_after_too_many_wrong_ones(
    pleegzorgbegeleider, password, time_machine
):
    time_machine.move_to("2026-11-02 10:00:00+01:00", tick=False)
    for _ in range(4):
        response = _attempt("sanne@example.org", "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    locked = _attempt("sanne@example.org", "wrong-password")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Tijdelijk geblokkeerd" in html
    assert "Inloggen is daarom 15 minuten geblokkeerd, ook met het juiste wachtwoord." in html

    refused = _attempt("sanne@example.org", password)
    assert refused.status_code == 429 and not _logged_in(refused)
    # Also from another address, and however the address is capitalised: it is per account.
    assert _attempt("SANNE@example.org", password, address="198.51.100.9").status_code == 429

    time_machine.move_to("2026-11-02 10:16:00+01:00", tick=False)
    assert _logged_in(_attempt("sanne@example.org", password))


def test_one_address_guessing_across_accounts_is_locked_out(pleegzorgbegeleider, voogd, password):
    for n in range(5):
        _attempt(f"unknown{n}@example.org", "guess")
    # The next account tried from that address is refused, right password and all...
    assert _attempt("marieke@example.org", password).status_code == 429
    # ...while the same person elsewhere logs in as usual.
    assert _logged_in(_attempt("marieke@example.org", password, address="198.51.100.9"))


def test_a_success_does_not_wipe_the_count_of_guesses_at_another_account(
    pleegzorgbegeleider, voogd, password
):
    """Otherwise whoever has one account resets a guessing run against another."""
    for _ in range(4):
        _attempt("sanne@example.org", "guess")
    assert _logged_in(_attempt("marieke@example.org", password, address="198.51.100.9"))
    assert _attempt("sanne@example.org", "guess", address="198.51.100.9").status_code == 429


def test_failures_are_stored_in_the_database_without_the_password(pleegzorgbegeleider):
    _attempt("sanne@example.org", "my-secret-guess")
    attempt = AccessAttempt.objects.get(username="sanne@example.org")
    assert attempt.ip_address == "203.0.113.7"
    assert attempt.failures_since_start == 1
    assert "my-secret-guess" not in attempt.post_data


def test_the_address_behind_a_trusted_proxy_is_the_forwarded_one(settings, pleegzorgbegeleider):
    settings.TRUSTED_PROXY_COUNT = 1
    browser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.44")
    browser.post(LOGIN, {"username": "sanne@example.org", "password": "guess"})
    assert AccessAttempt.objects.get().ip_address == "192.0.2.44"  # not the forged 1.1.1.1


def test_the_default_limit_and_lockout_come_from_the_environment():
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {**os.environ, "LOGIN_FAILURE_LIMIT": "7", "LOGIN_LOCKOUT_MINUTES": "45"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds())",
        ],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "pleegzorg.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["7", "2700.0"], out.stderr


def test_a_person_with_a_long_account_history_is_not_locked_by_old_failures(
    pleegzorgbegeleider, password, time_machine
):
    time_machine.move_to("2026-11-02 10:00:00+01:00", tick=False)
    for _ in range(4):
        _attempt("sanne@example.org", "typo")
    time_machine.move_to("2026-11-02 11:00:00+01:00", tick=False)
    for _ in range(4):
        _attempt("sanne@example.org", "typo")
    assert _logged_in(_attempt("sanne@example.org", password))


def test_many_failures_for_unknown_addresses_do_not_lock_a_real_user_elsewhere(
    pleegzorgbegeleider, password
):
    other = UserFactory(email="other@example.org", person_type="pleegouder")
    for _ in range(6):
        _attempt(other.email, "guess", address="203.0.113.99")
    assert _logged_in(_attempt("sanne@example.org", password, address="198.51.100.1"))
