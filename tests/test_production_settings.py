"""Production settings (DEBUG=false): the deployment checks, and cookies that follow TLS."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _production(argv, **env_overrides):
    # DJANGO_ALLOW_ASYNC_UNSAFE is the test suite's (conftest.py), never production's.
    inherited = {
        "SECRET_KEY",
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(
        DJANGO_SETTINGS_MODULE="pleegzorg.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="zorgteam.example.nl",
        # Production needs a cache shared by the workers (security.E001); never contacted here.
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deployment_checks_are_clean_for_the_production_settings():
    result = _production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_COOKIE_FLAGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
)


@pytest.mark.parametrize(
    ("redirect", "expected"),
    [(None, "True True True"), ("true", "True True True"), ("false", "False False False")],
)
def test_secure_cookies_follow_the_tls_redirect(redirect, expected):
    # Plain http (the compose stack on localhost) needs cookies without the Secure flag, or
    # the browser never sends them back and login fails; behind TLS they are always Secure.
    overrides = {} if redirect is None else {"SECURE_SSL_REDIRECT": redirect}
    result = _production(["-c", PRINT_COOKIE_FLAGS], **overrides)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
