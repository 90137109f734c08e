"""Servers a crash test may kill: gunicorn, Celery, and Redis and PostgreSQL of its own.

Each runs in its own process group, so a test can SIGKILL it together with its children
(what `docker kill` or the OOM killer does to a container) and start it again. The app's
commands are the Dockerfile's and docker-compose.yml's (tests/deploy_recipe.py), so the
tests run what the image runs. The throwaway Redis and PostgreSQL servers get their own port
and folder: the shared ones are never stopped.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from tests import deploy_recipe
from tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def eventually(condition, timeout, interval=0.1):
    """Poll `condition` until it is truthy or `timeout` seconds pass; return its last value
    (falsy on a timeout, so the caller's assert can say what it was waiting for)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Service:
    """One command in its own process group, its output in a log file."""

    def __init__(self, name, argv, *, env=None, cwd=ROOT, log_dir):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.env = env
        self.cwd = cwd
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps it open
        self._log_start = log.tell()
        log.write(f"\n--- start {' '.join(self.argv)}\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def pid(self):
        return self.process.pid

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def signal_group(self, sig):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def kill(self):
        """SIGKILL the whole group: no handler runs, nothing is cleaned up or acknowledged.

        Returns once every process of the group is gone, so what they left in the database
        and the broker is final.
        """
        if self.process is None:
            return
        children = self.children()
        self.signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)
        assert eventually(lambda: not any(_alive(pid) for pid in children), 10), children

    def stop(self, timeout=15):
        """A graceful stop (SIGTERM), then SIGKILL for whatever is left of the group."""
        if self.process is None:
            return
        if self.running:
            self.signal_group(signal.SIGCONT)  # a frozen process cannot handle SIGTERM
            self.signal_group(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        self.signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def children(self):
        """Pids of the direct children (gunicorn's workers, Celery's pool processes)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def output(self):
        """What this run of the process has written so far."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_start)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def wait_for_output(self, text, timeout=60):
        """Wait until the process writes `text` (e.g. Celery's "ready."); fail if it dies."""
        found = eventually(lambda: text in self.output() or not self.running, timeout, 0.2)
        assert found and self.running, f"{self.name} did not say {text!r}\n{self.log_tail()}"

    def log_tail(self, lines=80):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return f"--- last lines of {self.name}.log:\n" + "\n".join(text.splitlines()[-lines:])


# --- The app, as the image runs it ------------------------------------------------------------


def _local(argv):
    """Run the venv's copy of the program the image would find on its PATH."""
    program = VENV_BIN / argv[0]
    return [str(program) if program.exists() else argv[0], *argv[1:]]


def gunicorn_argv(port):
    """The Dockerfile's CMD, bound to a loopback port instead of gunicorn.conf.py's."""
    argv, rest = deploy_recipe.read(ROOT).web_argv, []
    assert argv[0] == "gunicorn", argv
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--bind", "-b"):
            skip = True
        elif not arg.startswith("--bind="):
            rest.append(arg)
    return [*_local(rest), "--bind", f"127.0.0.1:{port}"]


def worker_argv():
    return _local(deploy_recipe.read(ROOT).service_argv("worker"))


def beat_argv(schedule_file):
    beat = deploy_recipe.read(ROOT).service_argv("beat")
    argv = [a for a in beat if not a.startswith(("--schedule", "-s"))]
    return [*_local(argv), f"--schedule={schedule_file}"]


def app_env(*, database_url, var_dir, broker_url="", email_url="", **extra):
    """The environment of an app process: the test's own, with the services it should use.

    DEBUG stays on: with DEBUG=false the static files need a collectstatic build in the
    checkout (the production smoke test builds one in a copy). That touches nothing these
    tests are about: database connections, the broker and the outbox behave the same.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_ALLOW"))}
    env.update(
        DJANGO_SETTINGS_MODULE="pleegzorg.settings",
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url or "filesystem://",
        EMAIL_URL=email_url or "consolemail://",
        VAR_DIR=str(var_dir),
        DEBUG="true",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def database_url(settings_dict, name=None):
    """A postgres:// URL for Django's connection settings (e.g. the test database)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name or settings_dict['NAME']}"


# --- Throwaway Redis and PostgreSQL -------------------------------------------------------------


def redis_server_binary():
    return shutil.which("redis-server")


class RedisServer(Service):
    """A Redis of its own on a free port: killing it disturbs no one else."""

    def __init__(self, log_dir):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="redis-", dir=log_dir))
        argv = [
            redis_server_binary(),
            "--port", self.port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", self.folder,
        ]  # fmt: skip
        super().__init__(f"redis-{self.port}", argv, log_dir=log_dir)

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        super().start()
        assert eventually(self.ping, 10), self.log_tail()
        return self

    def ping(self):
        import redis

        try:
            return redis.Redis(port=self.port, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def freeze(self):
        """SIGSTOP: the port still accepts connections, but nothing answers."""
        self.signal_group(signal.SIGSTOP)

    def thaw(self):
        self.signal_group(signal.SIGCONT)


def postgres_bin_dir():
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb in a temp folder, its own port).

    As root it runs as the `postgres` user (PostgreSQL refuses root); otherwise as the
    current user. Trust authentication on loopback only: it lives for one test.
    """

    def __init__(self):
        self.bin = postgres_bin_dir()
        self.port = free_port()
        # Not under pytest's tmp_path: the postgres user cannot enter root's folders there.
        self.folder = Path(tempfile.mkdtemp(prefix="pleegzorg-crash-pg-"))
        self.data = self.folder / "data"
        self.log_path = self.folder / "postgres.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, program, *args, check=True, timeout=60):
        argv = [str(self.bin / program), *map(str, args)]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        # From /: the postgres user may not be allowed into the checkout.
        return subprocess.run(
            argv, cwd="/", check=check, timeout=timeout, capture_output=True, text=True
        )

    def init(self):
        self._run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip
        return self

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            # Throwaway data: no need to wait for the disk. A fast shutdown still
            # checkpoints, so a restart loses nothing.
            "-c fsync=off -c synchronous_commit=off"
        )
        self._run("pg_ctl", "-D", self.data, "-l", self.log_path, "-o", options, "-w", "start")
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def ready(self):
        return self._run("pg_isready", "-q", "-h", "127.0.0.1", "-p", self.port, check=False)

    def psql(self, sql, db="postgres"):
        result = self._run(
            "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d", db,
            "-v", "ON_ERROR_STOP=1", "-tAc", sql,
        )  # fmt: skip
        return result.stdout.strip()

    def url(self, db):
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def destroy(self):
        self.stop(mode="immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "--- last lines of postgres.log:\n" + "\n".join(text.splitlines()[-lines:])


def manage(*args, env, timeout=120):
    """Run a manage.py command in a subprocess with `env`; fail with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout
