"""The access log (NEN 7513): record an event, and write a request's events in one INSERT.

Events are collected in a scope (a context variable): AuditMiddleware opens one per request,
Celery tasks and management commands open their own (`audit_scope`). When the scope closes,
its events are written with one bulk INSERT, so logging costs a request at most one write.
Outside any scope (a shell, a test calling a service directly) an event is written at once,
inside whatever transaction is open, so it rolls back with the change it describes.

The role a person had, the placement's id for a URL that names only its reference and the
reference for an object that names only its placement's id are looked up *inside* that one
INSERT (subqueries), so logging adds no query to the pages it logs.
"""

import ipaddress
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.db import router, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from security.ip import client_ip as security_client_ip

from .models import AuditEvent

logger = logging.getLogger(__name__)

Action = AuditEvent.Action
Outcome = AuditEvent.Outcome

# Actions a view records about what it shows; the middleware merges them with the URL's read.
VIEW_ACTIONS = frozenset({Action.READ, Action.EXPORT})


@dataclass
class Event:
    action: str
    what: str = ""
    object_type: str = ""
    object_id: str = ""
    placement_id: object = None  # an id, or an expression resolved in the INSERT
    placement_reference: str = ""
    outcome: str = Outcome.SUCCESS
    user: object = None  # overrides the scope's user (a calendar feed, a login)
    at: datetime = field(default_factory=timezone.now)
    # A change inside a transaction is kept only if that transaction commits (see _kept).
    commit_marker: object = None
    committed: bool = False
    using: str = "default"


@dataclass
class Scope:
    source: str
    request: object = None
    events: list = field(default_factory=list)


@dataclass
class CaseLookups:
    """What the log needs to know of the case, filled in by the app that wires the log to
    it (privacy.apps): core sits below the placement and the zorgteam and imports neither.
    """

    placement_model: type | None = None
    # (user_id, placement_id or expression, reference or "", day) -> the role, as an
    # expression the INSERT evaluates (None: no membership to look at).
    role_in_placement: object = None


case = CaseLookups()


def register_case(*, placement_model, role_in_placement):
    case.placement_model = placement_model
    case.role_in_placement = role_in_placement


_scope: ContextVar[Scope | None] = ContextVar("audit_scope", default=None)
# Retention destroys whole files and logs one row per placement, not one per cascaded row.
_model_events_muted: ContextVar[bool] = ContextVar("audit_model_events_muted", default=False)


def current_scope():
    return _scope.get()


def record(
    action,
    *,
    what="",
    obj=None,
    object_type="",
    object_id="",
    placement=None,
    placement_id=None,
    placement_reference="",
    outcome=Outcome.SUCCESS,
    user=None,
    request=None,
):
    """Log one event. In a request (or task, or command) it waits for the scope's INSERT.

    `request` only matters outside a scope (a login through the test client): it gives the
    row its address.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if placement is not None:
        # Taken now: a deleted placement has no pk by the time the scope writes.
        placement_id, placement_reference = placement.pk, placement.reference
    event = Event(
        action=str(action),
        what=what,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else "",
        placement_id=placement_id,
        placement_reference=placement_reference,
        outcome=str(outcome),
        user=user,
    )
    _add(event, request)
    return event


def _add(event, request=None):
    scope = _scope.get()
    if scope is None:
        write([event], Scope(source="web" if request is not None else "shell", request=request))
        return
    connection = transaction.get_connection(event.using)
    if connection.in_atomic_block and event.action in (
        Action.CREATE,
        Action.CHANGE,
        Action.DELETE,
    ):

        def committed():
            event.committed = True

        event.commit_marker = committed
        transaction.on_commit(committed, using=event.using)
    scope.events.append(event)


def _kept(event):
    """A change whose transaction rolled back (a service refused it) did not happen.

    on_commit drops the marker of a rolled-back savepoint; a marker still waiting belongs
    to a transaction that is open around the whole request (tests), which may yet commit.
    """
    if event.commit_marker is None or event.committed:
        return True
    pending = transaction.get_connection(event.using).run_on_commit
    return any(callback is event.commit_marker for _ids, callback, _robust in pending)


@contextmanager
def audit_scope(source, request=None):
    """Collect the events of a task or command (or request) and write them in one INSERT.

    Nested scopes join the outer one: a task run eagerly inside a request, a command
    called from another.
    """
    if _scope.get() is not None:
        yield _scope.get()
        return
    scope = Scope(source=source[:60], request=request)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)
        flush(scope)


@contextmanager
def model_events_muted():
    token = _model_events_muted.set(True)
    try:
        yield
    finally:
        _model_events_muted.reset(token)


def model_events_are_muted():
    return _model_events_muted.get()


def flush(scope):
    events = [event for event in scope.events if _kept(event)]
    scope.events = []
    if events:
        write(events, scope)


def write(events, scope):
    rows = [_row(event, scope) for event in events]
    for row in rows:
        row.fill_copies()
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    # One INSERT statement, in autocommit outside a transaction. bulk_create() would wrap
    # it in BEGIN/COMMIT: two more round trips on every logged page, for one statement.
    AuditEvent.objects._insert(rows, fields=fields, using=router.db_for_write(AuditEvent))


# --- Building a row -------------------------------------------------------------------------


def _scope_user(scope):
    request = scope.request
    if request is None:
        return None
    # request.user is lazy: an anonymous request without events never loads a session.
    return getattr(request, "user", None)


def _fallback_role(user, *, for_placement):
    """The role of someone who is not (or not now) in the placement's zorgteam."""
    if user.is_superuser or user.is_staff:
        return "staff"
    if getattr(user, "is_team_lead", False):
        return "team lead"
    return "none" if for_placement else getattr(user, "person_type", "")


def _placement_fields(event):
    """(id, reference) for the row; either may be an expression filled in by the INSERT."""
    placements = case.placement_model._base_manager if case.placement_model else None
    if event.placement_id is not None:
        if event.placement_reference or placements is None:
            return event.placement_id, event.placement_reference
        reference = Coalesce(
            Subquery(placements.filter(pk=event.placement_id).order_by().values("reference")[:1]),
            Value(""),
        )
        return event.placement_id, reference
    if event.placement_reference:
        placement_id = None
        if placements is not None:
            placement_id = Subquery(
                placements.filter(reference=event.placement_reference).order_by().values("pk")[:1]
            )
        return placement_id, event.placement_reference[:40]
    return None, ""


def _role(user, placement_id, placement_reference, day):
    if placement_id is None and not placement_reference:
        return _fallback_role(user, for_placement=False)
    fallback = Value(_fallback_role(user, for_placement=True))
    if case.role_in_placement is None:
        return fallback.value
    role = case.role_in_placement(user.pk, placement_id, placement_reference, day)
    return Coalesce(role, fallback)


def _row(event, scope):
    request = scope.request
    user = event.user if event.user is not None else _scope_user(scope)
    placement_id, placement_reference = _placement_fields(event)
    row = AuditEvent(
        at=event.at,
        action=event.action,
        outcome=event.outcome,
        what=(event.what or event.object_type or event.action)[:200],
        object_type=event.object_type[:100],
        object_id=event.object_id[:64],
        placement_reference=placement_reference,
        source=scope.source,
        request_id=(getattr(request, "request_id", "") or "")[:128],
        ip_address=client_ip(request) if request is not None else None,
    )
    row.placement_id = placement_id
    if user is not None and getattr(user, "is_authenticated", False):
        row.user_id = user.pk
        row.user_name = (user.get_full_name() or str(user))[:200]
        row.role = _role(user, placement_id, placement_reference, timezone.localdate(event.at))
    return row


# --- Where from ---------------------------------------------------------------------------
# One rule for the whole app (security.ip: REMOTE_ADDR, or the address the outermost of
# TRUSTED_PROXY_COUNT proxies appended), so the log and the lockout name the same address.


def client_ip(request):
    address = security_client_ip(request)
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
