"""Benchmark: import 10,000 placements and list their deadlines.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python benchmarks/bench_deadlines.py
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_deadlines.py

Runs on the database DATABASE_URL names (migrated). It removes the data of an earlier run
(references BENCH-…, people @bench.example) first, then:

1. writes a 10,000-row caseload CSV (fixed seed, dates relative to today);
2. `manage.py import_caseload FILE` as a subprocess, wall-clock with start-up (target < 30 s);
3. the same file again: every row exists, nothing changes (the update path);
4. `manage.py deadlines --as-of … --format json` as a subprocess (target < 2 s);
5. the query counts of 2-4 (the same commands once more, in a child process that counts);
6. EXPLAIN of "what is due by X": on PostgreSQL it must use the partial index
   deadline_open_due (exit status 1 if it does not).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
DOMAIN = "bench.example"
INDEX = "deadline_open_due"

FIRST_NAMES = ["Noor", "Daan", "Emma", "Liam", "Sophie", "Sem", "Julia", "Lucas", "Mila", "Finn"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pleegzorg.settings")
    import django

    django.setup()


def add_months(d, months):
    from evaluations.rules import add_months as calendar_add_months

    return calendar_add_months(d, months)


def write_caseload(path, rows, today, seed=4, pleegzorgbegeleiders=40):
    """A plausible running caseload: most obligations current, some overdue, some ended."""
    from caseload_import.parsing import COLUMNS

    rnd = random.Random(seed)

    def day_between(start, end):
        return start + timedelta(days=rnd.randint(0, max((end - start).days, 0)))

    def fmt(d):
        # Spreadsheets mix both accepted formats; so does the benchmark.
        if d is None:
            return ""
        return d.strftime("%d-%m-%Y") if rnd.random() < 0.2 else d.isoformat()

    lines = [";".join(COLUMNS)]
    for n in range(1, rows + 1):
        birth = today - timedelta(days=rnd.randint(100, 17 * 365))
        start = day_between(max(birth, today - timedelta(days=4 * 365)), today)
        end = day_between(start, today) if rnd.random() < 0.08 else None
        last = end or today
        opvoeding = rnd.random() < 0.4 and (last - start).days > 270
        decided = day_between(add_months(start, 6), last) if opvoeding else None
        if decided and decided > last:
            decided = None
            opvoeding = False

        def recent(days, start=start, last=last, share=0.85):
            # Most teams are on schedule: the last one recorded within the interval.
            if rnd.random() > share or (last - start).days < 2:
                return None
            return day_between(max(start, last - timedelta(days=days)), last)

        study = day_between(start, min(add_months(start, 3), last)) if rnd.random() < 0.6 else None
        cells = [
            f"BENCH-{n:05d}",
            f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
            fmt(birth),
            rnd.choice(
                ["opvoeding", "Opvoedingsvariant"]
                if opvoeding
                else ["hulpverlening", "HULPVERLENING"]
            ),
            fmt(start),
            fmt(end),
            f"pbg{rnd.randint(1, pleegzorgbegeleiders)}@{DOMAIN}",
            f"voogd{rnd.randint(1, 40)}@{DOMAIN}",
            " | ".join(f"fam{n}{s}@{DOMAIN}" for s in "ab"[: rnd.randint(1, 2)]),
            fmt(recent(80 if not opvoeding else 170)),
            fmt(recent(40)),
            fmt(study),
            fmt(decided),
        ]
        lines.append(";".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def reset():
    """Remove an earlier run's data, so each run imports into the same state."""
    from accounts.models import User
    from cases.models import Child, Placement

    placements = Placement.objects.filter(reference__startswith="BENCH-")
    child_ids = list(placements.values_list("child_id", flat=True))
    deleted = placements.count()
    placements.delete()
    Child.objects.filter(pk__in=child_ids).delete()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    return deleted


def timed(args):
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(args)}")
    return seconds, result.stdout


def counted(*command):
    """Run a management command in a child process that counts its queries."""
    _seconds, out = timed([PYTHON, __file__, "--count", *command])
    return json.loads(out.strip().splitlines()[-1])


def child_count(command):
    """In the child: run one management command and print its query count as JSON."""
    setup_django()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call_command(*command, stdout=StringIO(), stderr=StringIO())
        seconds = time.perf_counter() - started
    print(json.dumps({"queries": len(queries), "seconds": seconds}))


def explain(as_of):
    from django.db import connection

    from evaluations.models import Deadline

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics after a bulk load
    query = Deadline.objects.due_by(as_of).order_by("due_date")
    # ANALYZE on PostgreSQL shows the rows actually read through the index.
    plan = query.explain(analyze=True) if connection.vendor == "postgresql" else query.explain()
    started = time.perf_counter()
    count = len(list(query.values_list("pk", flat=True)))
    seconds = time.perf_counter() - started
    return plan, count, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the deadlines command")
    parser.add_argument("--count", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count:
        child_count(args.count)
        return 0

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from evaluations.models import Deadline

    today = timezone.localdate()
    as_of = date.fromisoformat(args.as_of) if args.as_of else today
    engine = connection.vendor
    print(f"database: {engine} ({settings.DATABASES['default']['NAME']})")
    started = time.perf_counter()
    removed = reset()
    print(
        f"reset: removed {removed} placements of an earlier run in {time.perf_counter() - started:.1f} s"
    )

    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "caseload.csv"
        write_caseload(csv_path, args.rows, today)
        print(f"caseload file: {args.rows} rows, {csv_path.stat().st_size / 1e6:.1f} MB")

        import_s, out = timed([PYTHON, MANAGE, "import_caseload", str(csv_path)])
        print(
            f"\nimport_caseload (subprocess, start-up included): {import_s:.2f} s  [target < 30 s]"
        )
        print("  " + "\n  ".join(out.strip().splitlines()))
        reimport_s, _out = timed([PYTHON, MANAGE, "import_caseload", str(csv_path)])
        print(f"import_caseload again, nothing changes: {reimport_s:.2f} s")

        deadline_args = [
            PYTHON,
            MANAGE,
            "deadlines",
            "--as-of",
            as_of.isoformat(),
            "--format",
            "json",
        ]
        runs = []
        for _ in range(args.runs):
            seconds, out = timed(deadline_args)
            runs.append(seconds)
        listed = json.loads(out)
        print(
            f"\ndeadlines --as-of {as_of} --format json (subprocess, start-up included): "
            f"median {statistics.median(runs):.2f} s, runs {', '.join(f'{s:.2f}' for s in runs)}"
            "  [target < 2 s]"
        )
        statuses = {}
        for row in listed:
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
        print(f"  {len(listed)} open deadlines listed: {statuses}")
        startup_s, _out = timed([PYTHON, MANAGE, "check", "--database", "default"])
        print(f"  (for scale: `manage.py check` alone takes {startup_s:.2f} s)")

        print("\nquery counts (same commands in a child process that counts):")
        import_counts = counted("import_caseload", str(csv_path))
        print(
            f"  import_caseload, nothing to change: {import_counts['queries']} queries "
            f"({import_counts['seconds']:.2f} s in-process)"
        )
        list_counts = counted("deadlines", "--as-of", as_of.isoformat(), "--format", "json")
        print(
            f"  deadlines --format json: {list_counts['queries']} queries "
            f"({list_counts['seconds']:.2f} s in-process)"
        )

    # The first import's query count: measured by importing into an empty state again.
    reset()
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "caseload.csv"
        write_caseload(csv_path, args.rows, today)
        first = counted("import_caseload", str(csv_path))
        print(
            f"  import_caseload, {args.rows} new placements: {first['queries']} queries "
            f"({first['seconds']:.2f} s in-process)"
        )

    plan, count, seconds = explain(as_of)
    total = Deadline.objects.open().count()
    print(
        f'\n"what is due by {as_of}": {count} of {total} open deadlines, one query, {seconds * 1000:.0f} ms'
    )
    print("EXPLAIN:")
    print("  " + "\n  ".join(plan.splitlines()))
    uses_index = INDEX in plan
    print(f"uses the partial index {INDEX}: {'yes' if uses_index else 'NO'}")
    if engine == "postgresql" and not uses_index:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
