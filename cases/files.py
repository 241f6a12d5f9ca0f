"""Files kept with a case: one stored-file base for every case type's
documents (a complaint's attachments, a legal request's scans).

- `StoredFile`, an abstract model: the file under a random name in the
  case type's folder (`upload_dir`), the name it was uploaded with, its
  checked content type and size, who uploaded it and when. The case type's
  concrete model adds the link to its case (and a kind, if it has kinds).
- `stored_file_save`: keeps an upload. The caller has locked the case and
  checked its policy, and its form has checked the type and size (by
  content, not by the name).
- `stored_file_response`: the download, only ever as an attachment, never
  cached; the caller fetched the record through its `access_*` policy.

Random names: the uploaded file's name never reaches the file system (nor
a path, nor a URL); it is kept only to offer it back.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import ClassVar, TypeVar

from auditlog.context import set_actor
from django.conf import settings
from django.core.files.base import File
from django.db import models
from django.http import FileResponse
from django.utils import timezone

from organisation.users import StaffUser


def stored_file_path(instance: StoredFile, filename: str) -> str:
    return f"{instance.upload_dir}/{secrets.token_hex(16)}"


class StoredFile(models.Model):
    # The folder of the case type's files, e.g. "complaints".
    upload_dir: ClassVar[str]
    # The download's name when the uploaded one is empty.
    default_name: ClassVar[str] = "document"

    file = models.FileField(upload_to=stored_file_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    @property
    def download_name(self) -> str:
        """The name offered on download: the uploaded name without any
        folder part, or the default with the id."""
        return PurePosixPath(self.original_name).name or f"{self.default_name}-{self.pk}"


Stored = TypeVar("Stored", bound=StoredFile)


def stored_file_save(
    record: Stored, *, upload: File, content_type: str, acting_user: StaffUser
) -> Stored:
    """Keep `upload` as `record` (its case already set) and save it, in the
    audit log under `acting_user`. The caller runs in a transaction, has
    locked the case and checked its policy."""
    record.original_name = (upload.name or record.default_name)[:200]
    record.content_type = content_type
    record.size = upload.size or 0
    record.uploaded_by = acting_user
    with set_actor(acting_user):
        record.file.save("upload", upload, save=False)
        try:
            record.save()
        except BaseException:
            # Nothing half-saved: no file on disk without its row.
            record.file.delete(save=False)
            raise
    return record


def stored_file_response(record: StoredFile, *, filename: str | None = None) -> FileResponse:
    """The file as a download, never shown inline and never cached."""
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=filename or record.download_name,
        content_type=record.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
