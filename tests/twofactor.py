"""Second-factor helpers for tests.

Professionals must show a second factor before they see anything. Tests that are not about
that log in with ``VerifiedClient.force_login``: it gives the person a confirmed TOTP device
and records it in the session under django-otp's own key, exactly what ``django_otp.login``
does once a code was entered. Browser tests type a real code from ``totp_code``.
"""

import time
from base64 import b32decode

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.twofactor import TOTP_DEVICE_NAME, has_second_factor, second_factor_required


def confirmed_totp_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device


def totp_code(device):
    """The code an authenticator app shows now. If this 30-second step's code was used
    already (a second login within the step), the next step's code: django-otp accepts one
    step of clock drift but never the same step twice."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.drift += device.last_t - totp.t() + 1
    return f"{totp.token():0{device.digits}d}"


def totp_code_for_secret(secret_text):
    """What an app computes from the key shown on the set-up page (base32, in groups)."""
    key = b32decode("".join(secret_text.split()))
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


class VerifiedClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if second_factor_required(user) or has_second_factor(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
            session.save()
