"""Load test: a busy morning against gunicorn on PostgreSQL, as production runs.

Run from the project root with DATABASE_URL naming a PostgreSQL database:
`python benchmarks/bench_load.py [--users 100 --spawn-rate 4 --run-time 60]`.

1. a fresh database <name>_load next to DATABASE_URL's, migrated; `collectstatic` as the
   Dockerfile does; DEBUG=false with a random SECRET_KEY;
2. a 1,000-placement caseload CSV through `manage.py import_caseload`, then the morning's
   reminder sweep (`send_reminders`, email to nowhere), so /reminders/ and the navigation
   count have something to show; VACUUM ANALYZE, as autovacuum would have done by then;
3. gunicorn with the project's gunicorn.conf.py (the same file the image uses), plain http;
4. locust, headless: users arriving at --spawn-rate per second up to --users, thinking
   0.5-1.5 s between pages, for --run-time seconds (benchmarks/locustfile.py): half
   professionals cycling caseload, placement page and /reminders/, half foster parents
   reloading their portal. Prints requests/s, failures, median and 95th percentile per page;
5. then, on the same server at rest, single requests taking turns: the login page, a
   logged-in trivial page and the caseload of all 1,000 placements (the application
   manager's, who sees every placement), and the caseload/login median ratio (the
   goal: within 5x).

The professionals are the import's 40 pleegzorgbegeleiders and 40 voogden (some 25
placements each), taking turns; the foster parents those of 50 running placements.
"""

import argparse
import csv
import html
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
PASSWORD = "bench-load-password-2024"
MANAGER = "beheer@bench.example"
LOG_DIR = ROOT / "var" / "bench-load"  # gunicorn's access and error logs of the last run
P95_GOAL_MS = 500
LOGIN_POST_GOAL_MS = 2000
RATIO_GOAL = 5.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGES = [
    "login page",
    "login POST",
    "second factor page",
    "second factor POST",
    "caseload /",
    "placement page",
    "reminders",
    "portal",
]


def load_database_url(url):
    """DATABASE_URL with the database name <name>_load: the benchmark's own, made fresh."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("bench_load needs DATABASE_URL=postgres://… (production's database)")
    name = parts.path.lstrip("/") + "_load"
    import psycopg

    admin = urlunsplit(("postgresql", parts.netloc, parts.path, "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", "")), admin, name


def drop_database(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, env):
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(map(str, args))}")
    return time.perf_counter() - started


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_accounts(folder, professionals, families, seed=9):
    """Give the imported people a password (one hash for all) and write the locust accounts.

    Professionals: the pleegzorgbegeleiders and voogden of the import, taking turns; each
    with the running placements they see. Families: one foster parent of each of `families`
    running placements.
    """
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from cases.models import Placement
    from zorgteam.models import Membership, Role

    User.objects.update(password=make_password(PASSWORD))
    today = timezone.localdate()
    rnd = random.Random(seed)
    running = (
        Membership.objects.current(on=today)
        .filter(placement__in=Placement.objects.active(on=today))
        .order_by("placement__reference", "person__email")
    )
    seen = {}
    for email, role, reference in running.values_list(
        "person__email", "role", "placement__reference"
    ):
        seen.setdefault((role, email), []).append(reference)
    by_role = {}
    for (role, email), references in sorted(seen.items()):
        by_role.setdefault(role, []).append({"email": email, "references": references})
    pbgs = by_role[Role.PLEEGZORGBEGELEIDER]
    voogden = by_role[Role.VOOGD]
    rnd.shuffle(pbgs)
    rnd.shuffle(voogden)
    staff = [person for pair in zip(pbgs, voogden, strict=False) for person in pair]
    one_per_placement = {}
    for person in by_role[Role.PLEEGOUDER]:
        for reference in person["references"]:
            one_per_placement.setdefault(reference, person["email"])
    chosen = rnd.sample(sorted(one_per_placement.items()), families)
    keys = second_factor_keys([p["email"] for p in staff[:professionals]] + [MANAGER])
    accounts = {
        "password": PASSWORD,
        "professionals": [{**p, "totp_key": keys.get(p["email"])} for p in staff[:professionals]],
        "families": [{"email": email, "reference": ref} for ref, email in chosen],
        "manager_totp_key": keys.get(MANAGER),
    }
    path = Path(folder) / "accounts.json"
    path.write_text(json.dumps(accounts), encoding="utf-8")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return path, accounts


def second_factor_keys(emails):
    """Where the app asks professionals for a second factor (TOTP, django-otp), give each of
    them an authenticator app: a confirmed device whose key the load test holds."""
    try:
        from django_otp.plugins.otp_totp.models import TOTPDevice
    except ImportError:
        return {}  # a version of the app without a second factor
    from accounts.models import User

    return {
        user.email: TOTPDevice.objects.create(user=user, name="bench", confirmed=True).key
        for user in User.objects.filter(email__in=emails)
    }


def totp_code(key):
    """The code the authenticator app shows now (django-otp's own algorithm)."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key)):06d}"


NEXT = re.compile(r'name="next" value="([^"]*)"')
SECOND_FACTOR_URL = "/two-factor/verify/?next=/"


def start_gunicorn(env, port, log_dir):
    """gunicorn as the image runs it: its settings from ./gunicorn.conf.py, only the address
    and the access log's destination given here."""
    args = [
        str(BIN / "gunicorn"),
        "pleegzorg.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(log_dir / "access.log"),
        "--error-logfile",
        str(log_dir / "error.log"),
        # Another gunicorn of the same user (a second checkout, a test) owns the default one.
        "--no-control-socket",
    ]
    config = subprocess.run(
        [*args, "--print-config"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    shown = {}
    for line in config.splitlines():
        key, _sep, value = line.partition("=")
        if key.strip() in ("workers", "worker_class", "threads", "keepalive", "config"):
            shown[key.strip()] = value.strip()
    print("gunicorn: " + ", ".join(f"{k}={v}" for k, v in shown.items()))
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return process, wait_until_serving(process, f"http://127.0.0.1:{port}")
    except BaseException:
        stop(process)
        raise


def wait_until_serving(process, url, seconds=90):
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"{url}/accounts/login/", timeout=10).status_code == 200:
                return url
        except requests.RequestException:
            pass  # not listening yet, or a worker still starting
        time.sleep(0.25)
    raise SystemExit(f"gunicorn did not serve: see {LOG_DIR / 'error.log'}")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_locust(url, accounts_path, args, folder):
    prefix = Path(folder) / "locust"
    env = {**os.environ, "LOAD_ACCOUNTS": str(accounts_path)}
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--host",
        url,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.run_time}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    # Locust exits 1 when any request failed; the table below says which.
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit("locust failed")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        stats = {row["Name"]: row for row in csv.DictReader(f)}
    with open(f"{prefix}_stats_history.csv", encoding="utf-8") as f:
        history = [row for row in csv.DictReader(f) if row["Name"] == "Aggregated"]
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv", encoding="utf-8") as f:
            failures = list(csv.DictReader(f))
    return stats, failures, history


def print_timeline(history, every=10):
    """Locust's rolling 95th percentile (its last 10 s) every `every` seconds: whether the
    slow requests come while users are still arriving (and logging in) or at full load."""
    if not history:
        return
    start = int(history[0]["Timestamp"])
    print(f"\nall pages over time (locust's rolling 10 s window), every {every} s")
    print(f"{'second':>7}{'users':>7}{'req/s':>8}{'median':>8}{'p95':>7}")
    shown = set()
    for row in history:
        second = int(row["Timestamp"]) - start
        if second % every or second in shown or second == 0:
            continue
        shown.add(second)
        print(
            f"{second:>7}{int(row['User Count']):>7}{float(row['Requests/s']):>8.1f}"
            f"{float(row['50%'] or 0):>8.0f}{float(row['95%'] or 0):>7.0f}"
        )


def print_load_table(stats, failures, args):
    print(
        f"\nload test: {args.users} users arriving at {args.spawn_rate}/s, {args.run_time} s, "
        "ms per request"
    )
    print(
        f"{'page':<20}{'requests':>9}{'req/s':>8}{'failures':>9}{'median':>8}{'p95':>7}{'max':>7}"
    )
    met = True
    names = [n for n in PAGES if n in stats] + [n for n in stats if n not in PAGES]
    for name in names:
        row = stats[name]
        label = "all" if name == "Aggregated" else name
        p95 = float(row["95%"])
        print(
            f"{label:<20}{int(row['Request Count']):>9}{float(row['Requests/s']):>8.1f}"
            f"{int(row['Failure Count']):>9}{float(row['50%']):>8.0f}{p95:>7.0f}"
            f"{float(row['Max Response Time']):>7.0f}"
        )
        if name != "Aggregated":
            met &= p95 < (LOGIN_POST_GOAL_MS if name == "login POST" else P95_GOAL_MS)
    for failure in failures[:10]:
        print(
            f"  failure: {failure['Method']} {failure['Name']}: {failure['Error']} x{failure['Occurrences']}"
        )
    total_failures = int(stats["Aggregated"]["Failure Count"])
    verdict = "met" if met and total_failures == 0 else "NOT met"
    print(
        f"goal: 0 failures, p95 < {P95_GOAL_MS} ms per page (login POST < {LOGIN_POST_GOAL_MS} ms): "
        f"{verdict}"
    )


def floor(url, accounts, runs, warmup=5):
    """Single requests at rest, taking turns: the caseload against the login page."""
    import requests

    anonymous = requests.Session()
    professional = requests.Session()
    page = professional.get(f"{url}/accounts/login/")
    response = professional.post(
        f"{url}/accounts/login/",
        data={
            "username": MANAGER,
            "password": PASSWORD,
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
        },
        headers={"Referer": f"{url}/accounts/login/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.status_code
    if accounts["manager_totp_key"]:
        page = professional.get(url + SECOND_FACTOR_URL)
        response = professional.post(
            page.url,
            data={
                "code": totp_code(accounts["manager_totp_key"]),
                "next": html.unescape(NEXT.search(page.text).group(1)),
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            },
            headers={"Referer": page.url},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.status_code
    pages = [
        ("login page", anonymous, "/accounts/login/"),
        ("calendar page (logged in)", professional, "/dashboard/calendar/"),
        ("caseload / (all)", professional, "/"),
    ]
    for _label, session, path in pages:
        for _ in range(warmup):
            session.get(url + path).raise_for_status()
    samples = {label: [] for label, _s, _p in pages}
    for _ in range(runs):
        for label, session, path in pages:
            started = time.perf_counter()
            session.get(url + path).raise_for_status()
            samples[label].append((time.perf_counter() - started) * 1000)
    login = statistics.median(samples["login page"])
    print(f"\nat rest, {runs} requests per page taking turns, ms per request")
    print(f"{'page':<28}{'median':>8}{'p95':>8}{'x login':>9}")
    for label, values in samples.items():
        median = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[18]
        print(f"{label:<28}{median:>8.1f}{p95:>8.1f}{median / login:>8.1f}x")
    ratio = statistics.median(samples["caseload / (all)"]) / login
    verdict = "met" if ratio <= RATIO_GOAL else "NOT met"
    print(
        f"goal: caseload median <= {RATIO_GOAL:.0f}x the login page's at 1,000 placements: "
        f"{verdict} ({ratio:.1f}x)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=1000)
    parser.add_argument("--families", type=int, default=50, help="foster parents' accounts")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=4)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--floor-runs", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    url, admin, name = load_database_url(os.environ.get("DATABASE_URL", ""))
    broker = os.environ.get("CELERY_BROKER_URL", "")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "dummymail://",
        # With DEBUG=false the app wants a cache all workers share (rate limits): the broker's
        # Redis, unless CACHE_URL names one.
        "CACHE_URL": os.environ.get("CACHE_URL") or (broker if broker.startswith("redis") else ""),
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pleegzorg.settings")
    import django

    django.setup()
    from django.utils import timezone

    from benchmarks.bench_deadlines import write_caseload

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in LOG_DIR.glob("*.log"):
        old.unlink()
    print(f"database: {name} (fresh), DEBUG=false")
    run([PYTHON, MANAGE, "migrate", "--noinput", "-v0"], env)
    seconds = run([PYTHON, MANAGE, "collectstatic", "--noinput", "-v0"], env)
    print(f"collectstatic: {seconds:.1f} s")
    server = None
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        try:
            csv_path = Path(folder) / "caseload.csv"
            write_caseload(csv_path, args.placements, timezone.localdate())
            seconds = run([PYTHON, MANAGE, "import_caseload", str(csv_path)], env)
            print(f"import_caseload, {args.placements} placements: {seconds:.1f} s")
            seconds = run([PYTHON, MANAGE, "send_reminders"], env)
            print(f"send_reminders (the morning's sweep): {seconds:.1f} s")
            # The application manager, as the README creates the first one; sees every placement.
            run(
                [PYTHON, MANAGE, "createsuperuser", "--noinput"],
                {
                    **env,
                    "DJANGO_SUPERUSER_EMAIL": MANAGER,
                    "DJANGO_SUPERUSER_FULL_NAME": "Bench Applicatiebeheerder",
                    "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                },
            )
            accounts_path, accounts = prepare_accounts(
                folder, args.users - args.users // 2, args.families
            )
            sizes = sorted(len(p["references"]) for p in accounts["professionals"])
            print(
                f"{len(sizes)} professionals (pleegzorgbegeleiders and voogden, "
                f"{sizes[0]}-{sizes[-1]} running placements each), {args.families} foster parents"
            )
            server, base = start_gunicorn(env, free_port(), LOG_DIR)
            stats, failures, history = run_locust(base, accounts_path, args, folder)
            print_timeline(history)
            print_load_table(stats, failures, args)
            floor(base, accounts, args.floor_runs)
        finally:
            if server is not None:
                stop(server)
            from django.db import connections

            connections.close_all()
            if args.keep:
                # With the accounts (their password and second-factor keys), to measure
                # single pages against the same data afterwards.
                if (Path(folder) / "accounts.json").exists():
                    shutil.copy(Path(folder) / "accounts.json", LOG_DIR / "accounts.json")
                print(f"kept the database {name} and {LOG_DIR / 'accounts.json'}")
            else:
                drop_database(admin, name)


if __name__ == "__main__":
    main()
