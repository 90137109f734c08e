import pytest
from django.urls import reverse

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


def test_health_is_503_without_a_heartbeat(client):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert "never ran" in response.content.decode()


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
