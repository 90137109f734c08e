"""Rate limits on actions that send email, counted in the shared cache by django-ratelimit.

A POST over the limit gets a Dutch page with HTTP 429 and nothing is sent; GETs are free.
The rates are settings (environment variables), read on each request.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited


def limit_posts(group, *, key, rate_setting, message):
    def rate(group, request):
        return getattr(settings, rate_setting)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and is_ratelimited(
                request, group=group, key=key, rate=rate, method="POST", increment=True
            ):
                return render(
                    request, "security/rate_limited.html", {"message": message}, status=429
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _email_key(group, request):
    return request.POST.get("email", "").strip().lower()


_RESET_MESSAGE = _(
    "Too many requests for a password-reset email. Wait a while and try again; check your "
    "spam folder for the email we already sent."
)


def password_reset_limits(view):
    """Per address and per email address, so neither one machine nor one inbox is flooded."""
    per_address = limit_posts(
        "password-reset-address",
        key="ip",
        rate_setting="PASSWORD_RESET_RATE_PER_ADDRESS",
        message=_RESET_MESSAGE,
    )
    per_email = limit_posts(
        "password-reset-email",
        key=_email_key,
        rate_setting="PASSWORD_RESET_RATE_PER_EMAIL",
        message=_RESET_MESSAGE,
    )
    return per_address(per_email(view))


meeting_request_limit = limit_posts(
    "meeting-request",
    key="user_or_ip",
    rate_setting="MEETING_REQUEST_RATE",
    message=_(
        "You have sent several meeting requests in a short time. The zorgteam has received "
        "them; wait a while before sending another."
    ),
)
