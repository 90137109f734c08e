"""A crash loses nothing: Redis, the Celery broker, goes down.

Real processes: gunicorn (the Dockerfile's CMD), a Celery worker and beat (docker-compose's
commands; beat ticking every second instead of hourly) on a Redis of the test's own, the
test database on PostgreSQL and a real SMTP server.

- Redis killed: the pages keep working (the login, a logged-in page, the caseload),
  /health/ answers 503 at once and names the broker; a deadline that turns overdue
  meanwhile is reminded once Redis is back (beat's next sweep), exactly once.
- Redis frozen (it accepts connections but never answers): /health/ still answers within a
  few seconds and does not tie up the web workers. The guard is the health check's own
  socket timeouts (core/health.py); kombu's Redis transport waits forever by default.

Nothing else in the request path talks to the broker: no view enqueues a task (emails that
pages trigger go out over SMTP after the commit; reminders go through the outbox table).
"""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from core.services import heartbeat_record
from reminders.models import Digest
from tests.factories import DeadlineFactory, MembershipFactory, PlacementFactory, UserFactory
from tests.http_client import WebClient
from tests.servers import (
    Service,
    beat_argv,
    eventually,
    free_port,
    gunicorn_argv,
    port_open,
    worker_argv,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = "broker-down-test-password"
REFERENCE = "PL-BROKER-1"
VOOGD = "voogd.broker@example.org"
BEGELEIDER = "begeleider.broker@example.org"
EARLY_VOOGD = "voogd.early@example.org"
HOLD = 3.0  # seconds the SMTP server takes to answer: Redis goes down meanwhile


def overdue(placement):
    """The voogd's contact with the parents, three days overdue."""
    return DeadlineFactory(
        placement=placement,
        kind="guardian_contact",
        responsible_role="voogd",
        due_date=timezone.localdate() - timedelta(days=3),
    )


@pytest.fixture
def team(db):
    """A placement with a pleegzorgbegeleider, who logs in, and a voogd."""
    begeleider = UserFactory(email=BEGELEIDER, person_type="pleegzorgbegeleider")
    # The web process hashes with production's hasher, not the tests' fast one.
    begeleider.password = PBKDF2PasswordHasher().encode(PASSWORD, "brokerdownsalt")
    begeleider.save(update_fields=["password"])
    voogd = UserFactory(email=VOOGD, person_type="voogd")
    start = timezone.localdate() - timedelta(days=200)
    placement = PlacementFactory(reference=REFERENCE, start_date=start)
    MembershipFactory(placement=placement, person=begeleider, role="pleegzorgbegeleider")
    MembershipFactory(placement=placement, person=voogd, role="voogd")
    return placement


@pytest.fixture
def early_digest(db):
    """Another voogd's overdue deadline, due before the outage: a digest is on its way."""
    voogd = UserFactory(email=EARLY_VOOGD, person_type="voogd")
    start = timezone.localdate() - timedelta(days=200)
    placement = PlacementFactory(reference="PL-BROKER-2", start_date=start)
    MembershipFactory(placement=placement, person=voogd, role="voogd")
    return overdue(placement)


@pytest.fixture
def web(processes, celery_env, tmp_path):
    port = free_port()
    server = processes.add(
        Service("gunicorn", gunicorn_argv(port), env=celery_env(), log_dir=tmp_path)
    )
    assert eventually(lambda: port_open(port), 30), server.log_tail()
    return f"http://127.0.0.1:{port}"


def health(url, timeout=15):
    return WebClient(url, timeout=timeout).get("/health/?format=json")


def broker_check(response):
    return json.loads(response.text)["checks"]["broker"]


def pages_work(url):
    """A person logs in and goes through the pages they use; returns the slowest time."""
    client = WebClient(url, timeout=10)
    caseload = client.login(BEGELEIDER, PASSWORD)
    assert caseload.status == 200 and REFERENCE in caseload.text, (caseload.status, caseload.error)
    slowest = caseload.seconds
    for path in ("/reminders/", f"/placements/{REFERENCE}/", "/"):
        page = client.get(path)
        assert page.status == 200 and "Uitloggen" in page.text, (path, page.status, page.error)
        slowest = max(slowest, page.seconds)
    return slowest


def test_pages_work_without_the_broker_and_reminders_catch_up(
    processes, redis_server, celery_env, smtp_sink, team, early_digest, web, tmp_path
):
    smtp_sink.hold = HOLD
    env = celery_env()
    beat_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.fast_beat_settings"}
    worker = processes.add(Service("worker", worker_argv(), env=env, log_dir=tmp_path))
    worker.wait_for_output(" ready.")
    beat = processes.add(
        Service("beat", beat_argv(tmp_path / "beat"), env=beat_env, log_dir=tmp_path)
    )

    # Redis goes down while the worker has a digest in hand, at the SMTP server.
    assert smtp_sink.wait_for(lambda s: s.holding, timeout=60), "no digest went out"
    redis_server.kill()
    # Meanwhile another voogd's contact with the parents turns overdue.
    overdue(team)

    down = health(web)
    assert down.status == 503 and down.seconds < 3, (down.status, down.seconds)
    assert broker_check(down)["ok"] is False
    assert "onbereikbaar" in broker_check(down)["detail"]
    assert "onbereikbaar" in WebClient(web).get("/health/").text  # the page people read
    assert pages_work(web) < 5
    # Beat keeps ticking into the void for a while: nothing is sent, nothing is lost.
    eventually(lambda: False, timeout=HOLD)
    assert list(smtp_sink.by_recipient()) == [EARLY_VOOGD]
    assert worker.running and beat.running, "a process gave up on the broker"

    redis_server.start()  # the same port: the processes find it again by themselves
    both_reminded = smtp_sink.wait_for(lambda s: s.to(VOOGD) and s.to(BEGELEIDER), 60)
    assert both_reminded, [m["To"] for m in smtp_sink.snapshot()[0]]
    assert eventually(lambda: health(web).status == 200, 15), health(web).text
    all_sent = eventually(
        lambda: not Digest.objects.exclude(status=Digest.Status.SENT).exists(), HOLD + 10
    )
    assert all_sent, list(Digest.objects.values_list("recipient__email", "status"))
    eventually(lambda: False, timeout=3)  # more sweeps: they must send nothing again
    inbox = smtp_sink.by_recipient()
    assert {a: len(m) for a, m in inbox.items()} == {EARLY_VOOGD: 1, VOOGD: 1, BEGELEIDER: 1}


def test_a_frozen_broker_does_not_hang_health_or_the_pages(processes, redis_server, team, web):
    heartbeat_record(name="celery")  # only the broker is in question here
    # A site that has been serving: every worker has loaded the app (the first request of
    # a worker takes seconds on a busy machine, which is not what is measured here).
    with ThreadPoolExecutor(4) as pool:
        assert all(r.status == 200 for r in pool.map(lambda _n: health(web), range(8)))
    redis_server.freeze()
    try:
        # More health checks at once than gunicorn has workers (3): none may hang. Without
        # the timeout each would wait until gunicorn kills its worker (30 s).
        with ThreadPoolExecutor(4) as pool:
            checks = list(pool.map(lambda _n: health(web, timeout=25), range(4)))
        outcome = [(c.status, c.error, round(c.seconds, 1)) for c in checks]
        assert all(c.status == 503 for c in checks), outcome
        assert max(c.seconds for c in checks) < 10, outcome
        assert "onbereikbaar" in broker_check(checks[0])["detail"]
        assert pages_work(web) < 5
    finally:
        redis_server.thaw()
    assert eventually(lambda: health(web).status == 200, 10), health(web).text
