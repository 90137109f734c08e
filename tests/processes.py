"""Helpers for tests that start the real processes (make run, gunicorn, Celery) and talk HTTP.

Each process is started in its own session so the whole group (runserver's reloader,
gunicorn's workers, Celery's pool) is stopped together, also when the test fails.
"""

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    url: str


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client, like a browser without JavaScript."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None, headers=None, timeout=10):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self._opener.open(req, timeout=timeout) as resp:
                return Response(resp.status, dict(resp.headers), _text(resp.read()), resp.url)
        except urllib.error.HTTPError as exc:
            return Response(exc.code, dict(exc.headers), _text(exc.read()), req.full_url)

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request(path, data=data, **kwargs)

    def cookie(self, name):
        return next((c for c in self.cookies if c.name == name), None)


def _text(raw):
    return raw.decode("utf-8", errors="replace")


def wait_until(probe, *, timeout, interval=0.2, what="condition"):
    """Call probe() until it returns something truthy; return that, or fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def answers(base_url, path="/", status=200):
    """A probe: does the server answer `path` with `status`? (False while it is not up.)"""

    def probe():
        try:
            return Browser(base_url).get(path, timeout=5).status == status
        except OSError:
            return False

    return probe


def start(argv, *, cwd, env, log_path):
    log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    proc.log_file = log
    proc.log_path = log_path
    return proc


def stop(proc, sig=signal.SIGTERM, timeout=20):
    """Stop the process and everything it started (its session's process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout)
    # Whatever is left of the group (a leader that hung, a pool process that outlived it).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.log_file.close()


def log_text(proc):
    proc.log_file.flush()
    with open(proc.log_path, "rb") as fh:
        return _text(fh.read())
