"""Where stored files (complaint attachments, legal scans and file sets) are
kept: `STORAGES["default"]`, chosen by the environment in this one place.

With STORAGE_S3_BUCKET set, S3-compatible object storage through
django-storages: a cloud bucket, or MinIO or Ceph's RADOS gateway on the
library's own servers (STORAGE_S3_ENDPOINT_URL). Every web node and Celery
worker then reads and writes the same objects, and nothing stays on a
node's disk. Without it, FileSystemStorage under MEDIA_ROOT, as `make run`
and the test suite use it with zero set-up; production settings accept that
only when MEDIA_ROOT is declared shared (organisation.checks).

Objects are private and never linked to: the download views check the
policy and stream the file through `storage.open` (no `.url`, no `.path`).
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

FILESYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"

# A download is read into memory up to this size, into a temporary file
# beyond it (django-storages' default, 0, keeps every size in memory).
S3_MAX_MEMORY_SIZE = 10 * 1024 * 1024

BOTH_KEYS = "Set both STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY, or neither."


def default_storage_config(env: environ.Env) -> dict[str, Any]:
    """The `STORAGES["default"]` entry the environment asks for."""
    bucket = env.str("STORAGE_S3_BUCKET", default="").strip()
    if not bucket:
        return {"BACKEND": FILESYSTEM_BACKEND}
    endpoint = env.str("STORAGE_S3_ENDPOINT_URL", default="").strip()
    options: dict[str, Any] = {
        "bucket_name": bucket,
        # Every key under one prefix, so that a bucket can be shared.
        "location": env.str("STORAGE_S3_PREFIX", default="media").strip("/"),
        "endpoint_url": endpoint or None,
        "region_name": env.str("STORAGE_S3_REGION", default="").strip() or None,
        # MinIO and Ceph answer on one host name (path style); AWS picks its own.
        "addressing_style": env.str(
            "STORAGE_S3_ADDRESSING_STYLE", default="path" if endpoint else ""
        ).strip()
        or None,
        # No ACL is sent: objects take the bucket's, which is private (and a
        # bucket with ACLs disabled refuses requests that name one).
        "default_acl": None,
        # Signed, short-lived URLs should anything ever ask for one; nothing
        # does: files are served only by the permission-checked views.
        "querystring_auth": True,
        "querystring_expire": 60,
        # A name already taken gets a new one, as on the filesystem.
        "file_overwrite": False,
        "max_memory_size": S3_MAX_MEMORY_SIZE,
    }
    key = env.str("STORAGE_S3_ACCESS_KEY_ID", default="")
    secret = env.str("STORAGE_S3_SECRET_ACCESS_KEY", default="")
    if bool(key) != bool(secret):
        raise ImproperlyConfigured(BOTH_KEYS)
    if key:
        options["access_key"] = key
        options["secret_key"] = secret
    # Otherwise boto3's own chain: AWS_ACCESS_KEY_ID and friends, a profile,
    # or the machine's instance role.
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
