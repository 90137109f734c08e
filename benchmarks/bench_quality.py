"""Render time and query count of the quality page on 10,000 placements with 5 years of history.

Run from the project root on PostgreSQL: `python benchmarks/bench_quality.py [--placements
10000] [--runs 7]`. It creates a throw-away test database (test_<name>), bulk-generates the
history (quality/tests/history.py: staff changes, events, closed and open deadlines, meeting
requests, plan versions, portal visits, endings), runs ANALYZE as autovacuum would, and times
full requests through Django's test client for a team lead who sees all of it. The goal:
the page in under 1 s, with a query count that does not grow with the data
(the test suite asserts the latter at two sizes: quality/tests/test_views.py).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pleegzorg.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

GOAL_MS = 1000
TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds():
    """CPU time of this connection's PostgreSQL backend, when the server runs on this machine
    (None otherwise). With the request's own CPU time it shows what the page costs apart
    from waiting for a busy machine's other work."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return None


def timed(client, url, runs, warmup=2):
    """Wall-clock samples, and the median CPU time (the request's plus PostgreSQL's), in ms."""
    for _ in range(warmup):
        assert client.get(url).status_code == 200, url
    samples, cpu = [], []
    for _ in range(runs):
        backend = backend_cpu_seconds()
        own = time.process_time()
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - start) * 1000)
        after = backend_cpu_seconds()
        if backend is not None and after is not None:
            cpu.append((time.process_time() - own + after - backend) * 1000)
        assert response.status_code == 200, url
    return samples, (statistics.median(cpu) if cpu else None)


def query_count(client, url):
    connection.force_debug_cursor = True
    reset_queries()
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    count = len(connection.queries)
    connection.force_debug_cursor = False
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7, help="timed requests per page")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench_quality runs on PostgreSQL (set DATABASE_URL=postgres://...)")

    from evaluations.rules import add_months
    from quality.tests.history import generate_history

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        today = timezone.localdate()
        start = time.perf_counter()
        history = generate_history(args.placements, today=today, prefix="B")
        generated = time.perf_counter() - start
        with connection.cursor() as cursor:
            # As autovacuum would: statistics, and the visibility map for index-only scans.
            cursor.execute("VACUUM ANALYZE")
        rows = sum(history.rows.values())
        print(
            f"generated {args.placements} placements over 5 years in {generated:.1f} s: "
            f"{rows:,} rows ({', '.join(f'{k} {v:,}' for k, v in sorted(history.rows.items()))})"
        )
        lead = Client()
        lead.force_login(history.team_lead)
        pages = [
            ("quality page (team lead, 12 months)", "/quality/"),
            ("quality page, 5-year period", f"/quality/?start={add_months(today, -60)}"),
            (
                "late visit evaluations (list)",
                "/quality/deadlines/?norm=visit_evaluation&outcome=late",
            ),
            ("placements at risk (list)", "/quality/risk/"),
            ("CSV: per professional", "/quality/export/professionals.csv"),
        ]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"{args.runs} timed requests per row, ms per request (database: {connection.vendor}; "
            f"load average {load:.1f} on {os.cpu_count()} CPUs)"
        )
        print(f"{'page':<40}{'median':>9}{'min':>9}{'max':>9}{'cpu':>9}{'queries':>9}")
        medians = {}
        for label, url in pages:
            samples, cpu = timed(lead, url, args.runs)
            medians[label] = statistics.median(samples)
            print(
                f"{label:<40}{medians[label]:>9.0f}{min(samples):>9.0f}{max(samples):>9.0f}"
                f"{cpu if cpu is not None else float('nan'):>9.0f}{query_count(lead, url):>9}"
            )
        median = medians[pages[0][0]]
        verdict = "met" if median < GOAL_MS else "NOT met"
        print(
            f"goal: quality page under {GOAL_MS} ms at {args.placements} placements: {verdict} "
            f"(median {median:.0f} ms; cpu: the request's and PostgreSQL's CPU time, median)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
