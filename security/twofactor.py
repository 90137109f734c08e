"""Who needs a second factor, and the django-otp devices behind it.

A person's second factor is one confirmed TOTP device (an authenticator app) plus one static
device holding single-use recovery codes. Every professional and every staff account must
have them; a family member may turn them on. All token checks are django-otp's own
(RFC 6238 TOTP with replay protection and exponential throttling on failures).
"""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import signals

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"
# Families who turned a second factor on must use it; the flag is set at login so that the
# families' pages do not pay a query on every request to find out.
OPTIONAL_ENROLLED_SESSION_KEY = "security_second_factor_enrolled"


def second_factor_required(user):
    """Professionals and staff must use two factors (NEN 7510; DOMAIN.md, privacy)."""
    return bool(user.is_professional or user.is_staff or user.is_superuser)


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(request):
    """Whether this session must show a second factor before it sees anything."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if second_factor_required(user):
        return True
    return bool(request.session.get(OPTIONAL_ENROLLED_SESSION_KEY))


def pending_totp_device(user):
    """The device being enrolled: the same secret until the person confirms a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app without a camera."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device, label):
    """The otpauth:// URL as an inline SVG QR code (no style attributes, so CSP-safe)."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="qr-code", title=str(label)
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def normalise_code(code):
    return "".join(code.split()).replace("-", "").lower()


def _is_totp_code(code):
    return code.isdigit() and len(code) == 6


def confirm_enrolment(request, device, code):
    """Confirm the pending device with a first code; on success the session is verified and
    the new recovery codes are returned (to show once), otherwise None."""
    user = request.user
    code = normalise_code(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not (_is_totp_code(code) and device.verify_token(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = new_recovery_codes(user)
    _verified(request, device)
    signals.second_factor_enrolled.send(sender=TOTPDevice, request=request, user=user)
    return codes


def _verified(request, device):
    otp_login(request, device)
    request.session[OPTIONAL_ENROLLED_SESSION_KEY] = True
    # More rights than a moment ago: a new session key, as Django's login() does.
    request.session.cycle_key()


def new_recovery_codes(user):
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new ones."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class VerifyResult:
    def __init__(self, device=None, throttled_until=None):
        self.device = device
        self.throttled_until = throttled_until

    @property
    def ok(self):
        return self.device is not None

    @property
    def used_recovery_code(self):
        return isinstance(self.device, StaticDevice)


def verify(request, code):
    """Check a code from the app (6 digits) or a recovery code against the person's devices.

    A code is only tried on the kind of device it can belong to, so a mistyped recovery code
    does not count as a failed app code. django-otp throttles each device after a failure
    (1, 2, 4, … seconds) and refuses an app code that was used before.
    """
    user = request.user
    code = normalise_code(code)
    kind = TOTPDevice if _is_totp_code(code) else StaticDevice
    result = VerifyResult()
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            allowed, details = device.verify_is_allowed()
            if not allowed:
                result.throttled_until = (details or {}).get("locked_until")
                continue
            if device.verify_token(code):
                result = VerifyResult(device=device)
                break
    if result.ok:
        _verified(request, result.device)
        signals.second_factor_verified.send(
            sender=type(result.device),
            request=request,
            user=user,
            recovery_code=result.used_recovery_code,
        )
    else:
        signals.second_factor_failed.send(sender=kind, request=request, user=user)
    return result


def disable(request):
    """Remove a family member's second factor (professionals cannot: it is required)."""
    user = request.user
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
    request.session.pop(OPTIONAL_ENROLLED_SESSION_KEY, None)
    signals.second_factor_disabled.send(sender=TOTPDevice, request=request, user=user)
