"""Production: every value from the environment; fails fast when one is missing."""

from django.core.exceptions import ImproperlyConfigured

from kernel.storage import default_storage_config

from .base import *
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The container's health check asks over plain HTTP on loopback, behind the
# TLS proxy: a redirect to https would mark a healthy container unhealthy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": default_storage_config(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Web nodes are stateless behind a load balancer: stored files must be in
# object storage (STORAGE_S3_BUCKET) or on a mount every node shares
# (MEDIA_ROOT_SHARED=1). A system check refuses anything else, so `migrate`
# and `check` fail with the reason before gunicorn starts.
STORAGE_MUST_BE_SHARED = True

# Letters and notices go to patrons and staff by SMTP. Without a real mail
# configuration a production server refuses to start rather than print
# letters (names, addresses, decisions) into a worker's log.
EMAIL_URL = env("EMAIL_URL", default="")
if not EMAIL_URL.startswith(("smtp://", "smtps://", "smtp+tls://", "smtp+ssl://")):
    raise ImproperlyConfigured(
        "Set EMAIL_URL to the library's SMTP server, for example "
        "smtp+tls://user:password@mail.example.org:587"
    )
SITE_URL = env("SITE_URL").rstrip("/")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("Set SITE_URL to the https:// address staff use.")
