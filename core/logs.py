"""Logs an operator can use, without personal data.

- Every line carries the request id of the web request it belongs to (RequestLogMiddleware
  sets it; Celery tasks started from that request carry it along in a message header), and a
  task's id and name when it runs in a Celery task.
- LOG_FORMAT=text (default) prints one readable line; LOG_FORMAT=json one JSON object per line
  (python-json-logger), with the structured fields as keys, for a log collector.
- What reaches the output is scrubbed: email addresses, and the secrets that travel in URL
  paths (the calendar feed token, the password-reset token, the invitation token). Code logs
  user ids, not addresses; the scrubbing catches what slips through, such as an SMTP error
  that quotes the recipient.

Gunicorn loads GunicornLogger (gunicorn.conf.py) before Django is set up, so this module
imports nothing from Django at the top.
"""

import contextvars
import logging
import os
import re

from celery._state import get_current_task
from gunicorn.glogging import Logger as _GunicornBaseLogger
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

LOG_FORMATS = ("text", "json")
REQUEST_ID_HEADER = "X-Request-ID"
request_id_var = contextvars.ContextVar("request_id", default=None)

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_PATH_SECRETS = [
    # /dashboard/calendar/<token>.ics: the token alone opens someone's deadlines.
    (re.compile(r"(/calendar/)(?!new-address/)[^/\s?#\"']+?(\.ics)"), r"\1***\2"),
    # /accounts/reset/<uidb64>/<token>/: Django swaps the token for "set-password" at once,
    # but the first request carries it.
    (re.compile(r"(/reset/[^/\s?#\"']+/)(?!set-password/)[^/\s?#\"']+"), r"\1***"),
    # /invitations/<token>/: until accepted, the token lets anyone join the zorgteam.
    (re.compile(r"(/invitations/)[^/\s?#\"']+"), r"\1***"),
]


def mask_path(path):
    """`path` with the secrets it may carry replaced by ***."""
    for pattern, replacement in _PATH_SECRETS:
        path = pattern.sub(replacement, path)
    return path


def redact(text):
    """`text` without email addresses and URL secrets: applied to every formatted line."""
    return mask_path(_EMAIL.sub("[email]", text))


class ContextFilter(logging.Filter):
    """Adds request_id, task_id and task_name to every record (None where there is none)."""

    def filter(self, record):
        request_id = request_id_var.get()
        task_id = task_name = None
        task = get_current_task()
        if task is not None and task.request.id:
            task_id, task_name = task.request.id, task.name
            request_id = request_id or getattr(task.request, "request_id", None)
        for name, value in (
            ("request_id", request_id),
            ("task_id", task_id),
            ("task_name", task_name),
        ):
            if getattr(record, name, None) is None:
                setattr(record, name, value)
        return True


class TextFormatter(logging.Formatter):
    """One readable line: time, level, logger, [request and task], message."""

    def __init__(self, fmt="%(asctime)s %(levelname)s %(name)s %(context)s%(message)s", **kw):
        super().__init__(fmt, **kw)

    def format(self, record):
        parts = []
        if getattr(record, "request_id", None):
            parts.append(f"request_id={record.request_id}")
        if getattr(record, "task_id", None):
            parts.append(f"task={record.task_name}[{record.task_id}]")
        record.context = f"[{' '.join(parts)}] " if parts else ""
        return redact(super().format(record))


class JsonFormatter(_JsonFormatter):
    """One JSON object per line; extra= fields (status, path, user_id …) become keys."""

    def __init__(self, **kw):
        kw.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kw.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__(**kw)

    def format(self, record):
        return redact(super().format(record))


def make_formatter(log_format="text", **kw):
    """The formatter for LOG_FORMAT (used by LOGGING and by gunicorn's logger)."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, got {log_format!r}")
    return JsonFormatter(**kw) if log_format == "json" else TextFormatter(**kw)


class GunicornLogger(_GunicornBaseLogger):
    """Gunicorn's error and access logs in the same format, with URL secrets masked.

    The access line also carries the request id (from the response header the middleware
    set), so it can be matched with the application's lines for the same request.
    """

    def setup(self, cfg):
        super().setup(cfg)
        log_format = os.environ.get("LOG_FORMAT", "text") or "text"
        for handler in self.error_log.handlers:
            handler.setFormatter(
                make_formatter(log_format)
                if log_format == "json"
                else TextFormatter(self.error_fmt, datefmt=self.datefmt)
            )
        for handler in self.access_log.handlers:
            handler.setFormatter(
                make_formatter(log_format) if log_format == "json" else TextFormatter("%(message)s")
            )

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_path(atoms[key])
        atoms["q"] = redact(atoms.get("q") or "")
        atoms["u"] = "-"  # a basic-auth user name can be an email address
        return atoms

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        safe_atoms = self.atoms_wrapper_class(atoms)
        extra = {
            "request_id": atoms.get("{x-request-id}o"),
            "http_method": atoms["m"],
            "path": atoms["U"],
            "status": atoms["s"],
            "duration_ms": atoms["M"],
        }
        try:
            self.access_log.info(self.cfg.access_log_format, safe_atoms, extra=extra)
        except Exception:
            self.exception("access log line failed")
