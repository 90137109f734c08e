"""Fixtures for the crash tests: real processes and the services they talk to."""

import pytest
from django.db import connection

from tests.servers import RedisServer, app_env, database_url, redis_server_binary
from tests.services import require
from tests.smtp_sink import SmtpSink


class Processes:
    """Starts app and service processes for one test; stops them all afterwards."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.started = []

    def add(self, service):
        self.started.append(service)
        return service.start()

    def close(self):
        for service in reversed(self.started):
            service.stop(timeout=2)  # throwaway processes: no need for a long warm shutdown
        # Shown by pytest only when the test failed: what each process said.
        for service in self.started:
            print(service.log_tail())


@pytest.fixture
def processes(tmp_path):
    registry = Processes(tmp_path)
    yield registry
    registry.close()


@pytest.fixture
def redis_server(processes):
    require(redis_server_binary(), "redis-server is not installed (apt-get install redis-server)")
    return processes.add(RedisServer(processes.log_dir))


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def live_database_url(transactional_db):
    """The test database, for processes of their own: PostgreSQL only (SQLite's test
    database lives in memory). Data a test commits there, they see."""
    require(
        connection.vendor == "postgresql",
        "the crash tests need PostgreSQL (set DATABASE_URL=postgres://...)",
    )
    return database_url(connection.settings_dict)


@pytest.fixture
def celery_env(live_database_url, redis_server, smtp_sink, tmp_path):
    """The environment of a worker and beat on the test's Redis, database and SMTP sink."""

    def _env(**extra):
        return app_env(
            database_url=live_database_url,
            broker_url=redis_server.url(),
            email_url=smtp_sink.url,
            var_dir=tmp_path / "var",
            **extra,
        )

    return _env
