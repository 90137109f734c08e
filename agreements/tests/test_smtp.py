"""The meeting-request email crosses a real SMTP connection (aiosmtpd) as plain text + HTML."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from agreements.services import meeting_request_create

pytestmark = [pytest.mark.django_db, pytest.mark.services]


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield sink
    finally:
        controller.stop()


def test_meeting_request_email_over_smtp(
    plan, placement, foster_parent, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_request_create(
            placement=placement, requested_by=foster_parent, reason="Noor slaapt slecht na bezoek."
        )
    [envelope] = smtp_sink.messages
    assert envelope.rcpt_tos == ["sanne@example.org"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert (
        message["Subject"] == "Familie Visser vraagt een zorgteamoverleg aan over Noor (PL-TEST-1)"
    )
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Noor slaapt slecht na bezoek." in text and "Noor slaapt slecht na bezoek." in html
    assert "Ieder lid van het zorgteam mag een overleg aanvragen" in text
