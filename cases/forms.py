"""Form parts every case type shares: files kept with a case (checked by
their content, never by the name or the browser's claimed type) and error
messages tied to their fields for screen readers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

PDF, PNG, JPEG, TEXT = "application/pdf", "image/png", "image/jpeg", "text/plain"


def sniff_upload_type(head: bytes, *, text: bool = False) -> str | None:
    """The type of a file from its first bytes: PDF, PNG or JPEG, and plain
    UTF-8 text where `text` allows it; None for anything else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if not text or b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 3:
            return None
    return TEXT


def clean_upload(
    upload: UploadedFile,
    *,
    max_bytes: int,
    too_big: str,
    empty: str,
    bad_type: str,
    text: bool = False,
) -> tuple[Any, str]:
    """Refuse a file that is too big (`too_big` gets {mb}), empty or of a
    type not allowed; returns the file, rewound, and its sniffed type."""
    size = upload.size or 0  # Django's upload handlers always set it
    if size > max_bytes:
        raise forms.ValidationError(too_big.format(mb=max_bytes // (1024 * 1024)))
    if size == 0:
        raise forms.ValidationError(empty)
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    content_type = sniff_upload_type(head, text=text)
    if content_type is None:
        raise forms.ValidationError(bad_type)
    return upload, content_type


class DescribedErrorsMixin:
    """Point each invalid input at its error message (aria-describedby), so a
    screen reader reads the message with the field. The template renders the
    message with the id `<auto_id>_error`."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            bound = self[name]  # type: ignore[index]
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            ids = widget.attrs.get("aria-describedby", "").split()
            ids.append(f"{bound.auto_id}_error")
            widget.attrs["aria-describedby"] = " ".join(ids)
            widget.attrs["aria-invalid"] = "true"
