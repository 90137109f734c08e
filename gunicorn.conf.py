"""Gunicorn's settings, in the one place the image, the compose stack and the smoke test share.

Gunicorn reads ./gunicorn.conf.py from its working directory by default, so the Dockerfile's
CMD is just `gunicorn pleegzorg.wsgi:application`. Override for one run without editing this
file through GUNICORN_CMD_ARGS (e.g. "--bind 127.0.0.1:9000"), which gunicorn applies on top.

Workers and threads were chosen on 2 cores: the pages are CPU-bound, so one process
per core; threads, so that a request waiting on PostgreSQL or a login hashing its password
(about 0.2 s of CPU in Argon2, which releases the GIL) does not hold up the requests queued
behind it. Four workers of two threads were tried under `make bench`'s load: more CPU per
request (25 against 19 ms) and a slower 95th percentile than two workers of four threads.
With 3 single-threaded workers, 3 logins at once made every other page wait for a whole hash.
"""

import os


def _cores():
    # The cores this process may run on (a container's cpuset), not the host's count.
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", _cores() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Access log to stdout, where the container runtime collects it.
accesslog = "-"
# Access and error lines in LOG_FORMAT (text|json), with the request id and with URL tokens
# (the calendar feed, password reset) masked: core/logs.py.
logger_class = "core.logs.GunicornLogger"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
