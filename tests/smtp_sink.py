"""A real SMTP server (aiosmtpd) for tests whose mail comes from another process.

`hold` slows the server down the way a busy mail relay is slow: it keeps each message as
soon as the data is in (a real relay queues it then) and only after `hold` seconds answers
250. A sender killed in between has delivered a message it never heard was accepted.
"""

import asyncio
import email
import logging
import threading
import time
from email import policy

from aiosmtpd.controller import Controller

from tests.processes import free_port

# aiosmtpd logs every SMTP command at INFO: noise in a failing test's output.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class SmtpSink:
    def __init__(self, hold=0.0):
        self.hold = hold
        self.messages = []
        self.holding = 0  # messages kept but not yet answered
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
            self.holding += 1
        try:
            await asyncio.sleep(self.hold)
        finally:
            with self._lock:
                self.holding -= 1
        return "250 Message accepted for delivery"

    def snapshot(self):
        """(messages so far, how many of them are not yet answered)."""
        with self._lock:
            return list(self.messages), self.holding

    def to(self, address):
        return [m for m in self.snapshot()[0] if address in m["To"]]

    def by_recipient(self):
        counts = {}
        for message in self.snapshot()[0]:
            for address in message["To"].addresses:
                counts.setdefault(address.addr_spec, []).append(message)
        return counts

    def wait_for(self, condition, timeout):
        deadline = time.monotonic() + timeout
        while not condition(self) and time.monotonic() < deadline:
            time.sleep(0.05)
        return condition(self)
