"""Render times of the caseload dashboard at 200 and 1,000 placements beside a trivial page.

Run from the project root: `python benchmarks/bench_dashboard.py [--runs 100]`. It creates a
throw-away test database (test_<name> on PostgreSQL, in memory on SQLite), fills it with a
bulk caseload, and times full requests through Django's test client: URL routing,
middleware, session, the view's queries and the template, as a browser's request would
go, minus the network. The trivial page is the login form on the same stack (anonymous: no
queries at all); the calendar page is shown too, as a trivial page for a logged-in person
(session, user and the navigation's reminder count). The goal is a dashboard median within
5x the trivial page's at 200 placements and at 1,000. Requests to the
pages take turns, so a machine busy with other work slows them alike and the ratios stay
comparable.
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

GOAL_RATIO = 5.0


def timed_round_robin(pages, runs, warmup=5):
    """Time each page `runs` times, taking turns, so a busy machine slows all pages alike."""
    for _label, client, url in pages:
        for _ in range(warmup):
            assert client.get(url).status_code == 200, url
    samples = {label: [] for label, _client, _url in pages}
    for _ in range(runs):
        for label, client, url in pages:
            start = time.perf_counter()
            response = client.get(url)
            samples[label].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
    return samples


def summary(samples):
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def query_count(client, url):
    connection.force_debug_cursor = True
    reset_queries()
    client.get(url)
    count = len(connection.queries)
    connection.force_debug_cursor = False
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed requests per page")
    args = parser.parse_args()

    from accounts.models import Organisation, User
    from tests.factories import bulk_caseload

    # Not setup_test_environment(): it wraps every template render in a signal that the test
    # client answers by copying the context, which would time the test harness, not the page.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        today = timezone.localdate()
        org = Organisation.objects.create(name="Bench Pleegzorg")
        pbg = User.objects.create_user(
            "bench-pbg@example.org",
            full_name="Bench Begeleider",
            person_type=User.PersonType.PLEEGZORGBEGELEIDER,
            organisation=org,
        )
        voogden = [
            User.objects.create_user(
                f"bench-voogd{i}@example.org",
                full_name=f"Voogd {i}",
                person_type=User.PersonType.VOOGD,
            )
            for i in range(8)
        ]
        from tests.twofactor import VerifiedClient

        # Logged in with the second factor shown, as every professional is.
        professional = VerifiedClient()
        professional.force_login(pbg)
        anonymous = Client()

        print(f"database: {connection.vendor}, {args.runs} timed requests per row, ms per request")
        print(
            f"{'page':<36}{'placements':>11}{'median':>9}{'p95':>9}{'queries':>9}"
            f"{'x login':>11}{'x logged in':>12}"
        )
        created = 0
        ratios = {}
        for size in (200, 1000):
            bulk_caseload(
                size - created,
                pleegzorgbegeleider=pbg,
                voogden=voogden,
                provider=org,
                today=today,
                prefix=f"B{size}",
            )
            created = size
            pages = [
                ("login page (trivial)", anonymous, "/accounts/login/"),
                ("calendar page (trivial, logged in)", professional, "/dashboard/calendar/"),
                ("dashboard /", professional, "/"),
                ("dashboard, overdue + search", professional, "/?urgency=overdue&q=kind"),
            ]
            samples = timed_round_robin(pages, args.runs)
            trivial = summary(samples["login page (trivial)"])[0]
            logged_in = summary(samples["calendar page (trivial, logged in)"])[0]
            for label, client, url in pages:
                median, p95 = summary(samples[label])
                queries = query_count(client, url)
                print(
                    f"{label:<36}{size:>11}{median:>9.1f}{p95:>9.1f}{queries:>9}"
                    f"{median / trivial:>10.1f}x{median / logged_in:>11.1f}x"
                )
            ratios[size] = summary(samples["dashboard /"])[0] / trivial
        for size, issue in ((200, 6), (1000, 9)):
            verdict = "met" if ratios[size] <= GOAL_RATIO else "NOT met"
            print(
                f"goal (issue {issue}): dashboard median <= {GOAL_RATIO:.0f}x the login page's "
                f"at {size} placements: {verdict} ({ratios[size]:.1f}x)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
