from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils import timezone

from cases.models import Placement


def home(request):
    """Everyone's start page: the login form, the caseload, or the family's own placement."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_professional:
        return redirect("portal:home")
    return caseload(request)


def caseload(request):
    today = timezone.localdate()
    placements = (
        Placement.objects.visible_to(request.user)
        .select_related("child")
        .order_by("end_date", "reference")
    )
    return render(request, "dashboard/caseload.html", {"placements": placements, "today": today})
