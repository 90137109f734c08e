from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from core.services import audit_record

from . import selectors
from .calendar import feed_for
from .forms import CaseloadFilterForm

PAGE_SIZE = 50
# Beyond this the "this week" list stops and points at the filtered caseload instead.
THIS_WEEK_LIMIT = 30


def home(request):
    """Everyone's start page: the login form, the caseload, or the family's own placement."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_professional:
        return redirect("portal:home")
    return caseload(request)


def caseload(request):
    today = timezone.localdate()
    form = CaseloadFilterForm(
        request.GET or None, voogds=selectors.voogd_choices(request.user, today=today)
    )
    # Invalid input (a voogd no longer in the caseload, a mistyped variant) shows the form's
    # message and the unfiltered caseload rather than an error page.
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.caseload_queryset(request.user, today=today, filters=filters)
    page = selectors.caseload_page(rows, request.GET.get("page"), PAGE_SIZE)
    placements = selectors.decorate_rows(page.object_list, today=today, user=request.user)
    week, counts = selectors.this_week(request.user, today=today, limit=THIS_WEEK_LIMIT + 1)
    return render(
        request,
        "dashboard/caseload.html",
        {
            "today": today,
            "form": form,
            "filtered": bool(filters) and any(filters.values()),
            "page": page,
            "placements": placements,
            "page_numbers": page.paginator.get_elided_page_range(page.number),
            "this_week": week[:THIS_WEEK_LIMIT],
            "this_week_more": len(week) > THIS_WEEK_LIMIT,
            "counts": counts,
        },
    )


def _feed_url(request, user):
    return request.build_absolute_uri(
        reverse("dashboard:calendar_feed", args=[user.calendar_token])
    )


@login_required
def calendar_settings(request):
    return render(
        request,
        "dashboard/calendar.html",
        {"feed_url": _feed_url(request, request.user)},
    )


@login_required
@require_POST
def calendar_rotate(request):
    """Revoke the old secret address: whoever has it (a lost phone, a shared link) loses it."""
    request.user.rotate_calendar_token()
    messages.success(
        request,
        _("The old calendar address no longer works. Add the new address to your calendar."),
    )
    return redirect("dashboard:calendar")


@require_GET
def calendar_feed(request, token):
    """The ICS feed. No login: calendar apps cannot log in; the secret address is the key."""
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    # Links in the events use the configured address, like the reminder emails do.
    ics = feed_for(user, today=timezone.localdate(), base_url=settings.SITE_URL)
    audit_record(user=user, action="export", what="calendar feed")
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="zorgteam.ics"'
    # The address is a secret: no shared cache may keep a copy under it.
    response["Cache-Control"] = "private, no-store"
    return response
