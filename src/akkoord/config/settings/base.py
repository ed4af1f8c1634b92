"""Base settings. Every value that differs between machines is read from the
environment here, once; nothing else in the code reads os.environ."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # src/akkoord
# A source checkout keeps its data beside the code; an installed package uses the cwd.
_CHECKOUT = PACKAGE_DIR.parent.parent
BASE_DIR = Path(
    os.environ.get("AKKOORD_HOME", _CHECKOUT if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd())
).resolve()
VAR_DIR = Path(os.environ.get("AKKOORD_VAR_DIR", BASE_DIR / "var")).resolve()

# Development default only; production.py refuses to start without a real one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "akkoord-development-key-not-for-production")
DEBUG = os.environ.get("DJANGO_DEBUG", "0").lower() in {"1", "true", "yes"}
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "akkoord.accounts.admin_app.AdminWithTwoFactor",  # the admin asks for a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI for the API page, served by the platform itself
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "akkoord.common",
    "akkoord.accounts",
    "akkoord.regions",
    "akkoord.organisations",
    "akkoord.deals",
    "akkoord.events",
    "akkoord.impact",
    "akkoord.finance",
    "akkoord.kennis",
    "akkoord.norms",
    "akkoord.consent",
    "akkoord.quality",
    "akkoord.privacy",
    "akkoord.api",
    "akkoord.web",
    "django.forms",  # its widget templates, last so that web/ overrides them (FORM_RENDERER below)
]

MIDDLEWARE = [
    "akkoord.common.health.HealthMiddleware",  # /healthz, before the host check and HTTPS redirect
    "akkoord.common.logs.RequestIdMiddleware",
    "akkoord.api.middleware.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "akkoord.web.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "akkoord.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a code
    "akkoord.common.pagecache.PageCacheMiddleware",  # anonymous pages, per data version
    "akkoord.common.uploads.UploadGuardMiddleware",  # before CSRF: it reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "akkoord.common.query.BadParameterMiddleware",
    "axes.middleware.AxesMiddleware",  # the lockout page after repeated failed sign-ins
]

# Content-Security-Policy (django-csp): only the platform's own scripts, styles and images; no
# inline script or style (charts are SVG with presentation attributes; the few <style> blocks of
# standalone documents carry a nonce). The browser tests run with it and fail on a violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Browser features the platform never uses, switched off for every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), display-capture=(), fullscreen=(self)"
)

ROOT_URLCONF = "akkoord.config.urls"
CSRF_FAILURE_VIEW = "akkoord.site.views.csrf_failure"
WSGI_APPLICATION = "akkoord.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "akkoord.web.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'akkoord.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a write is in progress.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked account before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "akkoord.accounts.oidc.GovernmentSignIn",  # only with OIDC_RP_CLIENT_ID set
]
# Government sign-in (OpenID Connect, accounts/oidc.py), on when OIDC_RP_CLIENT_ID is set; the
# endpoints are those of the provider's discovery document (…/.well-known/openid-configuration).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile groups")
OIDC_USE_PKCE = True
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_STAFF_GROUPS = [g.strip() for g in os.environ.get("OIDC_STAFF_GROUPS", "").split(",") if g.strip()]
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "uw organisatie")
OIDC_REQUIRE_VERIFIED_EMAIL = os.environ.get("OIDC_REQUIRE_VERIFIED_EMAIL", "1") == "1"
# The provider asks for the second factor itself (as government identity providers do), so a
# session signed in through it may use the admin without a TOTP code.
OIDC_TRUSTS_MFA = os.environ.get("OIDC_TRUSTS_MFA", "1") == "1"
AXES_FAILURE_LIMIT = int(os.environ.get("AKKOORD_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AKKOORD_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]  # an account, whichever address the attempts come from
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "akkoord.common.ratelimit.client_ip"
AXES_VERBOSE = False
# axes.W006 asks to lock per address too; an address is limited by LOGIN_RATE (django-ratelimit)
# instead, so colleagues behind one office address do not lock each other out.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Sign-in attempts from one address, over all accounts; password reset e-mails per address.
LOGIN_RATE = os.environ.get("AKKOORD_LOGIN_RATE", "30/10m")
PASSWORD_RESET_RATE = os.environ.get("AKKOORD_PASSWORD_RESET_RATE", "5/h")
# API tokens expire; a user revokes their own on their account page or with DELETE /api/v1/token/.
API_TOKEN_LIFETIME = dt.timedelta(days=int(os.environ.get("AKKOORD_API_TOKEN_DAYS", "30")))
# Requests per minute through the API per user (or address when anonymous), and token requests.
API_RATES = {
    "api": os.environ.get("AKKOORD_API_RATE", "600/m"),
    "token": os.environ.get("AKKOORD_API_TOKEN_RATE", "10/m"),
}
PASSWORD_RESET_TIMEOUT = 3 * 3600  # a reset link works for three hours
# An invitation into a deal (a one-time link by e-mail) works this long.
INVITATION_LIFETIME = dt.timedelta(days=int(os.environ.get("AKKOORD_INVITATION_DAYS", "14")))
# Form widgets carry the NL Design System classes (web/templates/django/forms/widgets/attrs.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:mine"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # grouping is explicit: the euro and num filters

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from the npm registry at set-up time (package.json).
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "akkoord.web.packages.NodePackagesFinder",  # the listed files of node_modules, under vendor/
]
# The house style: NL Design System components themed by a token set. "akkoord" is
# Akkoord's own theme, "utrecht" the Utrecht reference theme; "custom" is an
# organisation's own token file (AKKOORD_THEME_CSS, a CSS file on this server whose
# rules sit under the class AKKOORD_THEME_CLASS), so a municipality shows its house style.
AKKOORD_THEME = os.environ.get("AKKOORD_THEME", "akkoord")
AKKOORD_THEME_CSS = os.environ.get("AKKOORD_THEME_CSS", "")
AKKOORD_THEME_CLASS = os.environ.get("AKKOORD_THEME_CLASS", "")
STATICFILES_DIRS = [("theme", Path(AKKOORD_THEME_CSS).parent)] if AKKOORD_THEME_CSS else []
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in development
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (imports, model files): the whole request body; checked before it is read.
MAX_UPLOAD_BYTES = int(os.environ.get("AKKOORD_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# JSON bodies of the API: size and nesting depth.
API_MAX_BODY_BYTES = int(os.environ.get("AKKOORD_API_MAX_BODY_BYTES", str(1024 * 1024)))
API_MAX_JSON_DEPTH = 16
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1"  # STARTTLS, usually port 587
EMAIL_USE_SSL = os.environ.get("DJANGO_EMAIL_USE_SSL", "0") == "1"  # TLS from the start, port 465
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # file backend only
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "akkoord@localhost")
SITE_URL = os.environ.get("AKKOORD_SITE_URL", "http://127.0.0.1:8000")

# Whole pages for anonymous readers are cached per version of the data (common/pagecache.py)
# for at most this many seconds; only with a cache that all processes share (Redis).
PAGE_CACHE_SECONDS = int(
    os.environ.get("AKKOORD_PAGE_CACHE_SECONDS", "300" if os.environ.get("REDIS_URL") else "0")
)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "akkoord.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["akkoord.common.rest.throttles.RateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["akkoord.common.rest.permissions.DealPermission"],
    "DEFAULT_FILTER_BACKENDS": ["akkoord.common.fields.BoundedFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "akkoord.common.rest.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["akkoord.common.rest.parsers.BoundedJSONParser"],
    # JSON only: DRF's browsable pages need inline styles, which the Content-Security-Policy forbids.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "akkoord.common.rest.problems.problem_exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
# The full version of the API, in the API-Version header of every response and in the document.
API_VERSION = "1.1.0"
SPECTACULAR_SETTINGS = {
    "TITLE": _("Akkoord API"),
    "DESCRIPTION": _(
        "Deals, partners, commitments, signatures, events and impact values of multi-party "
        "collaborations. Errors are problem details (RFC 9457); docs/api/README.md explains the rules."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": os.environ.get("AKKOORD_API_CONTACT_NAME", "Akkoord maintainers"),
        "email": os.environ.get("AKKOORD_API_CONTACT_EMAIL", "beheer@akkoord.example"),
        "url": os.environ.get("AKKOORD_API_CONTACT_URL", "https://github.com/akkoord/akkoord"),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://joinup.ec.europa.eu/collection/eupl"},
    # Relative: the paths are under /api/v1 of whichever host serves the document.
    "SERVERS": [{"url": "/api/v1", "description": _("This server")}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "akkoord.api.schema.add_problem_responses",
        "akkoord.api.schema.add_version_header",
    ],
}

# Rate limits (django-ratelimit) count per client address. Behind a TLS proxy (docs/deployment.md)
# set how many proxies stand in front: the client is the address the nearest one saw.
TRUSTED_PROXIES = int(os.environ.get("AKKOORD_TRUSTED_PROXIES", "0"))
RATELIMIT_IP_META_KEY = "akkoord.common.ratelimit.client_ip"
RATELIMIT_ENABLE = os.environ.get("AKKOORD_RATELIMIT", "1") == "1"
# Public feedback on charters: at most this many comments per address per hour.
FEEDBACK_RATE_LIMIT = int(os.environ.get("AKKOORD_FEEDBACK_RATE_LIMIT", "5"))
# Background tasks (assignment runs, finance results, e-mail, periodic jobs) are rows in the
# database, run by `akkoord worker` (django-tasks-db); see common/jobs.py. The tests run them inline.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Finished tasks (their arguments include e-mail texts) are deleted after this many days.
TASK_RESULT_DAYS = int(os.environ.get("AKKOORD_TASK_RESULT_DAYS", "7"))
# Periodic jobs, queued by the workers once per period: name -> (task, period).
PERIODIC_TASKS = {
    "anonymise-registrations": ("akkoord.privacy.tasks.anonymise_registrations", dt.timedelta(days=1)),
    "event-reminders": ("akkoord.events.tasks.send_reminders", dt.timedelta(hours=1)),
    "prune-tasks": ("akkoord.common.jobs.prune_tasks", dt.timedelta(days=1)),
    "prune-finance-results": ("akkoord.finance.computing.prune_results", dt.timedelta(days=1)),
    "prune-report-files": ("akkoord.impact.building.prune_reports", dt.timedelta(days=1)),
}
# Confirmed participants get a reminder this many days before their event starts.
EVENT_REMINDER_DAYS = int(os.environ.get("AKKOORD_EVENT_REMINDER_DAYS", "2"))
# An assignment run that has said nothing for this long is taken for lost (its worker stopped).
ASSIGNMENT_RUN_STALE_MINUTES = int(os.environ.get("AKKOORD_ASSIGNMENT_RUN_STALE_MINUTES", "30"))
# Public registrations for events: at most this many per address per hour.
REGISTRATION_RATE_LIMIT = int(os.environ.get("AKKOORD_REGISTRATION_RATE_LIMIT", "20"))

# Logs: one line per record on stderr; JSON (AKKOORD_LOG_FORMAT=json, the production default)
# with the request id and the user's id on every line (common/logs.py).
LOG_FORMAT = os.environ.get("AKKOORD_LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "akkoord.common.logs.ContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Errors go to Sentry (or GlitchTip) when a DSN is set; no personal data is sent with them.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Privacy: who is responsible for the personal data (shown in the privacy statement), and how
# long registrations of an event are kept after it ended (`akkoord anonymise`, run daily).
PRIVACY_CONTROLLER = os.environ.get("AKKOORD_PRIVACY_CONTROLLER", "de organisatie die dit platform beheert")
PRIVACY_CONTACT = os.environ.get("AKKOORD_PRIVACY_CONTACT", DEFAULT_FROM_EMAIL)
REGISTRATION_RETENTION_MONTHS = int(os.environ.get("AKKOORD_REGISTRATION_RETENTION_MONTHS", "6"))

# IATI results export: the organisation that publishes (the platform's operator).
# Identifiers per https://org-id.guide; the default marks a demo installation.
IATI_REPORTING_ORG_REF = os.environ.get("AKKOORD_IATI_ORG_REF", "NL-AKKOORD-DEMO")
IATI_REPORTING_ORG_NAME = os.environ.get("AKKOORD_IATI_ORG_NAME", "Akkoord (demo-installatie)")
IATI_REPORTING_ORG_TYPE = os.environ.get("AKKOORD_IATI_ORG_TYPE", "10")
