"""The client's address, one rule for the lockout (axes) and the rate limits (ratelimit).

Behind TRUSTED_PROXY_COUNT reverse proxies, the client is the address that the outermost
trusted proxy appended to X-Forwarded-For: counted from the right, because everything to
the left of it was sent by the client and can be forged.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
