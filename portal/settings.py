"""Settings for the portal: one file, configured through environment variables.

See README.md ("Configuration") for every variable.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_choice, env_int, env_list, env_rate, env_schedule, env_str, ratelimit_rate
from portal.release import code_token

# numpy's BLAS (OpenBLAS) runs a thread per core, and its idle threads spin: in a web process (one
# per core under gunicorn) they burned as much CPU again as a first search or a similar-practices
# list needed (docs/PERFORMANCE.md, "Seventh round"). One thread a process unless set; read when
# numpy loads, hence here, before any app imports it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
_INSECURE_DEV_KEY = "insecure-development-key-do-not-use-in-production"
# Production refuses to start without a secret key; development (DJANGO_DEBUG=1) has a fixed one.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# Reverse proxies in front of the portal that append to X-Forwarded-For (0: none, the
# header is ignored). Used by the API's rate limits and by allauth's.
PORTAL_NUM_PROXIES = env_int("PORTAL_NUM_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = PORTAL_NUM_PROXIES

INSTALLED_APPS = [
    "portal",
    "practices",
    "search",
    "network",
    "federation",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "mailer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.roles",
            ],
            # |unlocalize for ids and years; {% extends %} finding the root template's blocks once
            "builtins": ["django.templatetags.l10n", "portal.templatetags.kept_blocks"],
        },
    },
]

# Database: SQLite (WAL mode) unless DATABASE_URL names another.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Health checks: a persistent connection broken by a database restart is replaced, not used.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
elif DATABASES["default"]["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured("DATABASE_URL must name a sqlite:// or postgres:// database.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: request rates (API throttles, portal.ratelimits) are counted here. "locmem" is per
# process (development, tests); "database" is one table every process shares (production:
# `manage.py createcachetable` creates it, docker-compose.yml runs it after migrating).
CACHE = env_choice("DJANGO_CACHE", ("locmem", "database"), "locmem")
CACHES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    if CACHE == "locmem"
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": 50_000},  # rate counts of many users at once; expired rows go first
    }
}
# HTML fragments that are functions of their key alone (the code, the language and the values in
# the key: the chrome of templates/base.html, search results' cards), so each process keeps its
# own and no change made elsewhere can stale them. In development none is kept: an edited template shows at once.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.dummy.DummyCache" if DEBUG else "portal.cache_layers.StringMemoryCache",
    "LOCATION": "portal-fragments",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}
# A signed-in reader's whole pages (portal/caching.py render_for_reader): functions of their key, one
# reader's each, kept in each process's memory; a page is 20-60 KB, hence the few entries.
CACHES["reader-pages"] = {
    "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    if DEBUG
    else "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-reader-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("PORTAL_READER_PAGE_ENTRIES", 500)},
}
# What is kept of pages (portal/caching.py: anonymous readers' pages and API answers, what pages
# show per reader scope) has a cache of its own, so that its churn never culls the rate counts.
# With the database cache: its own table, and each process's memory in front of it
# (portal/cache_layers.py: safe because these keys hold the version tokens read on each request).
if CACHE == "locmem":
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-pages"}
else:
    CACHES["pages-shared"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_page_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("PORTAL_PAGE_CACHE_ENTRIES", 20_000)},
    }
    CACHES["pages"] = {
        "BACKEND": "portal.cache_layers.LocalFirstCache",
        "LOCATION": "pages-shared",
        "OPTIONS": {"LOCAL_MAX_ENTRIES": env_int("PORTAL_PAGE_CACHE_LOCAL_ENTRIES", 300)},
    }
RATELIMIT_USE_CACHE = "default"

AUTH_USER_MODEL = "portal.User"
# Django's and allauth's backends, reading the user with their approved membership in one query
# (portal/auth_backends.py). Sessions name their backend: ones made with the former paths sign in again.
AUTHENTICATION_BACKENDS = [
    "portal.auth_backends.ModelBackend",
    "portal.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("PORTAL_FAST_PASSWORD_HASHER", default=False):
    # Test suites only: hashing with the production hasher costs ~0.3 s a user.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# django-allauth: email is the login, verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
# Sign-up answers alike whether or not the address has an account (allauth emails its owner
# instead), and in similar time (portal.adapter hashes the password in both cases).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "portal.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# A changed password or address is announced to the account (the former address, for a new
# primary one): someone else changing them is noticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Reset links open nothing for a deactivated account, even one sent before the deactivation.
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "portal.adapter.password_reset_token_generator"
# The portal's name in account emails (greeting and signature), never the host name.
PORTAL_NAME = env_str("PORTAL_NAME", "PVE Practitioners' Portal")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PVE portal] "
ACCOUNT_FORMS = {
    "signup": "portal.account_forms.PortalSignupForm",
    "login": "portal.account_forms.PortalLoginForm",
    "reset_password": "portal.account_forms.PortalResetPasswordForm",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_choice("PORTAL_PROTOCOL", ("http", "https"), "https" if not DEBUG else "http")
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Federation (docs/FEDERATION.md): a newly published practice reaches peers this many seconds
# later (withdrawn sooner, it leaves no copy).
FEDERATION_SHARE_DELAY = env_int("FEDERATION_SHARE_DELAY", 15 * 60)
# A peer's feed is pulled this often (seconds), and at once on its "changed" notice; a failing
# peer waits twice as long after each failure, up to an hour.
FEDERATION_PULL_INTERVAL = env_int("FEDERATION_PULL_INTERVAL", 300)
# For the instance tests of clock skew only: this instance signs and checks federation
# signatures as if its clock were this many seconds ahead (negative: behind). Leave it at 0.
FEDERATION_TEST_CLOCK_SHIFT = env_int("FEDERATION_TEST_CLOCK_SHIFT", 0)

# Multi-factor authentication: available to everyone, required for moderators and
# administrators on privileged pages (portal.decorators.mfa_required).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "PVE Practitioners' Portal"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
PORTAL_REQUIRE_MFA = env_bool("PORTAL_REQUIRE_MFA", default=True)

# Load the personal-data check's models (spaCy/Presidio) when a web process starts
# (portal/wsgi.py), so a contributor's first submit is as fast as the others.
PII_WARM_UP_AT_START = env_bool("PII_WARM_UP_AT_START", default=True)

# The backend that talks to the mail server (SMTP in production; the console by default).
_EMAIL_DELIVERY_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The outbox (django-mailer): an e-mail is a row written in the transaction of the action that
# sends it, and the scheduler's `send_mail` job delivers the queue every minute; an e-mail the
# mail server refuses or cannot take is deferred and `retry_deferred` puts it back in the queue,
# so a mail server that is down delays e-mails and loses none (docs/OPERATIONS.md, "Emails").
# Off by default when debugging (`make run` prints e-mails to the console at once).
EMAIL_OUTBOX = env_bool("PORTAL_EMAIL_OUTBOX", default=not DEBUG)
if EMAIL_OUTBOX and _EMAIL_DELIVERY_BACKEND != "mailer.backend.DbBackend":
    EMAIL_BACKEND = "mailer.backend.DbBackend"
    MAILER_EMAIL_BACKEND = _EMAIL_DELIVERY_BACKEND
else:
    EMAIL_BACKEND = _EMAIL_DELIVERY_BACKEND
    MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# The queue's rows are locked one by one in the database (several schedulers may run): no lock file.
MAILER_USE_FILE_LOCK = False
# Deferred e-mails are tried again at every `retry_deferred` run, however long the server is away.
MAILER_EMAIL_MAX_RETRIES = None
# The delivery log keeps when and how each e-mail went, not what it said nor a copy to resend.
MAILER_EMAIL_LOG_MESSAGE_DATA = False
# Days the delivery log is kept (`purge_mail_log_old`, daily in PORTAL_SCHEDULE).
MAIL_LOG_DAYS = env_int("PORTAL_MAIL_LOG_DAYS", 30)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "portal@localhost")
# Shown on the contact, privacy and accessibility pages.
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

# Languages: the interface is in English and French.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]  # dates as "4 Dec 2026" / "4 déc. 2026", never 12/04/2026
# Counts are grouped the reader's way ("1,234", "1 234"). A number that is a name, not a quantity (an
# id in a URL or an anchor, a year, a page number in a form), is printed with |unlocalize (l10n is
# a built-in of the templates): tests/portal/test_number_formats.py looks for those left out.
USE_THOUSAND_SEPARATOR = True
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# Languages a practice may be written in (the importer recognises en and fr): the 24 official
# languages of the EU and Norwegian. Search stems those of search.analysis.STEMMERS and folds and
# lower-cases the others (FOLDED_ONLY: no well-kept stemmer), docs/SEARCH.md "Which engine stems
# which language". A language added here is added there too (tests/search/test_practice_languages.py).
PRACTICE_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("no", _("Norwegian")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("el", _("Greek")),
    ("hu", _("Hungarian")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("hr", _("Croatian")),
    ("bg", _("Bulgarian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("et", _("Estonian")),
    ("ga", _("Irish")),
    ("mt", _("Maltese")),
]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# The code this process runs (portal/release.py): what is kept of pages in the shared cache is
# kept under it, and every page's ETag holds it, so an upgrade never serves a page kept by the
# former code.
PORTAL_RELEASE = code_token(BASE_DIR, STATIC_ROOT)
for _alias in ("pages", "pages-shared"):
    if _alias in CACHES:
        CACHES[_alias]["KEY_PREFIX"] = PORTAL_RELEASE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "portal.static_storage.KeptUrlsManifestStorage"
        if not DEBUG and env_bool("DJANGO_MANIFEST_STATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Networks: how many invitations a moderator sends, and how many posts a member reports,
# per period (portal.ratelimits; e.g. 30/h, 10/15m).
NETWORK_INVITATION_RATE = env_rate("NETWORK_INVITATION_RATE", "30/h")
NETWORK_REPORT_RATE = env_rate("NETWORK_REPORT_RATE", "10/h")

# Periodic jobs run by `manage.py run_scheduler` (portal/scheduler.py): management commands
# and their periods. Later: federation pulls.
SCHEDULED_JOBS = env_schedule(
    "PORTAL_SCHEDULE",
    "purge_case_rooms=1h,send_digests=1d,purge_request_counts=1h,send_mail=1m,retry_deferred=10m,purge_mail_log_old=1d",
)

# Uploaded template documents are parsed in memory and never stored.
PRACTICE_UPLOAD_MAX_BYTES = env_int("PRACTICE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = PRACTICE_UPLOAD_MAX_BYTES + 1024 * 1024
# Longest text of one practice field, in characters, in the form, the API and the importer:
# about ten times the template's longest word limit (300 words), since over-limit text is
# flagged, not refused. The personal-data checker reads at most this much per field.
PRACTICE_FIELD_MAX_CHARS = env_int("PRACTICE_FIELD_MAX_CHARS", 20_000)
# Longest an import may read a document, in seconds (practices/importer/limits.py).
PRACTICE_IMPORT_SECONDS = env_int("PRACTICE_IMPORT_SECONDS", 20)

PRACTICES_PER_PAGE = env_int("PRACTICES_PER_PAGE", 20)
# How long an anonymous reader's page is kept (portal/caching.py); 0: never kept, still validated.
PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 300)
# What pages show of published content per reader scope (search results, counts, facets, the
# newest practices), kept for every reader of that scope under the content token (portal/caching.py); 0: never.
SCOPE_CACHE_SECONDS = env_int("PORTAL_SCOPE_CACHE_SECONDS", 300)
# How long a practice's similar practices are kept per reader scope (practices/views.py); 0: never.
SIMILAR_PRACTICES_SECONDS = env_int("PORTAL_SIMILAR_PRACTICES_SECONDS", 3600)
# The header's unread badge, kept per reader until anything it counts changes (network/badge.py);
# this also bounds how long an invitation that expired meanwhile still counts. 0: counted per page.
BADGE_SECONDS = env_int("PORTAL_BADGE_SECONDS", 60)

# Hybrid search (docs/SEARCH.md, "Across languages"): documents' vectors computed by the outbox
# worker and search_reindex, the model loaded when a web process starts (portal/wsgi.py);
# off: lexical search only (and no model in memory).
SEARCH_EMBEDDINGS = env_bool("SEARCH_EMBEDDINGS", default=True)
SEARCH_BACKEND = env_choice("SEARCH_BACKEND", ("database", "elasticsearch"), "database")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9201")
# Search engines by name (docs/SEARCH.md). "database" is always there: it is the
# fallback, and its index is written in the same transaction as the practice.
# Elasticsearch is configured (and fed by `manage.py search_worker`) when it is
# the default engine.
SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
if SEARCH_BACKEND == "elasticsearch":
    SEARCH_BACKENDS["elasticsearch"] = {
        "ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend",
        "URL": ELASTICSEARCH_URL,
        "INDEX": env_str("ELASTICSEARCH_INDEX", "practices"),
    }

# REST API under /api/v1/ (docs/API.md): sessions (with CSRF) and personal tokens
# (django-rest-knox: only a hash is stored), OpenAPI 3 from drf-spectacular with
# Swagger UI served from the portal's own static files (drf-spectacular-sidecar).
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScopeAllowsMethod"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.CursorPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 20),
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle",
        "api.throttling.UserThrottle",
        "api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env_str("API_THROTTLE_ANONYMOUS", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
        "token": env_str("API_THROTTLE_TOKEN", "300/minute"),
        "import": env_str("API_THROTTLE_IMPORT", "30/hour"),  # the web import too (PRACTICE_IMPORT_RATE)
    },
    # Client addresses (anonymous and import rates) come from REMOTE_ADDR, or from the
    # X-Forwarded-For entry PORTAL_NUM_PROXIES hops from the right: a client cannot spoof it.
    "NUM_PROXIES": PORTAL_NUM_PROXIES,
    "EXCEPTION_HANDLER": "api.exceptions.problem_details_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Imports through the web form: the API's import rate, per user (portal.ratelimits).
PRACTICE_IMPORT_RATE = ratelimit_rate(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["import"])
KNOX_TOKEN_MODEL = "api.ApiToken"
# knox's own migration creates its default token table even when the model is swapped
# for api.ApiToken; that orphan table's foreign key to users blocks flushes on PostgreSQL.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_PREFIX": "pve_",
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PVE Practitioners' Portal API",
    "DESCRIPTION": "Practices in the RAN Collection template, their taxonomies, organisations, "
    "exit-intervention networks and moderation. See docs/API.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links Swagger UI nests no link inside each operation's button (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PracticeStatusEnum": "practices.models.Practice.Status",
        "VisibilityEnum": "practices.models.Practice.Visibility",
        "EvidenceLevelEnum": "practices.models.Practice.EvidenceLevel",
        "PeerReviewedEnum": "practices.models.Practice.PeerReviewed",
    },
}

# HTTPS (docs/OPERATIONS.md, "Behind the TLS proxy"). The proxy sets X-Forwarded-Proto and
# X-Forwarded-For; PORTAL_NUM_PROXIES says how many proxies append to X-Forwarded-For.
_PROXY_SSL_HEADER = env_str("DJANGO_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the container's own plain-HTTP health check
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a lasting commitment of the whole domain, left to the operator.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from the portal
# only; no inline script, style or event handler anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sessions in the database (Django's table), read with one plain query on every request (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # the portal's page for a refused form: templates/403_csrf.html
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
