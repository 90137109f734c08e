"""Gunicorn's settings, in the one place the image, the compose stack and the smoke test share.

Gunicorn reads ./gunicorn.conf.py from its working directory by default, so the Dockerfile's
CMD is just `gunicorn pleegzorg.wsgi:application`. Override for one run without editing this
file through GUNICORN_CMD_ARGS (e.g. "--bind 127.0.0.1:9000"), which gunicorn applies on top.
"""

bind = "0.0.0.0:8000"
workers = 3
# Access log to stdout, where the container runtime collects it.
accesslog = "-"
# Access and error lines in LOG_FORMAT (text|json), with the request id and with URL tokens
# (the calendar feed, password reset) masked: core/logs.py.
logger_class = "core.logs.GunicornLogger"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
