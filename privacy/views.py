"""Reading the access log: "who looked at this file" for the pleegzorgbegeleider and the team
lead, and the privacy officer's views per person (with a CSV export) and per placement.

Reading the log is itself logged (the middleware sees these URLs as case pages), and the
CSV download as an export.
"""

import csv
from functools import wraps

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.decorators import placement_view
from core import audit
from core.models import AuditEvent
from zorgteam.access import current_memberships
from zorgteam.models import Role
from zorgteam.permissions import holds_regie, holds_regie_among

PAGE_SIZE = 100
OFFICER_PERMISSION = "core.privacy_officer"

OBJECT_LABELS = {
    "caseload": gettext_lazy("caseload"),
    "placement": gettext_lazy("placement page"),
    "plan": gettext_lazy("plan"),
    "plan version": gettext_lazy("plan version"),
    "agreement": gettext_lazy("agreement"),
    "portal": gettext_lazy("portal"),
    "zorgteam": gettext_lazy("zorgteam"),
    "reminders": gettext_lazy("reminders"),
    "calendar feed": gettext_lazy("calendar feed"),
    "admin": gettext_lazy("administration"),
    "access log": gettext_lazy("access log"),
}


def is_privacy_officer(user):
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def access_log_section(request, placement):
    """The link on the placement page, for those who may follow it (zorgteam.holds_regie:
    the pleegzorgbegeleider, her team lead, the application manager)."""
    team = current_memberships(placement)  # the placement page loaded it: no query
    return {"show": holds_regie_among(request.user, placement, team)}


def role_label(role):
    labels = {
        **dict(get_user_model().PersonType.choices),
        **dict(Role.choices),
        "staff": gettext_lazy("application manager"),
        "team lead": gettext_lazy("team lead"),
        "none": gettext_lazy("not in the zorgteam"),
    }
    return labels.get(role, role)


def object_label(event):
    if event.object_type in OBJECT_LABELS:
        return OBJECT_LABELS[event.object_type]
    if "." in event.object_type:
        try:
            return apps.get_model(event.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            pass
    return event.object_type


def _page(request, events):
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.object_label = object_label(event)
        event.role_label = role_label(event.role)
    return page


@placement_view
def placement_log(request, placement):
    if not holds_regie(request.user, placement):
        raise PermissionDenied(
            _("Only the pleegzorgbegeleider or the team lead can see who looked at this file.")
        )
    events = AuditEvent.objects.filter(placement_id=placement.pk)
    return render(
        request,
        "privacy/placement.html",
        {"placement": placement, "page": _page(request, events), "officer": False},
    )


def officer_view(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_privacy_officer(request.user):
            raise PermissionDenied(_("Only a privacy officer can read the whole access log."))
        return view(request, *args, **kwargs)

    return wrapper


@officer_view
def officer_home(request):
    reference = request.GET.get("reference", "").strip()[:40]
    if reference and "/" not in reference:
        return redirect("privacy:officer_placement", reference=reference)
    query = request.GET.get("q", "").strip()[:100]
    people = []
    if query:
        people = get_user_model()._default_manager.filter(
            Q(full_name__icontains=query) | Q(email__icontains=query)
        )[:50]
    # People whose account is gone are still in the log, under the name they had.
    former = []
    if query:
        former = (
            AuditEvent.objects.filter(user_name__icontains=query)
            .exclude(user_id__in=[p.pk for p in people])
            .exclude(user_id=None)
            .order_by("user_id")
            .values("user_id", "user_name")
            .distinct()[:50]
        )
    return render(
        request,
        "privacy/officer_home.html",
        {"query": query, "people": people, "former": former},
    )


@officer_view
def officer_person(request, user_id):
    person = get_user_model()._default_manager.filter(pk=user_id).first()
    events = AuditEvent.objects.filter(user_id=user_id)
    name = person.full_name if person else (events.values_list("user_name", flat=True).first())
    return render(
        request,
        "privacy/person.html",
        {"user_id": user_id, "person": person, "name": name, "page": _page(request, events)},
    )


@officer_view
def officer_placement(request, reference):
    """Every row about a placement reference, also after the placement was destroyed."""
    events = AuditEvent.objects.filter(placement_reference=reference)
    return render(
        request,
        "privacy/placement.html",
        {"reference": reference, "page": _page(request, events), "officer": True},
    )


CSV_COLUMNS = [
    "at",
    "user_id",
    "user_name",
    "role",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "placement_reference",
    "what",
    "ip_address",
    "source",
    "request_id",
]


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    text = "" if value is None else str(value)
    # A cell starting with one of these is run as a formula by spreadsheet programs.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(events):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for event in events.iterator(chunk_size=2000):
        values = {c: getattr(event, c) for c in CSV_COLUMNS}
        values["at"] = timezone.localtime(event.at).isoformat()
        yield writer.writerow([_cell(values[c]) for c in CSV_COLUMNS])


@officer_view
def officer_person_csv(request, user_id):
    events = AuditEvent.objects.filter(user_id=user_id).order_by("at", "id")
    audit.record(
        audit.Action.EXPORT,
        what="access log of a person (CSV)",
        object_type="accounts.user",
        object_id=str(user_id),
    )
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{user_id}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
