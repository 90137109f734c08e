"""The second-factor steps (set up, verify), the account's security page, and the pages a
locked-out or rate-limited person sees."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import idle, twofactor
from .forms import SetupCodeForm, VerifyForm


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("home")


def _with_next(view_name, next_url):
    return f"{resolve_url(view_name)}?{urlencode({'next': next_url})}"


@login_required
def two_factor_setup(request):
    user = request.user
    next_url = _next_url(request)
    if twofactor.has_second_factor(user):
        # Replacing an app needs the current one: whoever has only the password must not be
        # able to enrol an app of their own.
        if user.is_verified():
            messages.info(request, _("Two-step verification is already on."))
            return redirect("security:account")
        return redirect(_with_next("security:two_factor_verify", next_url))
    device = twofactor.pending_totp_device(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            # Shown in this response only: the codes are not put in the session or a URL.
            return render(
                request,
                "security/recovery_codes.html",
                {"codes": codes, "next_url": next_url, "first_time": True},
            )
        form.add_error(
            "code",
            _(
                "This code is not right. Enter the code your app shows now; if it keeps "
                "failing, check that the time on your phone is set automatically."
            ),
        )
    return render(
        request,
        "security/setup.html",
        {
            "form": form,
            "qr_svg": twofactor.qr_svg(device, _("QR code for your authenticator app")),
            "secret": twofactor.secret_text(device),
            "next_url": next_url,
            "required": twofactor.second_factor_required(user),
        },
    )


@login_required
def two_factor_verify(request):
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not twofactor.has_second_factor(user):
        return redirect(_with_next("security:two_factor_setup", next_url))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = twofactor.verify(request, form.cleaned_data["code"])
        if result.ok:
            if result.used_recovery_code:
                left = twofactor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code. %(count)d code is left: make new ones on "
                        "the security page.",
                        "You used a recovery code. %(count)d codes are left: make new ones on "
                        "the security page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        if result.throttled_until:
            form.add_error("code", _("Too many wrong codes in a row. Wait a moment and try again."))
        else:
            form.add_error("code", _("This code is not right. Try the code your app shows now."))
    return render(request, "security/verify.html", {"form": form, "next_url": next_url})


@login_required
def account(request):
    user = request.user
    enabled = twofactor.has_second_factor(user)
    return render(
        request,
        "security/account.html",
        {
            "enabled": enabled,
            "required": twofactor.second_factor_required(user),
            "codes_left": twofactor.recovery_codes_left(user) if enabled else 0,
            "idle_minutes": idle.timeout_seconds(user) // 60,
        },
    )


def _require_verified_second_factor(request):
    if not twofactor.has_second_factor(request.user):
        raise PermissionDenied
    if not request.user.is_verified():
        raise PermissionDenied


@require_POST
@login_required
def recovery_codes_new(request):
    _require_verified_second_factor(request)
    codes = twofactor.new_recovery_codes(request.user)
    return render(
        request,
        "security/recovery_codes.html",
        {"codes": codes, "next_url": resolve_url("security:account"), "first_time": False},
    )


@require_POST
@login_required
def two_factor_disable(request):
    if twofactor.second_factor_required(request.user):
        raise PermissionDenied
    _require_verified_second_factor(request)
    twofactor.disable(request)
    messages.success(request, _("Two-step verification is off."))
    return redirect("security:account")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a Dutch page, HTTP 429."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "security/locked_out.html", {"minutes": minutes}, status=429)


def admin_login(request):
    """One login for everyone: the admin's own login form would skip the enrolment step.
    A logged-in person without admin rights still gets the admin's "no access" page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next") or "/admin/")
    return admin.site.login(request)
