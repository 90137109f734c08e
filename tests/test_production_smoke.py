"""Production smoke test: the image's recipe, run for real without a Docker engine.

What the Dockerfile and docker-compose.yml do, read from those files (tests/deploy_recipe.py):
the build context copied as `COPY . .` does, a fresh virtual environment with a non-editable
`pip install .`, collectstatic as the build step runs it, then with the compose stack's app
environment (DEBUG=false, a random SECRET_KEY, plain http on localhost) on a fresh PostgreSQL
database and a Redis db index of its own: the `migrate` service, gunicorn as the image's CMD
with gunicorn.conf.py, and the compose worker and beat. Then what an operator checks first:
the login page, a hashed static file with a far-future Cache-Control, a real login, /health/.
"""

import os
import re
import secrets
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis

from tests import deploy_recipe
from tests.processes import Browser, answers, free_port, log_text, start, stop, wait_until
from tests.services import redis_url, require
from tests.twofactor import totp_code_for_secret

ROOT = deploy_recipe.Path(__file__).resolve().parent.parent
ADMIN_EMAIL = "beheer@smoke.example.org"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
FAR_FUTURE = 365 * 24 * 3600  # WhiteNoise gives hashed files ten years; a year is "far"

pytestmark = pytest.mark.services


def _with_db(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def smoke_database():
    """A fresh PostgreSQL database next to the configured one, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    require(url.startswith("postgres"), "no PostgreSQL configured (DATABASE_URL=postgres://...)")
    name = urlsplit(url).path.lstrip("/") + "_smoke"
    admin_url = _with_db(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _with_db(url, name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def smoke_broker():
    """A Redis db index of its own (the configured one + 8), emptied first: a worker of
    another run must not take this run's tasks, nor this one theirs."""
    url = redis_url()
    require(url, "no Redis broker configured (CELERY_BROKER_URL=redis://...)")
    parts = urlsplit(url)
    index = (int(parts.path.lstrip("/") or 0) + 8) % 16
    smoke_url = urlunsplit(parts._replace(path=f"/{index}"))
    redis.Redis.from_url(smoke_url).flushdb()
    yield smoke_url
    redis.Redis.from_url(smoke_url).flushdb()


def _run(argv, *, cwd, env, timeout):
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{argv} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_image_recipe_builds_and_serves(tmp_path, smoke_database, smoke_broker):
    timings = {}
    clock = time.monotonic()
    recipe = deploy_recipe.read(ROOT)
    # web runs the image's CMD: a `command:` on it would be a second, drifting web command.
    assert "command" not in recipe.compose["services"]["web"]

    # --- build: COPY . ., pip install ., collectstatic ---------------------------------------
    app = deploy_recipe.copy_build_context(ROOT, tmp_path / "app")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=os.environ, timeout=120)
    # Non-editable, as the image installs it; pip's cache keeps this to seconds.
    _run([venv / "bin/python", "-m", "pip", "install", "--quiet", "."], cwd=app,
         env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}, timeout=600)  # fmt: skip
    timings["venv + pip install ."] = time.monotonic() - clock

    image_env = {k: deploy_recipe.in_workdir(v, app) for k, v in recipe.image_env.items()}
    base_env = {
        "PATH": f"{venv}/bin:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "LANG": "C.UTF-8",
        **image_env,
    }
    step = time.monotonic()
    build = _run(recipe.static_argv, cwd=app, env={**base_env, **recipe.static_env}, timeout=300)
    assert "static files copied" in build.stdout, build.stdout
    timings["collectstatic"] = time.monotonic() - step

    # --- run: the compose app environment with this machine's services ------------------------
    env = {**base_env, **recipe.app_env({"SECRET_KEY": secrets.token_urlsafe(50)})}
    assert env["DEBUG"] == "false"
    overrides = {
        "DATABASE_URL": smoke_database,
        "CELERY_BROKER_URL": smoke_broker,
        "CACHE_URL": smoke_broker,  # rate limits shared by the gunicorn workers
        "EMAIL_URL": "consolemail://",  # no Mailpit here; this test sends no email
    }
    assert set(overrides) <= set(env), "override only what the compose file sets"
    env.update(overrides)

    step = time.monotonic()
    _run(recipe.service_argv("migrate"), cwd=app, env=env, timeout=300)
    timings["migrate"] = time.monotonic() - step
    # The README's first step after `up`: an application manager.
    _run(
        ["python", "manage.py", "createsuperuser", "--noinput"],
        cwd=app,
        env={
            **env,
            "DJANGO_SUPERUSER_EMAIL": ADMIN_EMAIL,
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            "DJANGO_SUPERUSER_FULL_NAME": "Beheer Smoketest",
        },
        timeout=120,
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web_env = {**env, "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}"}
    processes = {
        "web": start(recipe.web_argv, cwd=app, env=web_env, log_path=tmp_path / "web.log"),
        "worker": start(
            recipe.service_argv("worker"), cwd=app, env=env, log_path=tmp_path / "worker.log"
        ),
        "beat": start(
            recipe.service_argv("beat"), cwd=app, env=env, log_path=tmp_path / "beat.log"
        ),
    }
    try:
        step = time.monotonic()
        wait_until(answers(base, "/accounts/login/"), timeout=90, what="gunicorn to serve")
        timings["gunicorn up"] = time.monotonic() - step
        browser = _check_what_an_operator_checks(base, timings)
        _check_the_logs_carry_ids_and_no_secrets(browser, processes)
        for name, proc in processes.items():
            assert proc.poll() is None, f"{name} exited:\n{log_text(proc)[-3000:]}"
    except AssertionError as exc:
        logs = "\n".join(f"--- {n}:\n{log_text(p)[-2500:]}" for n, p in processes.items())
        raise AssertionError(f"{exc}\n{logs}") from exc
    finally:
        for proc in processes.values():
            stop(proc)
    timings["total"] = time.monotonic() - clock
    print("production smoke test:", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))


def _check_what_an_operator_checks(base, timings):
    browser = Browser(base)

    login_page = browser.get("/accounts/login/")
    assert login_page.status == 200
    assert "Inloggen" in login_page.body

    # Hashed static files (the manifest storage) with a far-future, immutable Cache-Control.
    hashed = re.findall(
        r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', login_page.body
    )
    assert any("bootstrap.bundle.min" in h for h in hashed), login_page.body[:2000]
    for path in hashed:
        static = browser.get(path)
        assert static.status == 200, path
        cache = static.headers.get("Cache-Control", "")
        max_age = int(re.search(r"max-age=(\d+)", cache)[1])
        assert max_age >= FAR_FUTURE and "immutable" in cache, (path, cache)

    # A real login: the CSRF cookie and token from the form, then the POST.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.body)[1]
    csrf_cookie = browser.cookie("csrftoken")
    assert csrf_cookie is not None and not csrf_cookie.secure  # plain http (compose default)
    response = browser.post(
        "/accounts/login/",
        {"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
    )
    assert response.status == 302, response.body[:2000]
    assert browser.cookie("sessionid") is not None
    # Staff accounts set up their second factor first: the password step leads there.
    home = browser.get(response.headers["Location"])
    assert home.status == 302 and "/two-factor/setup/" in home.headers["Location"]
    setup = browser.get(home.headers["Location"])
    assert setup.status == 200
    assert "<svg" in setup.body and "Uitloggen" in setup.body  # the QR code, logged in
    # What the phone's app does with the key on the page, then the code typed in.
    secret = re.search(r'id="totp-secret">([^<]+)<', setup.body)[1]
    setup_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', setup.body)[1]
    enrolled = browser.post(
        home.headers["Location"],
        {"code": totp_code_for_secret(secret), "csrfmiddlewaretoken": setup_token},
        headers={"Referer": f"{base}{home.headers['Location']}"},
    )
    assert enrolled.status in (200, 302), enrolled.body[:2000]
    assert browser.get("/dashboard/calendar/").status == 200  # past the second factor

    # Healthy once beat's start-up heartbeat has gone through Redis and the worker.
    step = time.monotonic()

    def healthy():
        return Browser(base).get("/health/?format=json").status == 200

    wait_until(healthy, timeout=30, interval=0.5, what="/health/ to answer 200")
    timings["/health/ 200 after login"] = time.monotonic() - step
    return browser


def _check_the_logs_carry_ids_and_no_secrets(browser, processes):
    settings_page = browser.get("/dashboard/calendar/")
    assert settings_page.status == 200
    feed_path = re.search(r"(/dashboard/calendar/([\w-]+)\.ics)", settings_page.body)
    feed = browser.get(feed_path[1])
    assert feed.status == 200 and feed.headers["Content-Type"].startswith("text/calendar")
    request_id = feed.headers["X-Request-ID"]
    time.sleep(0.5)  # gunicorn writes the access line after the response
    web = log_text(processes["web"])
    # The application's line and gunicorn's access line, both with the request id.
    assert web.count(f"request_id={request_id}") >= 2, web[-3000:]
    assert "GET /dashboard/calendar/***.ics" in web
    for name, proc in processes.items():
        text = log_text(proc)
        assert feed_path[2] not in text, f"calendar token in the {name} log"
        assert ADMIN_EMAIL not in text, f"email address in the {name} log"
