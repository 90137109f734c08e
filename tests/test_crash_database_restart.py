"""A crash loses nothing: PostgreSQL restarts while gunicorn serves.

gunicorn runs as the Dockerfile's CMD says, on a PostgreSQL cluster of the test's own (the
shared one is never stopped), with the demo data. A logged-in user keeps loading the
caseload while the database stops for a few seconds and starts again. Requests may fail
while it is down; every request that starts once it is back succeeds, in every gunicorn
worker, without restarting the web processes, and the session survives.

The guard: the web processes keep their database connection between requests
(CONN_MAX_AGE), so after the restart each worker holds a dead connection. Django's
CONN_HEALTH_CHECKS tests it before the first query of each request and reconnects; without
it, the first request of every worker after the restart fails.
"""

import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from demo.data import DEMO_PASSWORD
from tests.http_client import WebClient
from tests.servers import (
    PostgresCluster,
    Service,
    app_env,
    eventually,
    free_port,
    gunicorn_argv,
    manage,
    port_open,
    postgres_bin_dir,
)
from tests.services import require

pytestmark = pytest.mark.services

LOGIN = "sanne@demo.pleegzorg.nl"
ON_THE_CASELOAD = "DEMO-001"  # a running placement of hers in the demo data
DOWN_SECONDS = 3


@pytest.fixture
def postgres():
    require(
        postgres_bin_dir(), "the PostgreSQL server is not installed (apt-get install postgresql)"
    )
    if os.geteuid() == 0:
        require(shutil.which("runuser"), "runuser is needed to run PostgreSQL as root")
    cluster = PostgresCluster().init().start()
    yield cluster
    print(cluster.log_tail())
    cluster.destroy()


@pytest.fixture
def web(postgres, processes, tmp_path):
    postgres.psql("CREATE DATABASE pleegzorg")
    env = app_env(database_url=postgres.url("pleegzorg"), var_dir=tmp_path / "var")
    manage("migrate", "--noinput", env=env)
    conn_max_age = manage(
        "shell",
        "-c",
        "from demo.data import load_demo; load_demo();"
        "from django.db import connection; print(connection.settings_dict['CONN_MAX_AGE'])",
        env=env,
    ).splitlines()[-1]
    port = free_port()
    server = processes.add(Service("gunicorn", gunicorn_argv(port), env=env, log_dir=tmp_path))
    assert eventually(lambda: port_open(port), 30), server.log_tail()
    return server, f"http://127.0.0.1:{port}", int(conn_max_age or 0)


def on_the_caseload(response):
    return response.status == 200 and ON_THE_CASELOAD in response.text


def burst(client, count=12, parallel=6):
    """Parallel requests, so that every gunicorn worker (each serves one at a time) gets some."""
    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(lambda _n: client.get("/"), range(count)))


def backends(postgres):
    return int(postgres.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'pleegzorg'"))


def restart(postgres, down_seconds):
    """Stop (ending every connection, as any restart does), stay down, start again.
    Returns the moment it accepts connections again."""
    postgres.stop(mode="fast")
    time.sleep(down_seconds)
    postgres.start()  # returns once it accepts connections
    return time.monotonic()


def test_requests_fail_at_most_while_the_database_restarts(web, postgres):
    server, url, conn_max_age = web
    client = WebClient(url, timeout=15)
    assert on_the_caseload(client.login(LOGIN, DEMO_PASSWORD)), "could not log in"
    workers = server.children()
    assert len(workers) >= 2, workers
    assert all(on_the_caseload(r) for r in burst(client))
    if conn_max_age:
        # What makes a restart bite: the workers hold their connections between requests.
        assert eventually(lambda: backends(postgres) >= 1, 5), "no connection is kept"

    # 1. A restart on a quiet moment: every worker still holds its now dead connection
    # when the next requests come in. Each of them must succeed.
    restart(postgres, down_seconds=1)
    quiet = burst(client)
    failed = [(r.status, r.error or r.text[:300]) for r in quiet if not on_the_caseload(r)]
    assert not failed, f"after a restart on a quiet moment: {failed}"

    # 2. A restart while a user keeps loading the caseload.
    log = []  # (started, finished, response)
    done = threading.Event()

    def user():
        while not done.is_set():
            started = time.monotonic()
            response = client.get("/")
            log.append((started, time.monotonic(), response))
            time.sleep(0.05)

    thread = threading.Thread(target=user)
    thread.start()
    try:
        time.sleep(1)
        down_at = time.monotonic()
        up_at = restart(postgres, down_seconds=DOWN_SECONDS)
        after = burst(client)
        time.sleep(1)
    finally:
        done.set()
        thread.join(timeout=30)

    before = [r for started, finished, r in log if finished < down_at]
    during = [r for started, finished, r in log if finished >= down_at and started < up_at]
    after += [r for started, finished, r in log if started >= up_at]
    failed = [(r.status, r.error or r.text[:300]) for r in after if not on_the_caseload(r)]
    print(
        f"before: {len(before)} ok; during ({DOWN_SECONDS} s down): "
        f"{sum(not on_the_caseload(r) for r in during)} of {len(during)} failed; "
        f"after: {len(after) - len(failed)} of {len(after)} ok"
    )
    assert before and all(on_the_caseload(r) for r in before)
    assert len(after) >= 12 and not failed, failed
    # While it is down, requests fail fast instead of hanging on the database.
    assert all(r.seconds < 5 for r in during), [round(r.seconds, 1) for r in during]
    # The same processes served throughout: nothing was restarted.
    assert server.running and server.children() == workers
    # The session lived in the database through the restarts; logging in works too.
    assert on_the_caseload(WebClient(url).login(LOGIN, DEMO_PASSWORD))
