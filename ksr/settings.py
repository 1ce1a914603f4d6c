"""One settings module for every environment, driven by environment variables.

Defaults are safe for a developer machine (`make run`): SQLite in `var/`, DEBUG on only when
asked for. Production sets `KSR_ENV=production`, which turns on the secure-by-default options
checked by `manage.py check --deploy`. Every variable is listed in `.env.example`.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ksr.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KSR_VAR_DIR", str(BASE_DIR / "var")))

KSR_ENV = env_str("KSR_ENV", "development")
if KSR_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("KSR_ENV must be one of development, test, production")
PRODUCTION = KSR_ENV == "production"

DEBUG = env_bool("KSR_DEBUG", default=False)
if DEBUG and KSR_ENV != "development":
    # A DEBUG page shows settings, SQL and participants' data: only on a developer's machine.
    raise ImproperlyConfigured(f"KSR_DEBUG must be off when KSR_ENV={KSR_ENV}; DEBUG is for development only")
SECRET_KEY = env_str("KSR_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("KSR_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105

ALLOWED_HOSTS = env_list("KSR_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("KSR_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ksr.core",
    "ksr.accounts",
    "ksr.audit",
    "ksr.territory",
    "ksr.registry",
    "ksr.notifications",
    "ksr.documents",
    "ksr.registers",
    "ksr.networks",
    "ksr.partnerships",
    "ksr.cooperation",
    "ksr.analytics",
    "ksr.cases",
    "ksr.plans",
    "ksr.catalogue",
    "ksr.privacy",
    "ksr.pipeline",
    "ksr.procedures",
    "ksr.surveys",
    "ksr.animation",
    "ksr.cis",
    "ksr.agenda",
    "ksr.search",
    "ksr.help",
    "ksr.dataset",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ksr.core.headers.PermissionsPolicyMiddleware",
    # Before anything reads the body: a declared Content-Length over the limit is answered 413.
    "ksr.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ksr.accounts.language.AccountLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ksr.core.access.DenyByDefaultMiddleware",
    "ksr.accounts.middleware.SecondFactorMiddleware",
    # Last, so that it sees the sign-in's answer; it never says that an account is locked
    # (AXES_LOCKOUT_CALLABLE keeps the form's own answer, see ksr.accounts.services).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ksr.urls"
WSGI_APPLICATION = "ksr.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ksr.accounts.context_processors.ksr",
                "ksr.help.context_processors.screen_help",
            ],
        },
    },
]

# Database: SQLite in var/ by default; DATABASE_URL (postgres://…) for PostgreSQL.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "ksr.sqlite3"),
            # WAL and NORMAL sync: the embedded default stays responsive under the dev server.
            # IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers wait (up to
            # the busy timeout) instead of failing with "database is locked" on lock upgrade.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            },
        }
    }
# An optional read replica (streaming replication of the primary) for aggregate reads: see ksr/core/db.py.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ksr.core.db.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6.0 behaviour, now

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Polish first, English second. Source strings are English.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS: list[Path] = []  # each app keeps its own locale/ (see CONTRIBUTING.md)
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
FORMAT_MODULE_PATH = ["ksr.core.formats"]  # one date format per language: Polish dd.mm.rrrr
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # whitenoise warns on every request when STATIC_ROOT is missing; in development it is empty.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ksr",
    }
}
# Redis (REDIS_URL; KSR_REDIS_URL is the older name): the shared cache, the sessions and the Celery
# broker. Without it the cache is per process, sessions live in the database and background tasks
# run in the calling process — enough for `make run` and the tests, not for several nodes.
KSR_REDIS_URL = env_str("REDIS_URL", "") or env_str("KSR_REDIS_URL", "")
if KSR_REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": KSR_REDIS_URL,
        "KEY_PREFIX": "ksr",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: background work (see ksr/celery.py and ksr/core/tasks.py).
CELERY_BROKER_URL = KSR_REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = KSR_REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not KSR_REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is run again by another worker
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("KSR_TASK_TIME_LIMIT_SECONDS", 30 * 60)
CELERY_TIMEZONE = "Europe/Warsaw"
CELERY_BEAT_SCHEDULE = {
    # The retention purge: participants whose last case ended more than KSR_RETENTION_DAYS ago.
    "retention-purge": {
        "task": "ksr.run_command",
        "schedule": 24 * 60 * 60,
        "args": ["anonymise_participants"],
    },
    # Reminders of what is due (ksr.notifications.scanners), then the daily digest e-mails.
    "notify-due": {
        "task": "ksr.run_command",
        "schedule": 24 * 60 * 60,
        "args": ["notify_due"],
    },
    "notification-digest": {
        "task": "ksr.run_command",
        "schedule": 24 * 60 * 60,
        "args": ["send_notification_digest"],
    },
}

# Exports (ksr/core/exports.py): a list longer than this is exported by a background job, with a
# progress page and a download link valid for KSR_EXPORT_LINK_HOURS.
KSR_EXPORT_BACKGROUND_ROWS = env_int("KSR_EXPORT_BACKGROUND_ROWS", 20000)
KSR_EXPORT_LINK_HOURS = env_int("KSR_EXPORT_LINK_HOURS", 24)

EMAIL_BACKEND = env_str("KSR_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"  # for the file backend (the demo writes minutes there)
DEFAULT_FROM_EMAIL = env_str("KSR_DEFAULT_FROM_EMAIL", "ksr@localhost")
# The address of this installation, for links in e-mails (notifications) sent outside a request.
KSR_BASE_URL = env_str("KSR_BASE_URL", "http://localhost:8000")

# Sessions and cookies.
SESSION_COOKIE_AGE = env_int("KSR_SESSION_AGE_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every response: scripts only from our own static files —
# no inline <script>, no on…= attributes, no eval (htmx runs with allowEval off, base.html).
# Styles allow inline because the server-drawn SVG maps and charts carry their own <style>.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy on every response (ksr.core.headers): no powerful feature is used.
KSR_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("KSR_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("KSR_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The balancer probes the nodes over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Login protection (django-axes; see ksr.accounts.services.authenticate_with_lockout and ADR 0014):
# failures are counted per username and client address together, and per address; a lock never
# applies to the username alone, so nobody can lock another person out from elsewhere.
KSR_LOGIN_MAX_FAILURES = env_int("KSR_LOGIN_MAX_FAILURES", 5)
KSR_LOGIN_LOCKOUT_MINUTES = env_int("KSR_LOGIN_LOCKOUT_MINUTES", 15)
# Per address alone (many people behind one office gateway): a higher limit.
KSR_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("KSR_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
# Password reset e-mails asked for per hour, per client address and per e-mail address (beyond: the
# same answer, nothing sent; ksr.accounts.account_views).
KSR_PASSWORD_RESET_PER_HOUR = env_int("KSR_PASSWORD_RESET_PER_HOUR", 5)
AXES_FAILURE_LIMIT = "ksr.accounts.services.login_failure_limit"
AXES_COOLOFF_TIME = "ksr.accounts.services.login_cool_off"
# Axes locks the username at one address; the per-address count (all usernames together) is
# checked by authenticate_with_lockout against KSR_LOGIN_MAX_FAILURES_PER_ADDRESS.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ksr.accounts.services.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ksr.accounts.services.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail already
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# API tokens (django-rest-knox): stored as a hash, several per user, each with an expiry.
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(hours=env_int("KSR_API_TOKEN_HOURS", 30 * 24)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 10,
}
# Request bodies: limited before they are read (ksr.core.middleware.RequestSizeLimitMiddleware).
KSR_MAX_REQUEST_BYTES = env_int("KSR_MAX_REQUEST_BYTES", 25 * 1024 * 1024)  # uploads included
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("KSR_MAX_FORM_BYTES", 2 * 1024 * 1024)  # bodies other than files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger files spool to disk
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# JSON bodies: nesting deeper than this is refused (ksr.core.api.JSONParser).
KSR_MAX_JSON_DEPTH = 32
# Free text without a declared length is limited to this many characters in the API.
KSR_MAX_TEXT_LENGTH = env_int("KSR_MAX_TEXT_LENGTH", 20000)
# Roles that read participant data must use a second factor (TOTP). The demo can switch this off.
KSR_REQUIRE_2FA = env_bool("KSR_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "KSR"

REST_FRAMEWORK = {
    # The token class first: its scheme is the WWW-Authenticate of a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ksr.accounts.authentication.SecondFactorTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "ksr.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["ksr.core.filtering.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "ksr.core.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "ksr.core.schema.KsrAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "ksr.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KSR API",
    "DESCRIPTION": "REST API of the National Reintegration Network information system (Krajowa Sieć Reintegracji).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc assets are served by the app (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StrikeOffReasonEnum": "ksr.registers.choices.StrikeOffReason",
        "RegisterEntryStatusEnum": "ksr.registers.choices.EntryStatus",
        "PartnershipStatusEnum": "ksr.partnerships.choices.PartnershipStatus",
        "PactStatusEnum": "ksr.partnerships.choices.PactStatus",
        "PartnershipTaskStatusEnum": "ksr.partnerships.choices.TaskStatus",
        "ConclusionStatusEnum": "ksr.partnerships.choices.ConclusionStatus",
        "ConsentStatusEnum": "ksr.privacy.choices.ConsentStatus",
        "ContractStatusEnum": "ksr.plans.choices.ContractStatus",
        "PlanStatusEnum": "ksr.plans.choices.PlanStatus",
        "PotentialAreaEnum": "ksr.plans.choices.PotentialArea",
        "ContractKindEnum": "ksr.plans.choices.ContractKind",
        "PotentialItemKindEnum": "ksr.plans.choices.PotentialItemKind",
        "OutcomeKindEnum": "ksr.plans.choices.OutcomeKind",
        "CaseStatusEnum": "ksr.cases.choices.CaseStatus",
        "ReferralStatusEnum": "ksr.cases.choices.ReferralStatus",
        "BookingStatusEnum": "ksr.catalogue.choices.BookingStatus",
        "AttendanceStatusEnum": "ksr.catalogue.choices.AttendanceStatus",
        "ServiceAreaEnum": "ksr.catalogue.choices.ServiceArea",
        "NeedKindEnum": "ksr.procedures.choices.NeedKind",
        "NeedResponseKindEnum": "ksr.procedures.choices.ResponseKind",
        "LsrVariantEnum": "ksr.procedures.choices.LsrVariant",
        "NotificationKindEnum": "ksr.notifications.choices.NotificationKind",
        "NotificationDeliveryEnum": "ksr.notifications.choices.Delivery",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KSR_LOG_LEVEL", "INFO")},
    # django-axes logs every attempt at INFO; the audit trail records sign-ins already.
    "loggers": {"axes": {"level": "WARNING"}},
}

if KSR_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Participants' records are anonymised this many days after their last case ended
# (manage.py anonymise_participants; see ksr/privacy).
KSR_RETENTION_DAYS = env_int("KSR_RETENTION_DAYS", 3650)
# The IPD is set after diagnosis and several weeks of observation (Model KSR, II.4 „KIS zatrudnia case managerów”).
KSR_IPD_OBSERVATION_WEEKS = env_int("KSR_IPD_OBSERVATION_WEEKS", 6)

# Set by `make run` (seed_demo): shows a demo banner; never set in production.
KSR_DEMO = env_bool("KSR_DEMO", default=False)
