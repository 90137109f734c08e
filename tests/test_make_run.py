"""`make run` is healthy from the first seconds.

The real thing: scripts/run.sh (what `make run` calls) with its SQLite database, filesystem
broker, Celery worker and beat and runserver, in a temporary folder. /health/ must answer 200
within 10 s of the server answering, and until then say that it is starting, not that
something is down.
"""

import json
import os
import signal
import time
from pathlib import Path

from tests.processes import Browser, answers, free_port, log_text, start, stop, wait_until

ROOT = Path(__file__).resolve().parent.parent
HEALTHY_WITHIN_SECONDS = 10


def test_make_run_is_healthy_within_seconds_of_serving(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DEBUG"}
    }
    env.update(
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
    )
    base = f"http://127.0.0.1:{port}"
    proc = start(["bash", "scripts/run.sh"], cwd=ROOT, env=env, log_path=tmp_path / "run.log")
    try:
        # migrate + load_demo on a fresh SQLite database come first.
        wait_until(answers(base, "/accounts/login/"), timeout=180, what="make run to serve")
        serving = time.monotonic()
        seen = []

        def healthy():
            response = Browser(base).get("/health/?format=json")
            seen.append((round(time.monotonic() - serving, 1), response.status, response.body))
            return response.status == 200

        wait_until(healthy, timeout=60, interval=0.25, what="/health/ to answer 200")
        took = time.monotonic() - serving
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- run.sh output:\n{log_text(proc)[-3000:]}") from exc
    finally:
        stop(proc, sig=signal.SIGINT)  # Ctrl-C, as a developer stops it

    print(f"/health/ answered 200 {took:.1f} s after the server first answered")
    assert took <= HEALTHY_WITHIN_SECONDS, seen
    for _at, status, body in seen[:-1]:
        # Before the first heartbeat: starting up, with the Dutch reason, never "down".
        assert status == 503
        data = json.loads(body)
        assert data["starting"] is True, data
        assert "wacht op het eerste teken van leven" in data["checks"]["heartbeat"]["detail"]
