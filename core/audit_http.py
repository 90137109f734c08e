"""The access log's request side: one scope per request, and the reads and refusals it sees.

Which page was read is taken from the URL the request resolved to, so a new case page is
logged without code in its view: every URL with a placement `reference`, every URL of the
case apps' namespaces, the caseload and the calendar feed. The admin is logged the same way
(every admin page a staff member opens). Changes are logged where they happen (model
signals, core.audit_signals); this middleware writes all of a request's events in one INSERT.
"""

from django.apps import apps
from django.core.exceptions import ValidationError

from . import audit
from .audit import Action, Outcome

# The case pages with their own action or object type; other case pages are logged as a
# read of their URL name.
CASE_PAGES = {
    "home": (Action.READ, "caseload"),
    "cases:placement_detail": (Action.READ, "placement"),
    "agreements:plan": (Action.READ, "plan"),
    "agreements:version_detail": (Action.READ, "plan version"),
    "agreements:version_print": (Action.EXPORT, "plan version"),
    "agreements:agreement_detail": (Action.READ, "agreement"),
    "portal:home": (Action.READ, "portal"),
    "portal:placement": (Action.READ, "portal"),
    "portal:print": (Action.EXPORT, "plan"),
    "zorgteam:manage": (Action.READ, "zorgteam"),
    "reminders:open": (Action.READ, "reminders"),
    "dashboard:calendar_feed": (Action.EXPORT, "calendar feed"),
    "privacy:placement_log": (Action.READ, "access log"),
    "privacy:officer_home": (Action.READ, "access log"),
    "privacy:officer_person": (Action.READ, "access log"),
    "privacy:officer_person_csv": (Action.EXPORT, "access log"),
    "privacy:officer_placement": (Action.READ, "access log"),
    "quality:export": (Action.EXPORT, "quality figures"),
}
# Namespaces whose every page is part of a case file (or of the log about one).
# The quality page lists placements at risk and professionals' figures: case data too.
CASE_NAMESPACES = frozenset(
    {"cases", "agreements", "zorgteam", "evaluations", "portal", "reminders", "privacy", "quality"}
)
# A path under these that resolves to nothing is a probe for a case page: a refusal.
CASE_PREFIXES = ("/placements/", "/portal/")
REFUSED_STATUSES = frozenset({403, 404})
ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")


def is_case_page(match):
    if match.view_name in CASE_PAGES or "reference" in match.kwargs:
        return True
    return bool(set(match.namespaces) & CASE_NAMESPACES)


def _object_id(kwargs):
    for key in ("pk", "number", "object_id", "user_id"):
        if key in kwargs:
            return str(kwargs[key])
    return ""


def _case_page_event(match):
    action, object_type = CASE_PAGES.get(match.view_name, (Action.READ, match.view_name))
    return audit.Event(
        action=action,
        what=match.view_name,
        object_type=object_type,
        object_id=_object_id(match.kwargs),
        placement_reference=str(match.kwargs.get("reference", ""))[:40],
    )


def _admin_models():
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in apps.get_models()}


def _admin_event(match):
    """An admin page: the model and object it shows, and the placement that object is of."""
    event = audit.Event(action=Action.READ, what=f"admin:{match.url_name}", object_type="admin")
    name = match.url_name or ""
    models = _admin_models()
    for view in ADMIN_VIEWS:
        model = models.get(name.removesuffix(f"_{view}")) if name.endswith(f"_{view}") else None
        if model is None:
            continue
        event.object_type = model._meta.label_lower
        object_id = match.kwargs.get("object_id")
        if object_id is None:
            break
        event.object_id = str(object_id)[:64]
        try:
            pk = model._meta.pk.to_python(object_id)
        except ValidationError:  # a mangled id in the URL: logged as typed
            break
        if model is audit.case.placement_model:
            event.placement_id = pk
        elif any(f.name == "placement" for f in model._meta.concrete_fields):
            from django.db.models import Subquery

            event.placement_id = Subquery(
                model._base_manager.filter(pk=pk).order_by().values("placement_id")[:1]
            )
        break
    return event


def _note_response(scope, request, response):
    match = request.resolver_match
    status = response.status_code
    if match is None:
        if status == 404 and request.path.startswith(CASE_PREFIXES):
            scope.events.append(
                audit.Event(action=Action.REFUSED, what="unknown case URL", outcome=Outcome.REFUSED)
            )
        return
    if match.app_name == "admin":
        user = getattr(request, "user", None)
        if status == 200 and user is not None and user.is_authenticated and user.is_staff:
            scope.events.append(_admin_event(match))
        return
    if not is_case_page(match):
        return
    views = [e for e in scope.events if e.action in audit.VIEW_ACTIONS]
    if status in REFUSED_STATUSES:
        scope.events = [e for e in scope.events if e not in views]
        refused = _case_page_event(match)
        refused.action, refused.outcome = Action.REFUSED, Outcome.REFUSED
        refused.what = f"{match.view_name} ({status})"
        scope.events.append(refused)
        return
    if status != 200:
        return
    changed = any(e.action in (Action.CREATE, Action.CHANGE, Action.DELETE) for e in scope.events)
    if request.method not in ("GET", "HEAD") and changed:
        return
    page = _case_page_event(match)
    if not views:
        scope.events.append(page)
        return
    # The view said what it showed (and, for the calendar feed, to whom): keep its words
    # and add what the URL tells.
    for event in views:
        event.object_type = event.object_type or page.object_type
        event.object_id = event.object_id or page.object_id
        if event.placement_id is None:
            event.placement_reference = event.placement_reference or page.placement_reference


class AuditMiddleware:
    """Opens the request's log scope; writes its events in one INSERT when the response is
    ready. Placed right after the request-id middleware, so it sees every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "admin" if request.path.startswith("/admin/") else "web"
        with audit.audit_scope(source, request=request) as scope:
            response = self.get_response(request)
            _note_response(scope, request, response)
        return response
