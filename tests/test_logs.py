"""Logs an operator can use: a request id on every line, text or JSON, no personal data."""

import io
import json
import logging
import runpy
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.urls import reverse
from gunicorn.config import Config

from core.logs import (
    ContextFilter,
    GunicornLogger,
    make_formatter,
    mask_path,
    redact,
    request_id_var,
)
from tests.services import redis_url, require

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "Zq3xY8vB2nK5mP7wR1tL9cD4hF6jS0aE"


@pytest.fixture
def log_output():
    """log_output(fmt): the root handler of settings.LOGGING, writing to a buffer."""
    root = logging.getLogger()
    added = []

    def capture(log_format="text"):
        buffer = io.StringIO()
        handler = logging.StreamHandler(buffer)
        handler.setFormatter(make_formatter(log_format))
        handler.addFilter(ContextFilter())
        root.addHandler(handler)
        added.append(handler)
        return buffer

    yield capture
    for handler in added:
        root.removeHandler(handler)


def test_the_logging_settings_use_the_scrubbing_formatter_and_the_context_filter():
    console = settings.LOGGING["handlers"]["console"]
    assert console["filters"] == ["context"]
    assert settings.LOGGING["filters"]["context"]["()"] == "core.logs.ContextFilter"
    formatter = settings.LOGGING["formatters"][console["formatter"]]
    assert formatter == {"()": "core.logs.make_formatter", "log_format": "text"}
    assert settings.LOGGING["root"]["handlers"] == ["console"]
    # Django's own handlers would print a second, unscrubbed copy of its lines.
    for name in ("django", "django.server"):
        assert settings.LOGGING["loggers"][name]["handlers"] == []
    assert settings.MIDDLEWARE[0] == "core.middleware.RequestLogMiddleware"


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        (f"/dashboard/calendar/{TOKEN}.ics", "/dashboard/calendar/***.ics"),
        (
            f"GET /dashboard/calendar/{TOKEN}.ics HTTP/1.1",
            "GET /dashboard/calendar/***.ics HTTP/1.1",
        ),
        ("/dashboard/calendar/", "/dashboard/calendar/"),
        ("/dashboard/calendar/new-address/", "/dashboard/calendar/new-address/"),
        ("/accounts/reset/MTI/cz1x2c-0a1b2c3d4e5f6a7b8c9d/", "/accounts/reset/MTI/***/"),
        ("/accounts/reset/MTI/set-password/", "/accounts/reset/MTI/set-password/"),
        (f"/invitations/{TOKEN}/", "/invitations/***/"),
        (f"GET /invitations/{TOKEN}/?next=x HTTP/1.1", "GET /invitations/***/?next=x HTTP/1.1"),
        ("/placements/12/", "/placements/12/"),
    ],
)
def test_url_secrets_are_masked(path, masked):
    assert mask_path(path) == masked


def test_email_addresses_are_redacted():
    text = "digest to marieke.jansen+zorg@example.org failed; celery@worker1 is fine"
    assert redact(text) == "digest to [email] failed; celery@worker1 is fine"


@pytest.mark.django_db
def test_each_request_logs_one_line_with_its_id_and_the_user_id_only(
    client, log_output, pleegzorgbegeleider, placement
):
    output = log_output("text")
    client.force_login(pleegzorgbegeleider)
    home = client.get(reverse("home"))
    feed_url = reverse("dashboard:calendar_feed", args=[pleegzorgbegeleider.calendar_token])
    feed = client.get(feed_url)
    assert (home.status_code, feed.status_code) == (200, 200)

    text = output.getvalue()
    home_id, feed_id = home["X-Request-ID"], feed["X-Request-ID"]
    assert home_id != feed_id
    assert f"[request_id={home_id}] GET / 200 " in text
    assert f"user={pleegzorgbegeleider.pk}" in text
    assert f"[request_id={feed_id}] GET /dashboard/calendar/***.ics 200 " in text
    assert pleegzorgbegeleider.calendar_token not in text
    for personal in (pleegzorgbegeleider.email, pleegzorgbegeleider.full_name, "Bakker"):
        assert personal not in text


@pytest.mark.django_db
def test_json_lines_carry_the_request_fields(client, log_output, voogd):
    output = log_output("json")
    client.force_login(voogd)
    response = client.get(f"/dashboard/calendar/{TOKEN}.ics")  # nobody's token: 404
    assert response.status_code == 404

    records = [json.loads(line) for line in output.getvalue().splitlines()]
    request_id = response["X-Request-ID"]
    mine = [r for r in records if r["request_id"] == request_id]
    by_logger = {r["logger"]: r for r in mine}
    # Django's own "Not Found" line carries the id of the request it belongs to.
    assert by_logger["django.request"]["message"] == "Not Found: /dashboard/calendar/***.ics"
    line = by_logger["pleegzorg.request"]
    assert line["level"] == "INFO"
    assert (line["http_method"], line["path"], line["status"]) == (
        "GET",
        "/dashboard/calendar/***.ics",
        404,
    )
    assert line["user_id"] == voogd.pk
    assert isinstance(line["duration_ms"], int)
    assert TOKEN not in output.getvalue()


@pytest.mark.django_db
def test_a_proxys_request_id_is_kept_and_junk_is_replaced(client):
    kept = client.get(reverse("login"), HTTP_X_REQUEST_ID="a1b2c3d4e5f6a7b8c9d0")
    assert kept["X-Request-ID"] == "a1b2c3d4e5f6a7b8c9d0"
    junk = client.get(reverse("login"), HTTP_X_REQUEST_ID="x\n[email] forged line")
    assert junk["X-Request-ID"] != "x\n[email] forged line"
    assert len(junk["X-Request-ID"]) == 32


def _gunicorn_logger(tmp_path, monkeypatch, log_format):
    monkeypatch.setenv("LOG_FORMAT", log_format)
    ours = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    cfg.set("access_log_format", ours["access_log_format"])
    assert ours["logger_class"] == "core.logs.GunicornLogger"
    return GunicornLogger(cfg)


def _access(logger, path):
    resp = SimpleNamespace(
        status="200 OK",
        sent=512,
        headers=[("Content-Type", "text/calendar"), ("X-Request-ID", "rid-1234567890")],
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://zorgteam.example.nl{path}",
    }
    logger.access(resp, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_gunicorns_access_log_masks_the_calendar_token(tmp_path, monkeypatch, log_format):
    logger = _gunicorn_logger(tmp_path, monkeypatch, log_format)
    _access(logger, f"/dashboard/calendar/{TOKEN}.ics")
    line = (tmp_path / "access.log").read_text()
    assert TOKEN not in line
    assert "/dashboard/calendar/***.ics" in line
    if log_format == "json":
        record = json.loads(line)
        assert record["request_id"] == "rid-1234567890"
        assert (record["path"], record["status"]) == ("/dashboard/calendar/***.ics", "200")
    else:
        assert '"GET /dashboard/calendar/***.ics HTTP/1.1" 200 512 12ms' in line
        assert line.rstrip().endswith("request_id=rid-1234567890")


@pytest.fixture
def redis_celery_app():
    from pleegzorg.celery import app

    url = redis_url()
    require(url, "no Redis broker configured (CELERY_BROKER_URL=redis://...)")
    original = {
        "broker_url": app.conf.broker_url,
        "broker_transport_options": app.conf.broker_transport_options,
        "task_always_eager": app.conf.task_always_eager,
    }
    app.conf.update(broker_url=url, broker_transport_options={}, task_always_eager=False)
    yield app
    app.conf.update(**original)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_task_queued_by_a_request_logs_with_its_request_id(redis_celery_app, log_output):
    from core.models import Heartbeat
    from core.tasks import heartbeat

    with start_worker(redis_celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        output = log_output("json")
        token = request_id_var.set("req-0123456789abcdef")
        try:
            heartbeat.delay()  # as a view would, while serving the request
        finally:
            request_id_var.reset(token)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "succeeded" not in output.getvalue():
            time.sleep(0.1)
    assert Heartbeat.objects.filter(name="celery").exists()
    records = [json.loads(line) for line in output.getvalue().splitlines()]
    done = [r for r in records if "succeeded" in r["message"]]
    assert done, records
    assert done[0]["request_id"] == "req-0123456789abcdef"
    assert done[0]["task_name"] == "core.tasks.heartbeat"
    assert done[0]["task_id"]
