"""Request-level guards: the idle timeout, the second factor, and no caching of case data.

Order in MIDDLEWARE (see settings): after AuthenticationMiddleware, django_otp's
OTPMiddleware (which sets ``user.is_verified()``) and MessageMiddleware.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import idle, twofactor

# Reachable before the second factor is shown: logging in and out, choosing a password,
# the 2FA steps themselves, and pages that need no login at all.
EXEMPT_VIEWS = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "health",
        "security:two_factor_setup",
        "security:two_factor_verify",
        "dashboard:calendar_feed",
    }
)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            idle_for = idle.seconds_idle(request.session, now)
            timeout = idle.timeout_seconds(user)
            if idle_for is not None and idle_for > timeout:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were logged out after %(minutes)d minutes without activity. "
                        "Log in again to continue."
                    )
                    % {"minutes": timeout // 60},
                )
                return redirect_to_login(request.get_full_path())
            if idle_for is None or idle_for >= idle.TOUCH_INTERVAL_SECONDS:
                idle.touch(request.session, user, now)
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Until the second factor is shown, every page sends the person to set it up or to
    enter a code. The admin is covered too (and OTPAdminSite checks it once more)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if twofactor.must_verify(request) and not self._exempt(request):
            return self._to_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _exempt(request):
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in EXEMPT_VIEWS

    @staticmethod
    def _to_second_factor(request):
        if twofactor.has_second_factor(request.user):
            target = resolve_url("security:two_factor_verify")
        else:
            target = resolve_url("security:two_factor_setup")
        next_url = request.get_full_path() if request.method == "GET" else resolve_url("home")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}")


class NoStoreMiddleware:
    """Case data must not stay in a browser's or a proxy's cache (a shared family computer):
    every response to a logged-in person says no-store, private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
