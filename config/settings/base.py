"""Settings shared by every environment; values come from the environment.

local.py, test.py and production.py differ only in defaults, never in code
paths that the test suite does not run.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from kernel.storage import default_storage_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "organisation.admin_config.LibraryAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "organisation",
    "patrons",
    "catalogue",
    "circulation",
    "privacy",
    "complaints",
    "desk",
    "retention",
    "notices",
    "legal",
    "reports",
    "programs",
    "computers",
    "sip2",
    "moving",
    "patronnotices",
    # The record-type registry: its ready() finds every app's declarations.
    "recordtypes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells the guard on users' roles that a web request is being served.
    "organisation.staff_access.StaffAccessMiddleware",
    # Asks the OpenID Connect provider again, silently, when a session it
    # made is older than OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS.
    "organisation.directory.DirectorySessionRefresh",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session an LDAP sign-on made once the directory disables them.
    "organisation.directory.DirectoryLDAPRecheck",
    "kernel.middleware.IdleLogoutMiddleware",
    "organisation.security.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: turns a lock-out into the locked-out page.
    "axes.middleware.AxesMiddleware",
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
                "organisation.context_processors.staff",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one took 3.3 ms on the benchmark machine,
# more than half a desk scan, and a new connection plans each prepared
# statement again (below). Kept until they fail their health check
# (CONN_MAX_AGE unset or "none"), or for CONN_MAX_AGE seconds.
_conn_max_age = env.str("CONN_MAX_AGE", default="none").strip().lower()
if _conn_max_age not in ("", "none") and not _conn_max_age.isdigit():
    raise ImproperlyConfigured("CONN_MAX_AGE is a number of seconds, or none (persistent).")
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", None if _conn_max_age in ("", "none") else int(_conn_max_age)
)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # Only kernel.rawsql binds on the server (the desk summary, sessions,
    # the signed-in user, circulation's fixed statements); the ORM binds on
    # the client and is never prepared. Those are prepared on their first
    # run on a connection: run unprepared, the desk summary was planned
    # every time (2-4 ms against its 0.4 ms once prepared), and psycopg's
    # default waits five runs. PostgreSQL then plans the prepared statement
    # for its own first five runs. Set PREPARED_STATEMENTS=false behind a
    # pooler that cannot keep them (PgBouncer in transaction mode before
    # 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "prepare_threshold", 0 if env.bool("PREPARED_STATEMENTS", True) else None
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt while a username+IP pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "organisation.auth.SingleQueryModelBackend",
    # A SIP2 terminal's account: the capabilities its kind declares.
    "sip2.auth.TerminalPermissionBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Shared desk terminals: a session idle this long is logged out.
IDLE_LOGOUT_SECONDS = env.int("IDLE_LOGOUT_SECONDS", default=15 * 60)
# Dual control of staff accounts (organisation/dual_control.py): a change
# waiting for a Director's confirmation lapses after this many hours, and a
# set-password link waits this many days after an e-mail address was changed
# without a confirmation.
STAFF_CHANGE_EXPIRY_HOURS = env.int("STAFF_CHANGE_EXPIRY_HOURS", default=72)
UNCONFIRMED_EMAIL_HOLD_DAYS = env.int("UNCONFIRMED_EMAIL_HOLD_DAYS", default=7)
# Saves an existing session in one UPDATE (kernel/sessions.py).
SESSION_ENGINE = "kernel.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False

LANGUAGE_CODE = "en-us"
# Dates are written one way everywhere (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Stored files: object storage when STORAGE_S3_BUCKET is set, otherwise
# MEDIA_ROOT on this machine (kernel/storage.py).
STORAGES = {
    "default": default_storage_config(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Production refuses a MEDIA_ROOT on local disk (organisation/checks.py)
# unless this says every web node and worker mounts the same one.
MEDIA_ROOT_SHARED = env.bool("MEDIA_ROOT_SHARED", default=False)
STORAGE_MUST_BE_SHARED = False

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem
# transport, so the worker and beat still run with zero set-up.
REDIS_URL = env("REDIS_URL", default="")
BROKER_DIR = Path(env("BROKER_DIR", default=str(BASE_DIR / "var" / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    # kombu's filesystem transport does not create its folders itself.
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# Mail: one URL parsed by django-environ, e.g. smtp+tls://user:password@host:587.
# Without one, messages are written as files under var/mail, never to a log:
# letters carry patron names and addresses.
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(BASE_DIR / "var" / "mail")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="library@example.org")

# Patron notices by text message (patronnotices.delivery): the provider's
# "send a message" endpoint and its token; empty sends no text messages.
SMS_PROVIDER_URL = env("SMS_PROVIDER_URL", default="")
SMS_PROVIDER_TOKEN = env("SMS_PROVIDER_TOKEN", default="")
SMS_SENDER = env("SMS_SENDER", default="")
# The address of this application as staff reach it, for links in e-mail.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

AUDITLOG_INCLUDE_ALL_MODELS = False

# Application logs never carry patron data: only opaque ids.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        "client_errors_without_traceback": {"()": "kernel.logfilters.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # At DEBUG these would write SQL parameters (barcodes, names) and
        # whole template contexts (VariableDoesNotExist) into the log.
        "django.db.backends": {"level": "WARNING"},
        "django.template": {"level": "INFO"},
        # A 403 is one line, not a traceback.
        "django.request": {"filters": ["client_errors_without_traceback"]},
    },
}

# SIP2 terminals (sip2/): failed logins per account and per peer address
# within the window before both are blocked for the window; wrong PINs in
# a row before a card is locked for self-service until the desk unlocks it.
SIP2_LOGIN_MAX_FAILURES = env.int("SIP2_LOGIN_MAX_FAILURES", default=5)
SIP2_LOGIN_WINDOW_SECONDS = env.int("SIP2_LOGIN_WINDOW_SECONDS", default=900)
SIP2_PIN_MAX_FAILURES = env.int("SIP2_PIN_MAX_FAILURES", default=5)
# A certificate and its key (PEM files) make `sip2_server` speak TLS.
SIP2_CERTFILE = env("SIP2_CERTFILE", default="")
SIP2_KEYFILE = env("SIP2_KEYFILE", default="")

# The daily retention job split across this many Celery workers (1: one
# task does it all). Each takes a disjoint range of every table's due rows,
# planned when the run opens. Measured at 5M due loans on 2 cores, two
# workers took 65% of one's time (docs/benchmarks-expunge.md); raise it when
# the nightly job outgrows its window and there are cores to spare.
RETENTION_WORKERS = env.int("RETENTION_WORKERS", default=1)

# A second scan of an item lent to the patron in view within this many
# seconds is taken for a scanner's double read, not a return.
DESK_RESCAN_WINDOW_SECONDS = env.int("DESK_RESCAN_WINDOW_SECONDS", default=300)

# A public computer's client that sends this many cards or guest passes that
# are refused within the window is paused (429) for STATION_PAUSE_MINUTES and
# the administrators are told: a station token must not be a way to try card
# numbers (docs/station-api.md). A patron mistyping a few times stays far
# below it.
STATION_REFUSAL_LIMIT = env.int("STATION_REFUSAL_LIMIT", default=10)
STATION_REFUSAL_WINDOW_MINUTES = env.int("STATION_REFUSAL_WINDOW_MINUTES", default=5)
STATION_PAUSE_MINUTES = env.int("STATION_PAUSE_MINUTES", default=15)

DEMO_PASSWORD = env("DEMO_PASSWORD", default="desk-demo-2026")

# --- Security hardening (lock-out, second factor, Content Security Policy) ---

# django-axes: after AXES_FAILURE_LIMIT failed log-ins from one IP address
# for one username, that pair is refused for AXES_COOLOFF_MINUTES. Locking by
# the pair keeps one mistyping colleague on a shared desk terminal from
# locking out everyone behind the same address.
#
# Password spraying (a few guesses at many usernames) never trips the pair
# limit, so one address is also refused after AXES_ADDRESS_FAILURE_LIMIT
# failures for any usernames within the cool-off. axes 8 compares one limit
# with the highest count of all parameter sets, so the per-address limit is
# applied by organisation.security.AddressLimitHandler. 20 in 15 minutes:
# a shared desk terminal with a handful of staff each mistyping a couple of
# times stays far below it; a sprayer gets 20 guesses per quarter hour per
# address instead of 4 per username for as many usernames as it likes.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "organisation.security.AddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisation.security.locked_out_response"
# Behind a reverse proxy, name the header it sets (e.g. HTTP_X_FORWARDED_FOR);
# REMOTE_ADDR cannot be forged by the client.
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"]))

# Two-factor log-in (TOTP) for the Director and administrators: they can reach
# legal requests and every rule. local.py turns it off for the `make run` demo.
REQUIRE_TWO_FACTOR = env.bool("REQUIRE_TWO_FACTOR", default=True)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Library Service Desk")
# Nobody reads another person's TOTP secret or QR code in the admin; the
# device admin's config and QR pages answer 403 (not 500 for a missing id).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes slow further attempts down (seconds, doubled per failure).
OTP_TOTP_THROTTLE_FACTOR = 1

# django-csp 4: no third-party origin, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- Staff sign-on with the library's directory (docs/sign-on.md) ---
#
# Both optional and off unless set. The directory proves who someone is and
# never gives a role: a first sign-on creates the account with no role, and
# a directory group at most *proposes* one (dual control). Local accounts
# keep working beside them, and django-axes still counts every failure.

# LDAP / Active Directory (django-auth-ldap), on when LDAP_SERVER_URI is set.
AUTH_LDAP_SERVER_URI = env("LDAP_SERVER_URI", default="")
AUTH_LDAP_BIND_DN = env("LDAP_BIND_DN", default="")
AUTH_LDAP_BIND_PASSWORD = env("LDAP_BIND_PASSWORD", default="")
AUTH_LDAP_START_TLS = env.bool("LDAP_START_TLS", default=False)
# Where people are found, and the filter that finds one; a disabled account
# must not match it (Active Directory: the ACCOUNTDISABLE bit of
# userAccountControl, see docs/sign-on.md), so it cannot sign on again.
LDAP_USER_SEARCH_BASE = env("LDAP_USER_SEARCH_BASE", default="")
LDAP_USER_FILTER = env("LDAP_USER_FILTER", default="(uid=%(user)s)")
# Groups: groupOfNames (OpenLDAP), nested_active_directory, or posix.
LDAP_GROUP_SEARCH_BASE = env("LDAP_GROUP_SEARCH_BASE", default="")
LDAP_GROUP_TYPE = env("LDAP_GROUP_TYPE", default="groupOfNames")
AUTH_LDAP_USER_ATTR_MAP = {
    "first_name": env("LDAP_ATTR_FIRST_NAME", default="givenName"),
    "last_name": env("LDAP_ATTR_LAST_NAME", default="sn"),
    "email": env("LDAP_ATTR_EMAIL", default="mail"),
}
# Name and address come from the directory at the first sign-on only; a
# later change of address goes through dual control like any account's.
AUTH_LDAP_ALWAYS_UPDATE_USER = False
# Seconds to wait for the directory before the sign-on fails.
LDAP_TIMEOUT_SECONDS = env.int("LDAP_TIMEOUT_SECONDS", default=5)
# A session an LDAP sign-on made looks its person up again after this many
# seconds, and ends if the directory no longer finds them (disabled).
LDAP_RECHECK_SECONDS = env.int("LDAP_RECHECK_SECONDS", default=15 * 60)
# {"<group DN>": "<role>"}: a first sign-on by a member proposes the role,
# for a Director to confirm (JSON, since DNs hold commas).
LDAP_GROUP_ROLE_PROPOSALS = env.json("LDAP_GROUP_ROLE_PROPOSALS", default={})

# OpenID Connect (mozilla-django-oidc): Entra ID, Google Workspace,
# Keycloak... on when OIDC_RP_CLIENT_ID is set. Endpoints are given, not
# discovered, so that starting the server never waits on the provider.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
# Only verified addresses in these domains sign on (Google Workspace: the
# library's domain; any Google account could otherwise make an account).
OIDC_ALLOWED_EMAIL_DOMAINS = env.list("OIDC_ALLOWED_EMAIL_DOMAINS", default=[])
# Seconds the provider's clock may be ahead or behind when an ID token's
# issue and expiry times are checked.
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=60)
# The name on the log-in page's button ("Sign in with ...").
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="your library account")
# The claim that lists a person's groups, and {"<group>": "<role>"}: a
# first sign-on by a member proposes the role (never gives it).
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_GROUP_ROLE_PROPOSALS = env.json("OIDC_GROUP_ROLE_PROPOSALS", default={})
# The provider's sign-on is checked again after this many seconds (a
# silent prompt=none round trip): a disabled account's session ends then.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_RECHECK_SECONDS", default=15 * 60)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_CREATE_USER = True
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False

# The Director's and administrators' second factor after an OpenID Connect
# sign-on: "totp" asks for this application's authenticator code as after
# a password; "provider" accepts the provider's statement that it asked for
# one (an `amr` value or the `acr` below), and asks for the code otherwise.
SIGNON_SECOND_FACTOR = env("SIGNON_SECOND_FACTOR", default="totp")
OIDC_SECOND_FACTOR_AMR = env.list(
    "OIDC_SECOND_FACTOR_AMR", default=["mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face"]
)
OIDC_SECOND_FACTOR_ACR = env.list("OIDC_SECOND_FACTOR_ACR", default=[])

AUTHENTICATION_BACKENDS += [
    "organisation.directory.LDAPSignOnBackend",
    "organisation.directory.OIDCSignOnBackend",
]
