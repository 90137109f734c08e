from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import run_checks


@never_cache
def health(request):
    checks = run_checks()
    healthy = all(c.ok for c in checks)
    status = 200 if healthy else 503
    # Only "waiting" checks failing: the app has just started, nothing is broken (yet).
    starting = not healthy and all(c.ok or c.waiting for c in checks)
    if "json" in request.headers.get("Accept", "") or request.GET.get("format") == "json":
        return JsonResponse(
            {
                "ok": healthy,
                "starting": starting,
                "checks": {
                    c.name: {"ok": c.ok, "waiting": c.waiting, "detail": c.detail} for c in checks
                },
            },
            status=status,
        )
    return render(
        request,
        "core/health.html",
        {"checks": checks, "healthy": healthy, "starting": starting},
        status=status,
    )
