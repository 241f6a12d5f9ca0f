"""Capture every log record and look for patron data in it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Everything(logging.Handler):
    """Keeps every record that reaches the root logger, fully formatted."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if record.exc_info and not record.exc_text:
            text += "".join(traceback.format_exception(*record.exc_info))
        extra = {
            k: v
            for k, v in record.__dict__.items()
            if k not in logging.LogRecord("", 0, "", 0, "", (), None).__dict__
        }
        if extra:
            text += f" {extra!r}"
        self.texts.append(text)


@contextmanager
def capture_all_logs() -> Iterator[Everything]:
    """Everything into one handler, with the root logger at DEBUG.

    That is the most an operator can turn on with LOG_LEVEL=DEBUG; loggers
    the project's LOGGING setting pins (django.db.backends, django.template)
    keep their level, as they would in production.
    """
    handler = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def patron_secrets(patrons: Any) -> dict[str, str]:
    """What must never be logged: names, card barcodes, e-mail, phone, address."""
    found: dict[str, str] = {}
    for patron in patrons:
        for label, value in (
            ("first name", patron.first_name),
            ("last name", patron.last_name),
            ("e-mail", patron.email),
            ("phone", patron.phone),
            ("address", patron.address_line),
        ):
            if value and len(value) >= 4:
                found[value] = f"{label} of patron {patron.pk}"
        for card in patron.cards.all():
            found[card.barcode] = f"card barcode of patron {patron.pk}"
    return found


def leaks(texts: list[str], secrets: dict[str, str]) -> list[str]:
    out = []
    for text in texts:
        lowered = text.lower()
        for value, what in secrets.items():
            if value.lower() in lowered:
                out.append(f"{what} ({value!r}) in log: {text[:300]!r}")
    return out
