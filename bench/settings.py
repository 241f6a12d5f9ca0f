"""Settings for benchmarks: the production middleware stack, DEBUG off,
plus a baseline view (bench.urls) outside the production URLs."""

from config.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The bench user never logs in with a password; keep any hashing cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
