"""Werkbezoek settings: one file, driven by environment variables.

Defaults give the embedded set-up (SQLite in ./var); DATABASE_URL switches to PostgreSQL.
See README.md for the table of variables.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
WERKBEZOEK_DATA_DIR = Path(envstr("WERKBEZOEK_DATA_DIR", str(BASE_DIR / "var"))).resolve()
WERKBEZOEK_DATA_DIR.mkdir(parents=True, exist_ok=True)
# Public reference data (municipalities, parliament, council calendars) lives outside the repo.
WERKBEZOEK_SHARED_DATA = Path(
    envstr("WERKBEZOEK_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data"))
).resolve()

DEBUG = envbool("WERKBEZOEK_DEBUG", False)
# HTTPS-only cookies and redirects; off only for plain http on a laptop (`make run`).
HTTPS = envbool("WERKBEZOEK_HTTPS", not DEBUG)
# Behind our own proxy: trust its X-Forwarded-Proto and the address it adds to
# X-Forwarded-For; never otherwise (a client could claim any address).
WERKBEZOEK_BEHIND_PROXY = envbool("WERKBEZOEK_BEHIND_PROXY", False)


def _secret_key() -> str:
    key = envstr("WERKBEZOEK_SECRET_KEY", "")
    if key:
        return key
    # A laptop install keeps a generated key in its data folder, so sessions survive restarts.
    key_file = WERKBEZOEK_DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("WERKBEZOEK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("WERKBEZOEK_CSRF_TRUSTED_ORIGINS", [])
WERKBEZOEK_SITE_URL = envstr("WERKBEZOEK_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "werkbezoek.accounts",
    "werkbezoek.reference",
    "werkbezoek.organisations",
    "werkbezoek.people",
    "werkbezoek.interactions",
    "werkbezoek.imports",
    "werkbezoek.actions",
    "werkbezoek.calendars",
    "werkbezoek.visits",
    "werkbezoek.documents",
    "werkbezoek.umbrella",
    "werkbezoek.mail",
    "werkbezoek.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "werkbezoek.operations.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "werkbezoek.accounts.second_factor.SecondFactorMiddleware",
    "werkbezoek.operations.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "werkbezoek.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "werkbezoek.organisations.middleware.OrganisationMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "werkbezoek.urls"
WSGI_APPLICATION = "werkbezoek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "werkbezoek" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "werkbezoek.organisations.context_processors.organisation",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so project templates can define widgets.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{WERKBEZOEK_DATA_DIR / 'werkbezoek.sqlite3'}",
        conn_max_age=envint("WERKBEZOEK_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web and worker processes read while one writes; IMMEDIATE makes
    # writers wait for the lock instead of failing with "database is locked".
    # Connections are kept between requests (CONN_MAX_AGE above), as on PostgreSQL: a new
    # SQLite connection reads and parses the whole schema (some 300 tables and indexes)
    # before its first query, and starts with an empty page cache. Measured under
    # gunicorn: 2.1 ms of CPU per request, half of what a trivial page costs.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, not for a web page's
    # short ones. A name search whose plan the server estimated high spent 16 ms compiling
    # for an 11 ms query.
    # Index lookups priced as on SSD or memory (the server's default prices a random read
    # as four sequential ones, for spinning disks): the register is small enough to stay
    # cached, and at the default the planner read the whole person table (21,000 rows) to
    # join a few hundred assessments. Measured: home's later part 4.9 -> 2.9 ms in the
    # database, the stakeholder map 4.9 -> 3.7, no page slower.
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off -c random_page_cost=1.1",
        # Parameters bound on the server, and a query run twice on a connection prepared:
        # the server then plans a page's small queries once per connection instead of at
        # every request. Measured per request, server CPU: register list 7.3 -> 4.6 ms,
        # home 4.1 -> 1.4, home's later part 7.7 -> 5.7. The server still plans a query
        # anew while a plan for its own values is cheaper (plan_cache_mode=auto). Off
        # behind a pooler that cannot keep prepared statements (PgBouncer in transaction
        # mode before 1.21).
        **(
            {"server_side_binding": True, "prepare_threshold": 2}
            if envbool("WERKBEZOEK_DB_PREPARED_STATEMENTS", True)
            else {}
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work through Django's tasks framework with a durable database queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WERKBEZOEK_WORKER_HEARTBEAT_SECONDS = envint("WERKBEZOEK_WORKER_HEARTBEAT_SECONDS", 10)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "werkbezoek.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "werkbezoek.accounts.validators.ContextWordsValidator"},
]
# Superusers and organisation admins log in with a code from an app as well ("required");
# "optional" only for a demo on one's own laptop (`make run`).
WERKBEZOEK_SECOND_FACTOR = envstr("WERKBEZOEK_SECOND_FACTOR", "required")
OTP_TOTP_ISSUER = "Werkbezoek"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
WERKBEZOEK_INVITATION_VALID_DAYS = envint("WERKBEZOEK_INVITATION_VALID_DAYS", 14)

# Failed-login throttling: per account and, separately, per IP address.
AXES_FAILURE_LIMIT = envint("WERKBEZOEK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("WERKBEZOEK_LOGIN_COOLOFF_MINUTES", 15))
# One account is locked after too many failures, from anywhere and from one address; a
# stranger failing with made-up accounts only reaches the generous per-address limit below
# (accounts/throttle.py), which does not lock out the people behind a shared proxy.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "werkbezoek.accounts.throttle.client_ip"
AXES_USERNAME_CALLABLE = "werkbezoek.accounts.throttle.login_username"
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the e-mail address)
WERKBEZOEK_LOGIN_IP_FAILURE_LIMIT = envint("WERKBEZOEK_LOGIN_IP_FAILURE_LIMIT", 50)
WERKBEZOEK_RESET_EMAIL_LIMIT = envint("WERKBEZOEK_RESET_EMAIL_LIMIT", 3)  # mails per hour
WERKBEZOEK_RESET_IP_LIMIT = envint("WERKBEZOEK_RESET_IP_LIMIT", 10)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# A session ends after this long without activity, and after WERKBEZOEK_SESSION_MAX_HOURS
# whatever happens (accounts/middleware.py).
SESSION_COOKIE_AGE = envint("WERKBEZOEK_SESSION_IDLE_MINUTES", 60) * 60
WERKBEZOEK_SESSION_MAX_HOURS = envint("WERKBEZOEK_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("WERKBEZOEK_SSL_REDIRECT", True)
    # A monitoring probe over plain http on the private network still gets its answer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("WERKBEZOEK_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if WERKBEZOEK_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "werkbezoek" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = WERKBEZOEK_DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "werkbezoek" / "static"]
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
MEDIA_ROOT = WERKBEZOEK_DATA_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger bodies are refused from their Content-Length, before they are read (the largest
# upload, a 5 MB CSV, fits); anonymous requests only ever post small forms.
WERKBEZOEK_MAX_REQUEST_BYTES = envint("WERKBEZOEK_MAX_REQUEST_BYTES", 6 * 1024 * 1024)
WERKBEZOEK_MAX_ANONYMOUS_REQUEST_BYTES = envint("WERKBEZOEK_MAX_ANONYMOUS_REQUEST_BYTES", 64 * 1024)

# E-mail goes out over SMTP through the outbox (werkbezoek.mail); `make run` writes files
# instead (WERKBEZOEK_EMAIL=file), so a laptop demo needs no mail server.
WERKBEZOEK_EMAIL = envstr("WERKBEZOEK_EMAIL", "smtp")
if WERKBEZOEK_EMAIL == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(WERKBEZOEK_DATA_DIR / "mail")},
        }
    }
elif WERKBEZOEK_EMAIL == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": envstr("WERKBEZOEK_EMAIL_HOST", "localhost"),
                "port": envint("WERKBEZOEK_EMAIL_PORT", 25),
                "username": envstr("WERKBEZOEK_EMAIL_USER", "") or None,
                "password": envstr("WERKBEZOEK_EMAIL_PASSWORD", "") or None,
                "use_tls": envbool("WERKBEZOEK_EMAIL_TLS", False),
                "timeout": envint("WERKBEZOEK_EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    raise ImproperlyConfigured("WERKBEZOEK_EMAIL must be 'smtp' or 'file'")
DEFAULT_FROM_EMAIL = envstr("WERKBEZOEK_FROM_EMAIL", "Werkbezoek <noreply@werkbezoek.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOG_FORMAT = envstr("WERKBEZOEK_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": envstr("WERKBEZOEK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Council calendars (werkbezoek.calendars): uploads and subscriptions are limited in size
# and time; subscriptions never reach private or internal addresses.
WERKBEZOEK_CALENDAR_MAX_BYTES = envint("WERKBEZOEK_CALENDAR_MAX_BYTES", 2 * 1024 * 1024)
WERKBEZOEK_FETCH_TIMEOUT_SECONDS = envint("WERKBEZOEK_FETCH_TIMEOUT_SECONDS", 10)
# Subscriptions fetched per organisation in one hourly run (the others wait their turn).
WERKBEZOEK_CALENDAR_FEEDS_PER_RUN = envint("WERKBEZOEK_CALENDAR_FEEDS_PER_RUN", 3)
WERKBEZOEK_FETCH_ALLOW_PRIVATE = False  # only the tests, which serve from 127.0.0.1, allow it
# Subscriptions are fetched again by the worker when their last fetch is older than this.
WERKBEZOEK_CALENDAR_REFRESH_HOURS = envint("WERKBEZOEK_CALENDAR_REFRESH_HOURS", 24)
