import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.services import IN_CI

ROOT = Path(__file__).resolve().parent.parent


def test_suite_runs_on_postgresql_in_ci():
    if not IN_CI and connection.vendor != "postgresql":
        pytest.skip("developer run without DATABASE_URL; CI always uses PostgreSQL")
    assert connection.vendor == "postgresql"


def test_time_and_language_defaults():
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.USE_TZ is True


def _django_setup(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "pleegzorg.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = _django_setup({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _django_setup({"DEBUG": "false", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
