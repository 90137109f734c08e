"""The sender's log lines name users by id: no address, no name."""

import logging
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from reminders.sending import DigestSendFailed, digest_send
from reminders.services import reminders_sweep

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


def _our_lines(caplog):
    # The test's SMTP server (aiosmtpd, logger "mail.log") logs addresses; it is not ours.
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("reminders"))


def _personal(person):
    return [person.email, person.full_name, *person.full_name.split()]


def test_a_sent_digest_is_logged_with_the_user_id(
    travel, make_deadline, voogd, smtp_server, caplog
):
    make_deadline(DUE)
    travel(DUE, tick=True)
    reminders_sweep(as_of=DUE)
    with caplog.at_level(logging.INFO, logger="reminders"):
        digest_send(recipient_id=voogd.pk, day=DUE)
    assert smtp_server.wait_for(voogd.email)
    text = _our_lines(caplog)
    assert f"sent to user {voogd.pk} (1 items)" in text
    for personal in _personal(voogd):
        assert personal not in text


class RefusingHandler:
    """An SMTP server that refuses the recipient, quoting the address as real servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


@pytest.fixture
def refusing_smtp_server(settings):
    from reminders.tests.conftest import _free_port

    controller = Controller(RefusingHandler(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield controller
    controller.stop()


def test_a_refused_digest_is_logged_without_the_address_the_server_quoted(
    travel, make_deadline, voogd, refusing_smtp_server, caplog
):
    make_deadline(DUE)
    travel(DUE, tick=True)
    reminders_sweep(as_of=DUE)
    with caplog.at_level(logging.INFO, logger="reminders"), pytest.raises(DigestSendFailed):
        digest_send(recipient_id=voogd.pk, day=DUE)
    text = _our_lines(caplog)
    assert f"to user {voogd.pk} failed (SMTPRecipientsRefused)" in text
    for personal in _personal(voogd):
        assert personal not in text
    # The detail stays where an administrator can read it: the digest's last error.
    assert voogd.email in voogd.reminder_digests.get().last_error
