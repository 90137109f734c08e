from django.conf import settings
from django.core import checks

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=False)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate-limit counters in a per-process cache would let each gunicorn worker allow the
    full rate: production must point CACHE_URL at Redis."""
    if settings.DEBUG or settings.CACHES["default"]["BACKEND"] != LOCMEM:
        return []
    return [
        checks.Error(
            "With DEBUG=false the cache must be shared by all processes.",
            hint="Set CACHE_URL, e.g. redis://redis:6379/1.",
            id="security.E001",
        )
    ]
