"""/health/ shows when the reminder sweep last ran, what is pending or failed, and a stale sweep."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.services import heartbeat_record
from evaluations.models import Deadline
from reminders.health import check_reminder_sweep
from reminders.models import Digest
from reminders.services import reminders_sweep

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


def test_health_shows_the_last_sweep_and_the_counts(client, travel, make_deadline, voogd):
    make_deadline(DUE)
    travel(DUE)
    heartbeat_record(name="celery")
    reminders_sweep(as_of=DUE)
    Digest.objects.create(recipient=voogd, day=DUE, status=Digest.Status.FAILED)
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    check = response.json()["checks"]["reminders"]
    assert check["ok"] is True
    assert check["detail"].startswith("laatst nagelopen 2026-03-31 06:00:00")
    assert check["detail"].endswith("1 wachtend, 1 mislukt")


def test_a_sweep_older_than_26_hours_is_flagged(client, travel, make_deadline):
    travel(DUE)
    reminders_sweep(as_of=DUE)
    travel(DUE + timedelta(days=1))  # 24 hours later: still fine
    assert check_reminder_sweep().ok is True
    later = timezone.now() + timedelta(hours=2, minutes=1)
    assert check_reminder_sweep(now=later).ok is False
    travel(DUE + timedelta(days=2))
    heartbeat_record(name="celery")
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["checks"]["reminders"]["ok"] is False


def test_a_sweep_that_never_ran_is_flagged_once_deadlines_have_waited(travel, make_deadline):
    travel(DUE)
    assert check_reminder_sweep().ok is True  # a fresh install: nothing to sweep yet
    deadline = make_deadline(DUE + timedelta(days=30))
    assert check_reminder_sweep().ok is True  # created just now
    Deadline.objects.filter(pk=deadline.pk).update(created_at=timezone.now() - timedelta(hours=27))
    check = check_reminder_sweep()
    assert check.ok is False
    assert "nog nooit nagelopen" in check.detail
