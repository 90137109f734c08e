"""Gunicorn's settings for the web process: the Dockerfile, docker-compose.yml and
`make bench` all start gunicorn in the project folder, where it reads this file by itself.

Chosen on 2 cores (issue 9): the pages are CPU-bound, so one process per core; threads, so
that a request waiting on PostgreSQL or a login hashing its password (about 0.3 s of CPU;
hashlib releases the GIL) does not hold up the requests queued behind it. With 3
single-threaded workers, 3 logins at once made every other page wait for a whole hash.
"""

import os


def _cores():
    # The cores this process may run on (a container's cpuset), not the host's count.
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


workers = int(os.environ.get("WEB_CONCURRENCY", _cores() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
