"""What a record type holds about a patron, for the desk's disclosure
answer: each app that owns a confidential record type (DESIGN section 6)
declares it once, with its provider, in its own `recordtypes.py`
(recordtypes.Declaration.disclose); the providers in force are kept here,
taken from each declaration as the registry hears of it, so adding a type
never edits this app.

A provider `fn(patron, limit)` returns the patron's records of that type,
newest first, at most `limit`: plain lines (DisclosedLine) for the generic
answer and for a legal production's rows, or what the type's own part of
the answer template shows. The desk reads them to the requester only when
the decision allows the type. A type no provider serves is one this system
keeps no records of.

`provides(record_type)` still registers a provider by hand (a test's
stand-in for a real one).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

import recordtypes
from patrons.models import Patron


@dataclass(frozen=True)
class DisclosedLine:
    """One record as the desk may read it out."""

    when: datetime.datetime | datetime.date | None
    text: str


Provider = Callable[[Any, int], Any]
PROVIDERS: dict[str, Provider] = {}


def provides(record_type: str) -> Callable[[Provider], Provider]:
    """Decorator: `fn(patron, limit)` gives the patron's records of the
    type; a second, different provider for the type is refused."""

    def decorate(fn: Provider) -> Provider:
        current = PROVIDERS.get(record_type)
        name = f"{fn.__module__}.{fn.__qualname__}"
        if current is not None and f"{current.__module__}.{current.__qualname__}" != name:
            raise ImproperlyConfigured(
                f"Record type {record_type!r} has two disclosure providers: "
                f"{current.__module__}.{current.__qualname__} and {name}."
            )
        PROVIDERS[record_type] = fn
        return fn

    return decorate


def withdraw(record_type: str) -> None:
    """Forget a provider (for tests that register one)."""
    PROVIDERS.pop(record_type, None)


def autodiscover() -> None:
    """Import every app's `disclosure` module (access-report lines), and
    take the providers of the record types as they are declared."""
    autodiscover_modules("disclosure")
    recordtypes.subscribe(_follow)


def _follow(added: recordtypes.Declaration | None, removed: recordtypes.Declaration | None) -> None:
    if added is not None and added.disclose is not None:
        provides(added.key)(added.disclose)
    if removed is not None and PROVIDERS.get(removed.key) is removed.disclose:
        withdraw(removed.key)


def lines_for(*, patron: Patron, record_type: str, limit: int) -> Any:
    """The patron's records of the type, or None when no app keeps any."""
    provider = PROVIDERS.get(record_type)
    return None if provider is None else provider(patron, limit)


# -- lines other apps add to a patron's access report -----------------------
# An app whose records are released about a patron (a production under a
# legal request) says so on the cardholder's access report through one of
# these: `fn(patron)` returns objects with `when`, `staff`, `what` and
# `purpose`. The app decides what may appear (a non-disclosure order hides
# its lines until it lapses).

AccessLines = Callable[[Any], list[Any]]
ACCESS_REPORTERS: dict[str, AccessLines] = {}


def reports_access(fn: AccessLines) -> AccessLines:
    """Decorator: `fn(patron)` adds lines to the patron's access report."""
    ACCESS_REPORTERS[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def reported_accesses(patron: Patron) -> list[Any]:
    return [line for fn in ACCESS_REPORTERS.values() for line in fn(patron)]
