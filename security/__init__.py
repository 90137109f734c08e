"""Authentication hardening: two factors, idle timeout, lockout, rate
limits and the security headers. Built on maintained libraries (django-otp, django-axes,
django-ratelimit, django-csp, django-permissions-policy); no hand-written crypto here."""
