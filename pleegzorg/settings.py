"""Settings for the pleegzorg project.

Every knob is an environment variable with a safe default. With no variable at all the
project runs embedded: SQLite, kombu's filesystem broker, email to the console. Production
sets DATABASE_URL (postgres://), CELERY_BROKER_URL (redis://), EMAIL_URL (smtp://),
SECRET_KEY, DEBUG=false and ALLOWED_HOSTS.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# --- Core -------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=True)
_INSECURE_KEY = "django-insecure-embedded-development-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_KEY)
if not DEBUG and (SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 40):
    # Youth-care data: a guessable key makes session and password-reset tokens forgeable.
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 40+ characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "accounts",
    "core",
    "cases",
    "zorgteam",
    "agreements",
    # Each right after the app its code and translations came from: for a msgid in two
    # catalogs the earlier app's translation wins, as it did before they moved.
    "portal",
    "evaluations",
    "caseload_import",
    "collaboration",
    "reminders",
    "dashboard",
    "lifecycle",
    "privacy",
    "demo",
    "quality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pleegzorg.urls"
WSGI_APPLICATION = "pleegzorg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A reset link works for a few hours; an invitation into a zorgteam (its own token) for days.
PASSWORD_RESET_TIMEOUT = 60 * 60 * env.int("PASSWORD_RESET_TIMEOUT_HOURS", default=3)
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
AUTH_PASSWORD_VALIDATORS = [
    {
        # The model has no first/last name, so name the fields to compare with.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "security.passwords.MinimumLengthValidator",  # Django's, with a Dutch message
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first: Django's recommended hasher and OWASP's first choice, memory-hard, so a
# guessing run on GPUs costs far more than against PBKDF2. Django's memory and passes (100 MiB,
# 2 passes) are above OWASP's minimum (19 MiB, 2 passes), in one lane instead of Django's eight
# (security/passwords.py: as strong, but a login no longer takes both cores from the pages
# being served). A login costs about 0.16 s of CPU, a fifth less than PBKDF2's 1,000,000
# rounds. Django's other hashers stay listed: existing PBKDF2 hashes and eight-lane Argon2
# hashes still verify and are rehashed at the next login. Each hash holds 100 MiB while it
# runs: 8 logins at once (gunicorn's 2 workers x 4 threads) take 800 MiB for that moment.
PASSWORD_HASHERS = [
    "security.passwords.Argon2OneLanePasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="nl")
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email --------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Pleegzorg zorgteam <noreply@pleegzorg.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Checks a block below has reasoned away; each says why where it adds one.
SILENCED_SYSTEM_CHECKS = []

# --- Security (production) -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Production runs behind TLS (the default). A stack served over plain http (the compose
    # file on localhost sets SECURE_SSL_REDIRECT=false) must also drop the cookies' Secure
    # flag, or the browser never sends the session and CSRF cookies back and nobody can log in.
    SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
    CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole domain and its subdomains to HTTPS in every browser,
        # for months, beyond this app: the operator opts in, so its reminder is not a finding.
        SILENCED_SYSTEM_CHECKS += ["security.W021"]
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# --- Celery -----------------------------------------------------------------------------------------
CELERY_DATA_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Zero-setup broker for the embedded default (see INFRA.md): one folder for in and out,
    # and a short polling interval, otherwise every task waits about a second.
    for _sub in ("queue", "processed", "control"):
        (CELERY_DATA_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 60 * 60,
        # Without these, a Redis that accepts connections but stops answering (frozen,
        # swapping, a half-open connection) hangs beat and the worker forever (a publish to a
        # frozen Redis: still waiting after 150 s); with them it fails after 30 s, is logged, and
        # they reconnect. Well above the worker's 1-second BRPOP polls.
        "socket_connect_timeout": 5,
        "socket_timeout": 30,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True  # a task killed mid-way is redelivered; tasks are idempotent
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Reconnect to the broker forever. Celery's default gives up after 100 attempts (about 47
# minutes of a Redis outage) and the worker exits, leaving reminders for a manual restart.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Beat runs an interval task first after one interval, so keep it short: /health/ is
    # green about a minute after start.
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    # Time-driven rules (a child turning 12, a placement's end date passing) change overnight.
    "refresh-deadlines-nightly": {
        "task": "evaluations.tasks.refresh_all_deadlines",
        "schedule": crontab(hour=2, minute=30),
    },
    # Early morning, Europe/Amsterdam, so digests are there when people start work; the
    # sweep is idempotent, so the hourly run only catches up after an outage.
    "reminder-sweep-morning": {
        "task": "reminders.tasks.sweep_and_send",
        "schedule": crontab(hour=6, minute=0),
    },
    "reminder-sweep-hourly": {
        "task": "reminders.tasks.sweep_and_send",
        "schedule": crontab(minute=15),
    },
    # Files past their retention period (RETENTION_YEARS after the end of care) are destroyed.
    "retention-nightly": {
        "task": "privacy.tasks.retention",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- Domain periods (DOMAIN.md defaults; the zorgteam may set a perspective date per placement) ---
DEADLINE_PERIODS = {
    "visit_evaluation_hulpverlening_months": env.int(
        "VISIT_EVALUATION_HULPVERLENING_MONTHS", default=3
    ),
    "visit_evaluation_opvoeding_months": env.int("VISIT_EVALUATION_OPVOEDING_MONTHS", default=6),
    "perspective_study_months": env.int("PERSPECTIVE_STUDY_MONTHS", default=3),
    "perspective_decision_months": env.int("PERSPECTIVE_DECISION_MONTHS", default=9),
    "guardian_contact_days": env.int("GUARDIAN_CONTACT_DAYS", default=42),
    "child_joins_age_years": env.int("CHILD_JOINS_AGE_YEARS", default=12),
    "zorgteam_after_court_order_days": env.int("ZORGTEAM_AFTER_COURT_ORDER_DAYS", default=14),
    "handover_days": env.int("HANDOVER_DAYS", default=14),
    "court_order_review_weeks": env.int("COURT_ORDER_REVIEW_WEEKS", default=12),
    "start_meeting_days": env.int("START_MEETING_DAYS", default=14),
    "start_meeting_registration_window_days": env.int(
        "START_MEETING_REGISTRATION_WINDOW_DAYS", default=28
    ),
    "requested_meeting_days": env.int("REQUESTED_MEETING_DAYS", default=14),
    "decision_explanation_days": env.int("DECISION_EXPLANATION_DAYS", default=14),
}
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=14)

# --- Logging (request ids, LOG_FORMAT=text|json, no personal data; core/logs.py) ---
# One handler for everything (Django, Celery, the app), so every line gets the request id and
# is scrubbed of email addresses and URL tokens. Celery keeps this configuration instead of
# its own (pleegzorg/celery.py); gunicorn's own logs follow LOG_FORMAT too (gunicorn.conf.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "core.logs.ContextFilter"}},
    "formatters": {"default": {"()": "core.logs.make_formatter", "log_format": LOG_FORMAT}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "default",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's default handlers for these would print a second, unscrubbed copy.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
MIDDLEWARE.insert(0, "core.middleware.RequestLogMiddleware")  # first: its id covers all the rest

# --- Access log (core/audit.py) ---------------------------------------------------
# Right after the request id: it sees every response (refusals too) and writes the request's
# log rows in one INSERT at the end.
MIDDLEWARE.insert(1, "core.audit_http.AuditMiddleware")
# Youth-care files are kept 20 years after the end of care (Jeugdwet art. 7.3.8), then destroyed.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=20)
if RETENTION_YEARS < 1:
    raise ImproperlyConfigured("RETENTION_YEARS must be at least 1.")

# --- Reminders (reminders app) ------------------------------------------------------
# Stages: due_soon from REMINDER_DUE_SOON_DAYS before the due date, due on it, overdue after
# it, repeated every REMINDER_OVERDUE_REPEAT_DAYS. A failed digest is retried after
# REMINDER_RETRY_BASE_SECONDS, doubling up to REMINDER_RETRY_MAX_SECONDS; a digest claimed
# but not finished within REMINDER_CLAIM_TIMEOUT_SECONDS (a killed worker) is retried.
REMINDER_DUE_SOON_DAYS = env.int("REMINDER_DUE_SOON_DAYS", default=DUE_SOON_DAYS)
REMINDER_OVERDUE_REPEAT_DAYS = env.int("REMINDER_OVERDUE_REPEAT_DAYS", default=7)
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=5 * 60)
REMINDER_RETRY_MAX_SECONDS = env.int("REMINDER_RETRY_MAX_SECONDS", default=6 * 60 * 60)
REMINDER_TASK_MAX_RETRIES = env.int("REMINDER_TASK_MAX_RETRIES", default=8)
REMINDER_CLAIM_TIMEOUT_SECONDS = env.int("REMINDER_CLAIM_TIMEOUT_SECONDS", default=30 * 60)
# /health/ flags the sweep when it has not run for this long (beat runs it hourly).
REMINDER_SWEEP_MAX_AGE_HOURS = env.int("REMINDER_SWEEP_MAX_AGE_HOURS", default=26)
for _name in (
    "REMINDER_DUE_SOON_DAYS",
    "REMINDER_OVERDUE_REPEAT_DAYS",
    "REMINDER_RETRY_BASE_SECONDS",
    "REMINDER_RETRY_MAX_SECONDS",
    "REMINDER_CLAIM_TIMEOUT_SECONDS",
    "REMINDER_SWEEP_MAX_AGE_HOURS",
):
    if vars()[_name] < 1:
        # A zero repeat would divide by zero in the sweep; zero retries would spin.
        raise ImproperlyConfigured(f"{_name} must be at least 1, got {vars()[_name]}.")
if REMINDER_TASK_MAX_RETRIES < 0:
    raise ImproperlyConfigured("REMINDER_TASK_MAX_RETRIES must be 0 or more.")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("reminders.context_processors.reminders")

# --- Authentication and security headers (security app) -------------------
# Two factors (django-otp) for professionals and staff, idle timeout, lockout (django-axes),
# rate limits on emails (django-ratelimit), Cache-Control, CSP and Permissions-Policy.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_ratelimit",
    "csp",
    "security",
]
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",  # sets user.is_verified()
    "security.middleware.NoStoreMiddleware",  # outside the two below, so it sees their redirects
    "security.middleware.IdleTimeoutMiddleware",
    "security.middleware.SecondFactorRequiredMiddleware",
]
# The headers near the top, so that every response has them, redirects included.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE[_after_security:_after_security] = [
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]
# Last, as django-axes asks: it turns a lockout found during login into the lockout page.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before the password
    "django.contrib.auth.backends.ModelBackend",
]

# The shared cache behind the rate limits. Every gunicorn worker must see the same counters,
# so production sets CACHE_URL=redis://host:6379/1; the embedded run is one process.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
_cache_backend = CACHES["default"]["BACKEND"]
if _cache_backend == "django.core.cache.backends.redis.RedisCache":
    # django-ratelimit lists only django-redis as supported; Django's own Redis backend
    # increments with Redis' atomic INCR as well.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.W001")
if _cache_backend == "django.core.cache.backends.locmem.LocMemCache":
    # Fine for the embedded run (one process); with DEBUG=false security.E001 refuses it,
    # so `migrate` does not start production without a shared CACHE_URL.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, use the
# connection's address). The client address drives the lockout and the rate limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "security.ip.client_ip"

# Two factors. Professionals and staff enrol an authenticator app at their first login.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Pleegzorg zorgteam")

# Idle timeout: a professional's session ends after 30 minutes without a request, a
# family's after 12 hours (a phone on the kitchen table is not a shared office computer).
IDLE_TIMEOUT_PROFESSIONAL_MINUTES = env.int("IDLE_TIMEOUT_PROFESSIONAL_MINUTES", default=30)
IDLE_TIMEOUT_FAMILY_MINUTES = env.int("IDLE_TIMEOUT_FAMILY_MINUTES", default=12 * 60)

# Lockout (django-axes, database handler: shared by all workers, visible in the admin). After
# LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address, every login
# there is refused for LOGIN_LOCKOUT_MINUTES, the right password included.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The login form passes the (lowercased) email as authenticate(username=...); axes would
# otherwise look for the model's USERNAME_FIELD ("email") and count no account at all.
AXES_USERNAME_FORM_FIELD = "username"
# A successful login does not wipe the count: it would wipe the address's attempts on other
# accounts too, so one's own account would reset a guessing run against someone else's.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "security.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "security.ip.client_ip"
# Axes keeps failures only; successful logins belong in the audit log.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no start-up banner on every manage.py command

# Rate limits on actions that send email ("N/s|m|h|d", django-ratelimit's format).
PASSWORD_RESET_RATE_PER_ADDRESS = env.str("PASSWORD_RESET_RATE_PER_ADDRESS", default="10/h")
PASSWORD_RESET_RATE_PER_EMAIL = env.str("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
MEETING_REQUEST_RATE = env.str("MEETING_REQUEST_RATE", default="5/d")

for _name, _minimum in (
    ("IDLE_TIMEOUT_PROFESSIONAL_MINUTES", 1),
    ("IDLE_TIMEOUT_FAMILY_MINUTES", 1),
    ("AXES_FAILURE_LIMIT", 1),
    ("LOGIN_LOCKOUT_MINUTES", 1),
    ("TRUSTED_PROXY_COUNT", 0),
):
    if vars()[_name] < _minimum:
        raise ImproperlyConfigured(f"{_name} must be at least {_minimum}, got {vars()[_name]}.")
for _name in (
    "PASSWORD_RESET_RATE_PER_ADDRESS",
    "PASSWORD_RESET_RATE_PER_EMAIL",
    "MEETING_REQUEST_RATE",
):
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", vars()[_name]):
        raise ImproperlyConfigured(f"{_name} must look like 5/h, got {vars()[_name]!r}.")

# Content-Security-Policy: only this site's own files; no inline script or style anywhere
# (templates use static/js and static/css). Bootstrap's CSS draws icons from data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF, "data:"],
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.NONE],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}
# Nothing here needs a camera, microphone, location, payment or sensors.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
