from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import run_checks


@never_cache
def health(request):
    checks = run_checks()
    healthy = all(c.ok for c in checks)
    status = 200 if healthy else 503
    if "json" in request.headers.get("Accept", "") or request.GET.get("format") == "json":
        return JsonResponse(
            {"ok": healthy, "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks}},
            status=status,
        )
    return render(
        request, "core/health.html", {"checks": checks, "healthy": healthy}, status=status
    )
