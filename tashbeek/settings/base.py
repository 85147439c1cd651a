"""Settings shared by every profile. Everything that differs between machines comes from
the environment (see env.py); the profiles dev/test/prod only change defaults."""

import datetime
import importlib.util
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-" + "x" * 32)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "tashbeek.core.admin_site.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_countries",
    "django_htmx",
    "csp",
    "rest_framework",
    "knox",
    "mailer",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tashbeek.core",
    "tashbeek.accounts",
    "tashbeek.members",
    "tashbeek.notifications",
    "tashbeek.communities",
    "tashbeek.events",
    "tashbeek.library",
    "tashbeek.experiences",
    "tashbeek.governance",
    "tashbeek.cooperation",
    "tashbeek.discussions",
    "tashbeek.workplans",
    "tashbeek.needs",
    "tashbeek.search",
    "tashbeek.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tashbeek.accounts.middleware.PrivilegedSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tashbeek.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tashbeek.urls"
WSGI_APPLICATION = "tashbeek.wsgi.application"

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
                "tashbeek.core.context_processors.site",
                "tashbeek.notifications.context_processors.notifications",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept as with PostgreSQL: opening one (and running the PRAGMAs below)
    # on every request cost more than a directory page's own query. Writers queue on one
    # lock; SQLite's waiting is not first-come first-served, so under a burst (a ballot's
    # last hour: 1,000 votes from 16 threads in the suite) a writer may wait several seconds
    # before its turn: it waits up to 20 s rather than fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
CSRF_FAILURE_VIEW = "tashbeek.core.views.csrf_failure"
LOGIN_REDIRECT_URL = "members:directory"
LOGOUT_REDIRECT_URL = "members:directory"

# Sign-in throttling: after AXES_FAILURE_LIMIT failures for one account from one address,
# that pair is locked out for the cool-off period. Keying on the pair means an attacker
# cannot lock a colleague out from elsewhere, and cannot spray one account from one address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The sign-in form posts the e-mail address in Django's standard "username" field.
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "tashbeek.core.middleware.client_ip"
# Set to true only behind a reverse proxy that overwrites X-Forwarded-For.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "tashbeek.accounts.security.axes_username"
# Across accounts: this many failures from one address within the cool-off period lock the
# address out of signing in (one address trying twelve accounts was not stopped before).
ADDRESS_FAILURE_LIMIT = env_int("ADDRESS_FAILURE_LIMIT", 20)

LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "tashbeek" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "tashbeek_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet comes from the django-leaflet package; only its static files are used (installing
# the app would pull in GeoDjango and GDAL), so its folder is found without importing it.
STATICFILES_DIRS = [
    Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "tashbeek.core.storage.StaticStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
LOGO_MAX_BYTES = env_int("LOGO_MAX_BYTES", 2 * 1024 * 1024)
# Private documents (council resolutions, …) live outside MEDIA_ROOT and have no URL of their
# own: they are streamed only by views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Library files and experience attachments (guides and presentations run larger).
LIBRARY_MAX_BYTES = env_int("LIBRARY_MAX_BYTES", 25 * 1024 * 1024)

# Every e-mail goes to the outbox table in the transaction of the change that caused it
# (core.outbox); `manage.py send_mail_outbox` sends it through EMAIL_BACKEND from the environment.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILER_USE_FILE_LOCK = False  # each message is locked in the database while it is sent
MAILER_ERROR_HANDLER = "tashbeek.core.outbox.delivery_failed"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# `manage.py load_demo` writes the demo's e-mails here (unless --show-mail).
DEMO_MAIL_DIR = env_str("DEMO_MAIL_DIR", str(BASE_DIR / "var" / "demo-mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tashbeek <no-reply@tashbeek.localhost>")

# Map tiles: any XYZ tile URL; markers are drawn as vectors, so they show without tiles.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")


def _origin(url: str) -> str:
    """The origin of a tile URL template for the CSP ({s} subdomains become a wildcard)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content-Security-Policy on every response (django-csp): scripts and styles only from our
# own static files, never inline, so a name that slips past escaping into a page cannot run.
# Private downloads keep their stricter `sandbox` policy (core.files); JSON-LD blocks are data.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [_origin(MAP_TILE_URL)])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Directory facet counts are cached per filter set and data version; 0 turns the cache off.
DIRECTORY_FACET_CACHE_SECONDS = env_int("DIRECTORY_FACET_CACHE_SECONDS", 300)
# The cooperation graph's links, cached per filter and data version (a signed or ended
# agreement makes the old entry unreachable; the timeout only frees memory); 0 turns it off.
COOPERATION_GRAPH_CACHE_SECONDS = env_int("COOPERATION_GRAPH_CACHE_SECONDS", 24 * 3600)
# A profile's queries are compiled to SQL once per process (core.prepared); false compiles
# them on every request, as any other query (the benchmark's switch for this layer).
PREPARED_QUERIES = env_bool("PREPARED_QUERIES", True)

# Sentence embeddings for matchmaking (computed in a background thread after each save).
SEARCH_EMBEDDINGS = env_bool("SEARCH_EMBEDDINGS", True)
# A query's sentence vector kept in the cache by its text's hash (a need page asks the same
# text on every view); 0 turns it off.
SEARCH_QUERY_VECTOR_CACHE_SECONDS = env_int("SEARCH_QUERY_VECTOR_CACHE_SECONDS", 3600)
# Work after commit (core.background) runs on a background thread; the tests run it at once.
BACKGROUND_SYNC = False
# The text of library uploads is read in a child process with capped memory and CPU.
LIBRARY_EXTRACT_IN_CHILD = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "tashbeek.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tashbeek.api.permissions.RulesPermission"],
    "DEFAULT_PAGINATION_CLASS": "tashbeek.api.pagination.BoundedPagination",
    "EXCEPTION_HANDLER": "tashbeek.api.errors.exception_handler",
    "PAGE_SIZE": 25,
    # Per address for visitors, per person for the signed in; tokens by password are scarcer.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/min"),
        "user": env_str("API_THROTTLE_USER", "1200/min"),
        "token": env_str("API_THROTTLE_TOKEN", "10/min"),
    },
}
# API tokens (django-rest-knox): stored hashed, one per sign-in or per token made on the
# profile page, expiring, listed and revoked by their owner, all dropped at a password change.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=env_int("API_TOKEN_DAYS", 30)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": 20,
    "AUTO_REFRESH": False,
}
# The secretariat, the steering committee and the operator: a second factor (TOTP, with
# recovery codes) at every sign-in, and short sessions that end when idle or the browser closes.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Tashbeek"
PRIVILEGED_IDLE_MINUTES = env_int("PRIVILEGED_IDLE_MINUTES", 30)
PRIVILEGED_SESSION_HOURS = env_int("PRIVILEGED_SESSION_HOURS", 12)
SPECTACULAR_SETTINGS = {
    "TITLE": "Tashbeek API",
    "DESCRIPTION": (
        "The network of local authorities: members and partners, membership applications "
        "and the steering committee's decisions, dues and payments."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tashbeek.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "NeedStatusEnum": "tashbeek.needs.models.Need.Status",
        "NeedVisibilityEnum": "tashbeek.needs.models.Need.Visibility",
        "LibraryVisibilityEnum": "tashbeek.library.models.Document.Visibility",
        "OrganisationKindEnum": "tashbeek.members.models.Organisation.Kind",
        "AuthorityKindEnum": "tashbeek.members.api.application_serializers.AUTHORITY_KINDS",
        "MembershipStatusEnum": "tashbeek.members.models.Organisation.Status",
        "DocumentKindEnum": "tashbeek.members.models.ApplicationDocument.Kind",
        "MessageKindEnum": "tashbeek.members.models.ApplicationMessage.Kind",
        "DecisionKindEnum": "tashbeek.members.models.MembershipDecision.Kind",
        "VerdictEnum": "tashbeek.members.api.application_serializers.VERDICTS",
        "MembershipChangeEnum": "tashbeek.members.api.application_serializers.MEMBERSHIP_CHANGES",
        "LibraryKindEnum": "tashbeek.library.models.Document.Kind",
        "LibraryStatusEnum": "tashbeek.library.models.Document.Status",
        "ExperienceStatusEnum": "tashbeek.experiences.models.Experience.Status",
        "PlanItemStatusEnum": "tashbeek.workplans.models.WorkPlanItem.Status",
        "EventStatusEnum": "tashbeek.events.models.Event.Status",
        "EventKindEnum": "tashbeek.events.models.Event.Kind",
        "EventModeEnum": "tashbeek.events.models.Event.Mode",
        "RegistrationStatusEnum": "tashbeek.events.models.Registration.Status",
        "CommunityKindEnum": "tashbeek.communities.models.Community.Kind",
        "CommunityMembershipStatusEnum": "tashbeek.communities.models.CommunityMembership.Status",
        "DecisionVisibilityEnum": "tashbeek.governance.models.Decision.Visibility",
        "AttendanceStatusEnum": "tashbeek.governance.models.Attendance.Status",
        "BallotStatusEnum": "tashbeek.governance.models.Ballot.Status",
        "BallotKindEnum": "tashbeek.governance.models.Ballot.Kind",
        "BodyKindEnum": "tashbeek.governance.models.Body.Kind",
        "ActionStatusEnum": "tashbeek.governance.models.ActionItem.Status",
        "AgendaItemKindEnum": "tashbeek.governance.models.AgendaItem.Kind",
        "NetworkPlanStatusEnum": "tashbeek.governance.models.PlanItem.Status",
        "BudgetSourceEnum": "tashbeek.governance.models.BudgetLine.Source",
        "DecisionSourceEnum": "tashbeek.governance.models.Decision.Source",
        "ProjectPartnerRoleEnum": "tashbeek.cooperation.models.ProjectPartner.Role",
        "CommunityRoleEnum": "tashbeek.communities.models.CommunityMembership.Role",
        "ProjectStatusEnum": "tashbeek.cooperation.models.Project.Status",
        "AgreementKindEnum": "tashbeek.cooperation.models.Agreement.Kind",
        "AgreementPhaseEnum": "tashbeek.cooperation.models.Agreement.Phase",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
# Numbers are grouped only where a quantity is shown (`intcomma`, money, directory counts):
# grouping every number printed a French year as "2 026" and ids in anchors and field names
# as "1 234".
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["tashbeek.core.formats"]
# Static files straight from the app and package folders unless collectstatic has run.
WHITENOISE_USE_FINDERS = not (BASE_DIR / "staticfiles").exists()
