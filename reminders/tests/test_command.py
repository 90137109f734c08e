"""`manage.py send_reminders [--as-of DATE] [--dry-run]`."""

import time
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models import Heartbeat
from reminders.models import Digest, Reminder

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_who_would_get_what_and_writes_and_sends_nothing(
    travel, make_deadline, mailoutbox
):
    make_deadline(DUE - timedelta(days=2))
    travel(DUE)
    out, _err = run("--dry-run")
    assert "Marieke Jansen <marieke@example.org>: 1 item(s)" in out
    assert "Sanne de Vries <sanne@example.org>: 1 item(s)" in out
    assert "PL-REM-1 · Noor — Contact van de voogd met de ouders: 2 dagen te laat" in out
    assert "2 digest(s) would be sent." in out
    assert "visser@example.org" not in out  # the foster parent gets nothing
    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert not Digest.objects.exists()
    assert not Heartbeat.objects.exists()


def test_dry_run_after_the_days_run_shows_nothing_more(travel, make_deadline, mailoutbox):
    make_deadline(DUE)
    travel(DUE)
    run()
    out, _err = run("--dry-run")
    assert "0 digest(s) would be sent." in out


def test_as_of_runs_for_that_day_and_a_second_run_sends_nothing(make_deadline, mailoutbox):
    make_deadline(DUE)
    out, _err = run("--as-of", "2026-03-17")  # 14 days before: due soon
    assert "Sent 1 digests (1 reminders)" in out
    assert "over 14 dagen" in mailoutbox[0].body
    out, _err = run("--as-of", "2026-03-17")
    assert "0 new reminders" in out
    assert "Sent 0 digests" in out
    assert len(mailoutbox) == 1
    assert Heartbeat.objects.filter(name="reminder-sweep").exists()


def test_as_of_must_be_a_date():
    with pytest.raises(CommandError, match="not a date"):
        run("--as-of", "31-03-2026")


def test_an_smtp_outage_is_reported_and_the_next_run_sends(make_deadline, smtp_server, settings):
    settings.REMINDER_RETRY_BASE_SECONDS = 1
    make_deadline(DUE)
    smtp_server.stop()
    out, err = run("--as-of", "2026-03-31")
    assert "1 failed and will be retried" in out
    assert "failed" in err
    smtp_server.start()
    time.sleep(1.1)  # the backoff
    out, _err = run("--as-of", "2026-03-31")
    assert "Sent 1 digests (1 reminders)" in out
    assert len(smtp_server.inbox.to("marieke@example.org")) == 1
