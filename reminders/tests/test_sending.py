"""Sending: one Dutch digest per person per day, claim-then-send, nothing stale, nothing twice."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from evaluations.models import Deadline
from reminders.models import Digest, Reminder
from reminders.sending import (
    NOTHING,
    SENT,
    SKIPPED,
    DigestSendFailed,
    digest_send,
    sweep_and_send_now,
)
from reminders.services import reminders_sweep
from tests.factories import ChildFactory, MembershipFactory, PlacementFactory

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


def bodies(message):
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    return message.body, html


def test_the_voogd_gets_one_dutch_digest_grouped_by_placement(
    travel, make_deadline, team, voogd, mailoutbox, settings
):
    settings.SITE_URL = "https://zorgteam.example.nl"
    other = PlacementFactory(
        reference="PL-REM-2", child=ChildFactory(first_name="Daan", last_name="Visser")
    )
    MembershipFactory(placement=other, person=voogd, role="voogd")
    make_deadline(DUE - timedelta(days=3))  # guardian contact: 3 days overdue
    make_deadline(DUE + timedelta(days=10), kind="perspective_decision")
    make_deadline(DUE, kind="court_order_review", placement=other, key="7")
    travel(DUE)

    sweep_and_send_now(as_of=DUE)

    to_voogd = [m for m in mailoutbox if m.to == ["marieke@example.org"]]
    assert len(to_voogd) == 1
    message = to_voogd[0]
    assert message.subject == "Herinnering: 3 termijnen vragen je aandacht, ook te late"
    text, html = bodies(message)
    for body in (text, html):
        assert "Hallo Marieke," in body
        assert "PL-REM-1 · Noor" in body.replace("</a>", "")
        assert "PL-REM-2 · Daan" in body.replace("</a>", "")
        assert "Contact van de voogd met de ouders" in body
        assert "3 dagen te laat" in body
        assert "28 maart 2026" in body
        assert "Perspectiefbesluit nemen" in body
        assert "over 10 dagen" in body
        assert "Besluit over verlenging van de maatregel" in body
        assert "vandaag" in body
        # Straight to where to act: the form that records the contact, the court order's
        # extension decision; and each placement's page.
        assert "https://zorgteam.example.nl/placements/PL-REM-1/record/guardian-contact/" in body
        assert "https://zorgteam.example.nl/placements/PL-REM-2/court-orders/7/review/" in body
        assert "https://zorgteam.example.nl/placements/PL-REM-1/" in body
        assert "https://zorgteam.example.nl/placements/PL-REM-2/" in body
        # Data minimisation: the child's first name only.
        assert "Bakker" not in body
        assert "Visser" not in body
        assert "2019" not in body
    # Grouped by placement: Noor's two items come together, before Daan's.
    assert text.index("PL-REM-1") < text.index("Contact van de voogd") < text.index("PL-REM-2")


def test_the_pleegzorgbegeleider_gets_the_escalation_and_the_family_nothing(
    travel, make_deadline, mailoutbox, foster_parent
):
    make_deadline(DUE - timedelta(days=2))
    travel(DUE)
    sweep_and_send_now(as_of=DUE)
    assert sorted(m.to[0] for m in mailoutbox) == ["marieke@example.org", "sanne@example.org"]
    to_pbg = next(m for m in mailoutbox if m.to == ["sanne@example.org"])
    assert "te laat: jij hebt de regie" in to_pbg.body
    assert all(foster_parent.email not in m.to for m in mailoutbox)


def test_a_second_run_the_same_day_sends_nothing(travel, make_deadline, mailoutbox):
    make_deadline(DUE)
    travel(DUE)
    sweep_and_send_now(as_of=DUE)
    assert len(mailoutbox) == 1
    travel(DUE)  # an hour later, the hourly sweep
    run = sweep_and_send_now(as_of=DUE)
    assert len(mailoutbox) == 1
    assert run.sweep.new == [] and run.results == {}


def test_new_items_later_in_the_day_wait_for_tomorrows_digest(
    travel, make_deadline, mailoutbox, voogd
):
    make_deadline(DUE)
    travel(DUE)
    sweep_and_send_now(as_of=DUE)
    make_deadline(DUE, kind="perspective_study_start")  # recorded later that day
    sweep_and_send_now(as_of=DUE)

    def to_voogd():
        return [m for m in mailoutbox if m.to == ["marieke@example.org"]]

    assert len(to_voogd()) == 1  # one email per person per day
    travel(DUE + timedelta(days=1))
    sweep_and_send_now(as_of=DUE + timedelta(days=1))
    assert len(to_voogd()) == 2
    tomorrow = to_voogd()[1]
    # Yesterday's "due today" is stale now: the overdue stage replaces it, once per deadline.
    assert tomorrow.body.count("Contact van de voogd met de ouders") == 1
    assert tomorrow.body.count("Perspectiefonderzoek starten") == 1
    assert "1 dag te laat" in tomorrow.body
    assert Reminder.objects.filter(recipient=voogd, stage="due", status="dropped").count() == 1


def test_a_deadline_done_between_sweep_and_send_sends_nothing(
    travel, make_deadline, mailoutbox, voogd
):
    deadline = make_deadline(DUE)
    travel(DUE)
    reminders_sweep(as_of=DUE)
    # The voogd records the contact before the digest goes out.
    Deadline.objects.filter(pk=deadline.pk).update(status=Deadline.Status.DONE, closed_on=DUE)
    result = digest_send(recipient_id=voogd.pk, day=DUE)
    assert result.outcome == NOTHING
    assert mailoutbox == []
    reminder = Reminder.objects.get(recipient=voogd)
    assert (reminder.status, reminder.dropped_reason) == ("dropped", "deadline closed")
    # The claim was released: something new later today can still go out.
    assert Digest.objects.get(recipient=voogd).status == Digest.Status.PENDING


def test_a_recipient_who_left_the_zorgteam_is_not_sent_the_reminder(
    travel, make_deadline, mailoutbox, team, voogd
):
    make_deadline(DUE)
    travel(DUE)
    reminders_sweep(as_of=DUE)
    team.memberships.filter(person=voogd).update(end_date=DUE - timedelta(days=1))
    assert digest_send(recipient_id=voogd.pk, day=DUE).outcome == NOTHING
    assert mailoutbox == []


def test_an_already_claimed_digest_is_not_sent_again(travel, make_deadline, mailoutbox, voogd):
    make_deadline(DUE)
    travel(DUE)
    reminders_sweep(as_of=DUE)
    assert digest_send(recipient_id=voogd.pk, day=DUE).outcome == SENT
    assert digest_send(recipient_id=voogd.pk, day=DUE).outcome == SKIPPED
    assert len(mailoutbox) == 1


def test_an_smtp_failure_is_recorded_and_retried_with_backoff(
    travel, make_deadline, voogd, smtp_server, settings
):
    settings.REMINDER_RETRY_BASE_SECONDS = 300
    make_deadline(DUE)
    travel(DUE, tick=True)
    reminders_sweep(as_of=DUE)
    smtp_server.stop()
    with pytest.raises(DigestSendFailed) as failure:
        digest_send(recipient_id=voogd.pk, day=DUE)
    assert failure.value.retry_in == 300
    digest = Digest.objects.get(recipient=voogd)
    assert digest.status == Digest.Status.FAILED
    assert digest.attempts == 1
    assert "Connection refused" in digest.last_error or "Errno" in digest.last_error
    assert digest.next_attempt_at > timezone.now() + timedelta(seconds=290)
    # Not lost: the reminder waits in the pool.
    assert Reminder.objects.get(recipient=voogd).status == Reminder.Status.PENDING

    smtp_server.start()
    # Before the backoff has passed nothing is tried.
    assert digest_send(recipient_id=voogd.pk, day=DUE).outcome == SKIPPED
    assert smtp_server.inbox.messages == []
    # Five minutes later the retry goes through, once.
    travel_later = digest.next_attempt_at + timedelta(seconds=1)
    assert digest_send(recipient_id=voogd.pk, day=DUE, now=travel_later).outcome == SENT
    assert digest_send(recipient_id=voogd.pk, day=DUE, now=travel_later).outcome == SKIPPED
    assert len(smtp_server.inbox.to("marieke@example.org")) == 1
    digest.refresh_from_db()
    assert (digest.status, digest.attempts, digest.last_error) == (Digest.Status.SENT, 2, "")


def test_a_digest_that_failed_yesterday_is_replaced_by_todays(
    travel, make_deadline, voogd, smtp_server
):
    make_deadline(DUE + timedelta(days=5))
    travel(DUE, tick=True)
    reminders_sweep(as_of=DUE)
    smtp_server.stop()
    with pytest.raises(DigestSendFailed):
        digest_send(recipient_id=voogd.pk, day=DUE)
    smtp_server.start()
    tomorrow = DUE + timedelta(days=1)
    travel(tomorrow, tick=True)
    run = sweep_and_send_now(as_of=tomorrow)
    assert [r.outcome for r in run.results.values()] == [SENT]
    assert len(smtp_server.inbox.to("marieke@example.org")) == 1
    assert dict(Digest.objects.values_list("day", "status")) == {
        DUE: Digest.Status.SUPERSEDED,
        tomorrow: Digest.Status.SENT,
    }
    assert mail.outbox == []  # the real SMTP server got it, not the test outbox
