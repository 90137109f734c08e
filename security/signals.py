"""Second-factor events, for the audit log to record.

Each is sent with ``request`` and ``user``; ``second_factor_verified`` also says whether a
recovery code was used. Failed and locked-out password logins are django's
``user_login_failed`` and axes' ``user_locked_out``.
"""

from django.dispatch import Signal

second_factor_enrolled = Signal()
second_factor_verified = Signal()
second_factor_failed = Signal()
second_factor_disabled = Signal()
