"""Fixtures for the reminders app: a bare placement with a known team, and a real SMTP server."""

import email
import socket
import time
from datetime import date
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.factories import (
    ChildFactory,
    DeadlineFactory,
    MembershipFactory,
    PlacementFactory,
    UserFactory,
)


@pytest.fixture
def frozen_hour():
    """travel(day) lands at 06:00 Amsterdam: when beat runs the sweep."""
    return 6


@pytest.fixture
def team(db, pleegzorgbegeleider, voogd, foster_parent):
    """A placement without computed deadlines: the tests add exactly the ones they need.

    Child "Noor Bakker": the email may show "Noor", never "Bakker".
    """
    placement = PlacementFactory(
        reference="PL-REM-1",
        child=ChildFactory(first_name="Noor", last_name="Bakker", birth_date=date(2019, 3, 4)),
        start_date=date(2026, 1, 15),
    )
    for person, role in (
        (pleegzorgbegeleider, "pleegzorgbegeleider"),
        (voogd, "voogd"),
        (foster_parent, "pleegouder"),
    ):
        MembershipFactory(placement=placement, person=person, role=role)
    return placement


@pytest.fixture
def make_deadline(team):
    def _make(due_date, kind="guardian_contact", responsible_role="voogd", placement=None, **kw):
        return DeadlineFactory(
            placement=placement or team,
            kind=kind,
            due_date=due_date,
            responsible_role=responsible_role,
            **kw,
        )

    return _make


@pytest.fixture
def professional(db):
    """A professional who is in no zorgteam of these tests."""
    return UserFactory(
        email="ahmed@example.org", full_name="Ahmed el Amrani", person_type="pleegzorgbegeleider"
    )


# --- A real SMTP server (aiosmtpd) ----------------------------------------------------------


class Inbox:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    def __init__(self, port):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        """An outage: the port refuses connections until start() again."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, address, count=1, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.inbox.to(address)) < count:
            time.sleep(0.05)
        return self.inbox.to(address)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port, with Django's SMTP backend pointed at it."""
    server = SmtpServer(_free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
