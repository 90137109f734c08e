from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import core.health
from core.models import Heartbeat
from core.services import heartbeat_record
from pleegzorg.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_broker(monkeypatch):
    # A port where nothing listens: the connection is refused at once. Celery reads the
    # CELERY_BROKER_URL environment variable before its own configuration, so set both.
    url = "redis://127.0.0.1:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    yield
    celery_app.conf.broker_url = original


def test_health_is_ok_with_database_broker_and_recent_heartbeat(client):
    heartbeat_record(name="celery")
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    body = response.json()
    assert response.status_code == 200, body
    assert body["ok"] is True
    assert set(body["checks"]) >= {"database", "broker", "heartbeat"}


def test_health_is_503_when_the_broker_is_unreachable(client, unreachable_broker):
    heartbeat_record(name="celery")
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_health_says_it_is_starting_up_until_the_first_heartbeat(client, monkeypatch):
    # The web process has just started (the suite itself may have run for minutes).
    monkeypatch.setattr(core.health, "PROCESS_STARTED", timezone.now())
    response = client.get(reverse("health"))
    assert response.status_code == 503  # monitors still see "not ready"
    page = response.content.decode()
    assert "Bezig met opstarten" in page
    assert "wacht op het eerste teken van leven van de achtergrondtaken" in page
    assert "Er werkt iets niet" not in page
    body = client.get(reverse("health"), HTTP_ACCEPT="application/json").json()
    assert body["starting"] is True
    assert body["checks"]["heartbeat"] == {
        "ok": False,
        "waiting": True,
        "detail": "Bezig met opstarten: wacht op het eerste teken van leven van de "
        "achtergrondtaken (Celery-worker en beat). Dat duurt meestal een paar seconden.",
    }


def test_health_is_down_when_no_heartbeat_came_long_after_the_start(client, monkeypatch):
    monkeypatch.setattr(core.health, "PROCESS_STARTED", timezone.now() - timedelta(minutes=10))
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    body = response.json()
    assert response.status_code == 503
    assert body["starting"] is False
    assert body["checks"]["heartbeat"]["waiting"] is False
    assert "draaien de Celery-worker en beat?" in body["checks"]["heartbeat"]["detail"]


def test_a_stale_heartbeat_is_waiting_at_start_and_down_later(client, monkeypatch):
    heartbeat_record(name="celery")
    Heartbeat.objects.update(last_run=timezone.now() - timedelta(hours=20))
    monkeypatch.setattr(core.health, "PROCESS_STARTED", timezone.now())
    check = core.health.check_heartbeat()
    assert (check.ok, check.waiting) == (False, True)  # yesterday's, the app was just restarted
    monkeypatch.setattr(core.health, "PROCESS_STARTED", timezone.now() - timedelta(minutes=10))
    check = core.health.check_heartbeat()
    assert (check.ok, check.waiting) == (False, False)
    assert check.detail.startswith("laatste hartslag ")
    assert check.detail.endswith(" s geleden)")


def test_health_hides_exception_text(client, monkeypatch):
    url = "redis://secret-host.internal:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    try:
        body = client.get(reverse("health"), HTTP_ACCEPT="application/json").content.decode()
    finally:
        celery_app.conf.broker_url = original
    assert "secret-host" not in body
