from django.contrib.auth import password_validation
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with a message that is translated: Django 5.2 changed this message's
    id and its Dutch catalogue has no translation for the new one, so it showed in English."""

    def get_error_message(self):
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class Argon2OneLanePasswordHasher(Argon2PasswordHasher):
    """Argon2id with Django's memory and passes (100 MiB, 2), in one lane instead of eight.

    Lanes only let the server spread one hash over several cores; a guessing run costs the
    same memory and passes either way (RFC 9106, section 3.1; OWASP's recommended settings
    all use one lane). With eight lanes, every login took both cores of a 2-core server for
    about 0.1 s, and every page being served at that moment waited. With one lane the hash
    runs on one core, and the other keeps serving pages.

    Same algorithm name as Django's hasher, so existing hashes verify, and must_update()
    sees the old lane count and rehashes them at the next login.
    """

    parallelism = 1
