"""System checks of the deployment's configuration (`manage.py check`; also
run by `migrate`, which the web container runs before gunicorn starts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string

LOCAL_STORAGE_ID = "libraryservice.E001"
LOCAL_STORAGE = (
    "Stored files (complaint attachments, legal scans and file sets) would be "
    "kept on this machine's disk, which another web node or Celery worker cannot read."
)
LOCAL_STORAGE_HINT = (
    "Set STORAGE_S3_BUCKET (and STORAGE_S3_ENDPOINT_URL for MinIO or Ceph) to keep them "
    "in object storage, or set MEDIA_ROOT_SHARED=1 if MEDIA_ROOT is a mount that every "
    "web node and worker shares. See README, 'Stored files'."
)


@register(Tags.files)
def stored_files_are_shared(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Production settings (STORAGE_MUST_BE_SHARED) refuse a default storage
    on local disk unless MEDIA_ROOT is declared a shared mount."""
    if not getattr(settings, "STORAGE_MUST_BE_SHARED", False):
        return []
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    if not issubclass(backend, FileSystemStorage):
        return []
    if getattr(settings, "MEDIA_ROOT_SHARED", False):
        return []
    return [Error(LOCAL_STORAGE, hint=LOCAL_STORAGE_HINT, id=LOCAL_STORAGE_ID)]
