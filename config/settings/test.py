"""The test suite: PostgreSQL whenever DATABASE_URL points at one."""

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test's subprocess (a Celery worker) is pointed at the
# suite's SMTP server through EMAIL_URL.
if not EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite exercises the enforced path, as production runs it.
REQUIRE_TWO_FACTOR = True
