"""Benchmark: the reminder sweep over many open deadlines on PostgreSQL.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/bench_reminders.py [SIZE …]

For each size (default 10,000 and 100,000 open deadlines) it builds a throwaway database
`bench_<name>`, fills it with placements, teams and deadlines, and prints the time and the
number of queries of: the first sweep (writes every reminder), a second sweep the same
day (writes nothing), and a sample of digest sends. Target: the sweep over 100,000 deadlines
under 10 s, with the same number of queries at both sizes (batched, no query per deadline).
"""

import logging
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pleegzorg.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from cases.models import Child, Placement  # noqa: E402
from evaluations.models import Deadline  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.sending import digest_send, recipients_to_send  # noqa: E402
from reminders.services import reminders_sweep  # noqa: E402
from zorgteam.models import Membership  # noqa: E402

DEADLINES_PER_PLACEMENT = 5
KINDS = [
    ("guardian_contact", "voogd"),
    ("perspective_decision", "voogd"),
    ("perspective_study_start", "voogd"),
    ("visit_evaluation", "pleegzorgbegeleider"),
    ("child_joins_zorgteam", "pleegzorgbegeleider"),
]
CASELOAD = 25  # placements per voogd and per pleegzorgbegeleider
BATCH = 10_000


def _users(count, person_type, prefix):
    users = [
        User(
            email=f"{prefix}{n}@bench.example.org",
            full_name=f"{prefix.title()} {n}",
            person_type=person_type,
            password="!",  # unusable: hashing 20,000 passwords would time the setup, not the sweep
            calendar_token=f"{prefix}-{n}",
        )
        for n in range(count)
    ]
    return User.objects.bulk_create(users, batch_size=BATCH)


def fill(deadlines, today):
    """Placements with a voogd, a pleegzorgbegeleider and a foster family; open deadlines
    spread from 60 days overdue to 14 days ahead, so every one is in the reminder window."""
    rng = random.Random(42)
    placements_count = deadlines // DEADLINES_PER_PLACEMENT
    teams = max(1, placements_count // CASELOAD)
    voogden = _users(teams, User.PersonType.VOOGD, "voogd")
    begeleiders = _users(teams, User.PersonType.PLEEGZORGBEGELEIDER, "pbg")
    families = _users(placements_count, User.PersonType.PLEEGOUDER, "gezin")
    start = today - timedelta(days=400)
    children = Child.objects.bulk_create(
        [Child(first_name=f"Kind{n}") for n in range(placements_count)], batch_size=BATCH
    )
    placements = Placement.objects.bulk_create(
        [
            Placement(reference=f"B-{n:06d}", child=child, start_date=start)
            for n, child in enumerate(children)
        ],
        batch_size=BATCH,
    )
    memberships, rows = [], []
    for n, placement in enumerate(placements):
        for person, role in (
            (voogden[n % teams], "voogd"),
            (begeleiders[n % teams], "pleegzorgbegeleider"),
            (families[n], "pleegouder"),
        ):
            memberships.append(
                Membership(placement=placement, person=person, role=role, start_date=start)
            )
        for kind, responsible in KINDS:
            rows.append(
                Deadline(
                    placement=placement,
                    kind=kind,
                    due_date=today + timedelta(days=rng.randint(-60, 14)),
                    basis_date=start,
                    responsible_role=responsible,
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    Deadline.objects.bulk_create(rows, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(label, fn):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    print(f"  {label:<38} {seconds:7.2f} s  {len(queries):4d} queries")
    return result, seconds, len(queries)


def bench(size):
    today = timezone.localdate()
    t0 = time.perf_counter()
    fill(size, today)
    print(f"\n{size:,} open deadlines (setup {time.perf_counter() - t0:.1f} s)")
    first, seconds, queries = measure(
        "first sweep (writes every reminder)", lambda: reminders_sweep(as_of=today)
    )
    print(f"    {first.deadlines:,} deadlines in the window, {Reminder.objects.count():,} rows")
    again, _s2, q2 = measure(
        "second sweep, same day (writes none)", lambda: reminders_sweep(as_of=today)
    )
    assert again.new == [], "a second sweep must write nothing"
    recipients, _s3, _q3 = measure("who gets a digest", lambda: recipients_to_send(day=today))
    sample = recipients[:20]
    _r, send_seconds, send_queries = measure(
        f"send {len(sample)} digests (locmem)",
        lambda: [digest_send(recipient_id=r, day=today) for r in sample],
    )
    print(
        f"    {len(recipients):,} digests due; per digest {send_seconds / len(sample) * 1000:.0f} ms,"
        f" {send_queries / len(sample):.0f} queries"
    )
    return seconds, queries, q2


def main():
    if connection.vendor != "postgresql":
        print("bench_reminders: skipped, needs PostgreSQL (DATABASE_URL=postgres://…)")
        return
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("reminders").setLevel(logging.WARNING)  # one line per digest otherwise
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    # Its own name: pytest's test_<name> may be in use by a test run at the same time.
    connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    figures = {}
    for size in sizes:
        # A fresh database per size, so each starts empty and nothing touches real data.
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            figures[size] = bench(size)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\nsummary: size → first sweep seconds / queries, second sweep queries")
    for size, (seconds, queries, q2) in figures.items():
        flag = "ok" if seconds < 10 else "SLOW (target < 10 s)"
        print(f"  {size:>9,}  {seconds:6.2f} s  {queries} queries  {q2} queries  {flag}")
    counts = {queries for _s, queries, _q2 in figures.values()}
    print(
        "  query count "
        + ("constant across sizes" if len(counts) == 1 else f"VARIES: {sorted(counts)}")
    )


if __name__ == "__main__":
    main()
