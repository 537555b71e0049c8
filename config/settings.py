"""IDD Workbench settings, all read from the environment (see README, "Configuration").

SQLite under var/ is the embedded default so a first run needs no server;
production and CI use PostgreSQL through DATABASE_URL.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_database,
    env_email,
    env_header,
    env_int,
    env_list,
    env_str,
    env_url,
    secret_key,
)
from config.notice import DOD_NOTICE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# A local checkout keeps its own settings in .env (written by `make`, never committed);
# real environment variables win over it.
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key("SECRET_KEY", debug=DEBUG, keep_in=VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The marking banner printed at the top and bottom of every page and PDF page.
MARKING = env_str("MARKING", "UNCLASSIFIED")
# The CUI designation indicator printed on the IDD's cover when MARKING starts with "CUI"
# (DoD Instruction 5200.48): who controls the information, its category, its limited
# dissemination control and whom to ask. A system check (`idd.reference.cui`) warns while
# it is not configured.
CUI_DESIGNATION = {
    "controlled_by": env_str("CUI_CONTROLLED_BY", ""),
    "category": env_str("CUI_CATEGORY", ""),
    "dissemination": env_str("CUI_DISSEMINATION", ""),
    "poc": env_str("CUI_POC", ""),
}
SITE_NAME = "IDD Workbench"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "assessments",
    "idd",
    # Demo data and benchmarks (seed_demo, bench_export, bench_pages): for development and
    # demonstrations; left out of production unless asked for (STIG V-222518).
    *(["demo"] if env_bool("DEMO_TOOLS", DEBUG) else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "idd.sign_in.session_limit.EndedSessionMiddleware",  # why the limit on sessions ended one
    # Nothing but the consent banner before "I agree" (CONSENT_BANNER).
    "idd.middleware.ConsentBannerMiddleware",
    # Signs out after the idle limit or the session's lifetime; keeps a guided-form save
    # that arrives too late.
    "idd.middleware.SessionTimeOutMiddleware",
    "idd.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A temporary or expired password reaches only the change-password page until changed.
    "idd.sign_in.password_change.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # An action whose security audit record could not be written is refused (503).
    "idd.audit_middleware.AuditUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "idd.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'idd.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("CONN_MAX_AGE", 0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks (select_for_update does nothing), and a transaction that
    # reads, then writes, fails at once when another writer got in first. So every
    # transaction takes the write lock when it begins (IMMEDIATE) and waits its turn: one
    # request at a time, enough for the embedded single-user default (PostgreSQL serves
    # teams). The slow read-only views (the PDF) run outside a transaction; WAL lets
    # them and the background worker read while a request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "idd.sign_in.backends.PasswordBackend",
    "idd.sign_in.backends.CertificateBackend",
]

# Certificate (CAC/PKI) sign-in behind the TLS proxy (deploy/nginx, docs/adr/0014). The
# proxy verifies the certificate and passes it in headers it always sets, with
# CERT_PROXY_SECRET: certificate headers on a request without it are ignored (and recorded).
CERT_SIGN_IN = env_bool("CERT_SIGN_IN", False)
CERT_IDENTITY = env_str("CERT_IDENTITY", "edipi").lower()
if CERT_IDENTITY not in ("edipi", "upn"):
    raise ImproperlyConfigured(f"CERT_IDENTITY must be edipi or upn; got {CERT_IDENTITY!r}.")
CERT_PROXY_SECRET = env_str("CERT_PROXY_SECRET", "")
if CERT_SIGN_IN and len(CERT_PROXY_SECRET) < 32:
    raise ImproperlyConfigured(
        "CERT_PROXY_SECRET must be at least 32 characters when CERT_SIGN_IN is on "
        "(the proxy sends it with every request; deploy/nginx)."
    )
# Passwords are the exception once certificates are on: administrators then always use
# their certificate, and only the BREAK_GLASS_ACCOUNTS (usernames) may still use one.
PASSWORD_SIGN_IN = env_bool("PASSWORD_SIGN_IN", not CERT_SIGN_IN)
BREAK_GLASS_ACCOUNTS = env_list("BREAK_GLASS_ACCOUNTS", [])
# The DoD Notice and Consent Banner before any sign-in (STIG V-222434/5): on unless DEBUG.
CONSENT_BANNER = env_bool("CONSENT_BANNER", not DEBUG)
CONSENT_BANNER_TEXT = env_str("CONSENT_BANNER_TEXT", DOD_NOTICE)
# Passwords as DoD systems require: at least 15 characters, not a common password, not
# like the username or name, with an upper- and a lower-case letter, a digit and a special
# character (checked when a password is set through a form or changepassword); not one of
# the last PASSWORD_HISTORY (V-222546); changing at least PASSWORD_MIN_CHANGED_CHARACTERS
# of the old one (V-222541); kept at least PASSWORD_MIN_AGE_HOURS by its owner (V-222544,
# an administrator may set one at any time); changed after PASSWORD_MAX_AGE_DAYS
# (V-222545) and, when set by an administrator or a command, at the next sign-in
# (V-222547): idd/sign_in/passwords.py, idd/services/password_rules.py.
PASSWORD_MIN_AGE_HOURS = env_int("PASSWORD_MIN_AGE_HOURS", 24, minimum=0)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 60, minimum=1)
PASSWORD_HISTORY = env_int("PASSWORD_HISTORY", 5, minimum=1)
PASSWORD_MIN_CHANGED_CHARACTERS = env_int("PASSWORD_MIN_CHANGED_CHARACTERS", 8, minimum=0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "idd.sign_in.passwords.CharacterKindsValidator"},  # upper, lower, digit, special
    # HistoryValidator also keeps the history and the date each password was set.
    {"NAME": "idd.sign_in.passwords.HistoryValidator"},
    {"NAME": "idd.sign_in.passwords.ChangedCharactersValidator"},
    {"NAME": "idd.sign_in.passwords.MinimumAgeValidator"},
]
# The largest guided-form page (every kind of row at its cap) must reach the form: the
# fields it posts, as `idd.reference.limits.MAX_POSTED_FIELDS` counts them (a test keeps
# the two equal; config never imports the app).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 44_008
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions live in the database, and so does their clock (idd/services/session_clock.py,
# STIG V-222389/V-222390): signed out after SESSION_IDLE_MINUTES without activity
# (administrators: SESSION_ADMIN_IDLE_MINUTES), warned two minutes before
# (static/js/session.js); and SESSION_MAX_HOURS after signing in, however active. The
# session cookie has no expiry: closing the browser ends the session.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 15, minimum=1)
SESSION_ADMIN_IDLE_MINUTES = env_int("SESSION_ADMIN_IDLE_MINUTES", 10, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_WARNING_SECONDS = min(120, min(SESSION_IDLE_MINUTES, SESSION_ADMIN_IDLE_MINUTES) * 30)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600  # the database row's expiry; never the cookie's
CSRF_FAILURE_VIEW = "idd.views.accounts.csrf_failure"

# At most this many sessions per account (in the database, which every web process reads):
# a sign-in beyond ends the oldest, whose next request is told why (V-222387).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MAX_SESSIONS_PER_ACCOUNT = env_int("MAX_SESSIONS_PER_ACCOUNT", 3, minimum=1)

# Accounts without a sign-in for this many days are disabled by the worker's daily task
# (STIG V-222411), except the usernames listed; administrators enable them (Users).
INACTIVE_ACCOUNT_DAYS = env_int("INACTIVE_ACCOUNT_DAYS", 35, minimum=1)
INACTIVE_EXEMPT_ACCOUNTS = env_list("INACTIVE_EXEMPT_ACCOUNTS", [])

# Account lock-out (STIG V-222432, docs/adr/0015): LOCKOUT_FAILURES failed password
# sign-ins in a row within LOCKOUT_WINDOW_MINUTES lock the username, from any address,
# until an administrator unlocks it (Users, action "Unlock") or, when set, LOCKOUT_MINUTES.
LOCKOUT_FAILURES = env_int("LOCKOUT_FAILURES", 3, minimum=1)
LOCKOUT_WINDOW_MINUTES = env_int("LOCKOUT_WINDOW_MINUTES", 15, minimum=1)
LOCKOUT_MINUTES = env_int("LOCKOUT_MINUTES", 0, minimum=0)  # 0: until an administrator

# Besides the lock-out, a pause per username and address (django-axes, docs/adr/0007):
# the address is the client's, read behind TRUSTED_PROXY_COUNT proxies. A pause lasts
# LOGIN_COOLOFF_MINUTES from the failure that caused it; attempts meanwhile do not count.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 5, minimum=1)
AXES_COOLOFF_TIME = "idd.services.throttling.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each record expires on its own cool-off
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "idd.services.throttling.client_ip"
AXES_USERNAME_CALLABLE = "idd.services.throttling.recorded_username"
AXES_LOCKOUT_CALLABLE = "idd.views.accounts.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("uswds", BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
]
# Locally, whitenoise serves straight from the finders; production serves collectstatic's output.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    # Stored PDFs go through this storage, so an S3-compatible backend can replace it.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL = env_email("EMAIL_URL", "consolemail://")
EMAIL_BACKEND = EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL.get("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "idd-workbench@localhost")
# The site's public address, for the links in e-mails the worker sends (it has no request
# to read it from): `make run`'s address with DEBUG; `check --deploy` warns while unset.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

# Background work is queued in the database and run by `python manage.py db_worker`
# (django-tasks, docs/adr/0006): web processes stay stateless, any number of workers.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds an initiative must stay unchanged before its PDF is rendered ahead of the
# download; each new save starts the wait again, so a planner's burst of saves costs one.
PDF_RENDER_DELAY = env_int("PDF_RENDER_DELAY", 30)

CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"
CRISPY_FAIL_SILENTLY = not DEBUG

# The commitment assessment records point at their subject through this setting,
# so the assessments app never imports idd (docs/adr/0002).
ASSESSMENTS_SUBJECT_MODEL = "idd.Initiative"

SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# TLS usually ends at the load balancer: it names the header that says the request was
# https (e.g. X-Forwarded-Proto), or http requests are redirected in a loop.
SECURE_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain http
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS", 365 * 24 * 3600 if SECURE_SSL_REDIRECT else 0, minimum=0
)
# Secure by default: with DEBUG off the app refuses to start serving cookies or pages over
# plain HTTP unless the deployment says so explicitly (ALLOW_INSECURE_HTTP=true).
ALLOW_INSECURE_HTTP = env_bool("ALLOW_INSECURE_HTTP", False)
if not DEBUG and not ALLOW_INSECURE_HTTP and not (SECURE_COOKIES and SECURE_SSL_REDIRECT):
    raise ImproperlyConfigured(
        "With DEBUG off, SECURE_COOKIES and SECURE_SSL_REDIRECT must be on (behind a TLS "
        "proxy set SECURE_PROXY_SSL_HEADER too); set ALLOW_INSECURE_HTTP=true to serve plain "
        "HTTP deliberately."
    )
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# The largest page is the partner deliverables step: 200 rows of 300 + 2,000 characters,
# 2.8 MB URL-encoded even if every character is accented (6 bytes); anything bigger is refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The security audit log: one JSON object a line on stdout, for the SIEM (ADR 0017).
        "audit": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "message",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint logs every step of every PDF export at INFO; keep its warnings only.
        "weasyprint.progress": {"level": "WARNING"},
        # Always at INFO, whatever LOG_LEVEL: every record is a line.
        "idd.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
    },
}
