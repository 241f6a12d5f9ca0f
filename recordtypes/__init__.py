"""The record-type registry: every confidential record type (DESIGN
sections 2 and 6), declared once by the app that owns its rows.

The bottom of the house: this package imports no app of the project (only
the one clock, `organisation.clock`, which imports nothing of it), so
every app may import it. An app declares its types in its own
`recordtypes.py`, found when the apps are ready (like Celery's tasks.py):

    from recordtypes import Declaration, Production, register

    register(
        Declaration(
            key="reference",
            label="Reference questions",
            disclose=reference_questions,         # fn(patron, limit)
            retention=(InquiryHandler, CallbackHandler),
            production=None,                      # rows from `disclose`
        )
    )

The apps above read it and spell no type: privacy (what the desk may
tell: the decision, the answer, the access report's kinds), retention
(the declared handlers serve their own record types, with their labels
and defaults) and legal (the scope's choices, a hold's reach, the
production's files and counts). An app above subscribes to hear of each
declaration, including those registered after start-up (tests).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from organisation import clock


class ProductionScope(Protocol):
    """What a legal production's scope says (legal.records.Scope): whose
    records, and the range of days, inclusive, on the branch's calendar."""

    @property
    def patron_ids(self) -> tuple[int, ...]: ...
    @property
    def starts_on(self) -> datetime.date: ...
    @property
    def ends_on(self) -> datetime.date: ...
    @property
    def tz(self) -> str: ...
    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]: ...


Row = tuple[str, ...]


@dataclass(frozen=True)
class Production:
    """The rows a legal production takes of one record type: `columns`, the
    CSV header; `rows(scope)`, the scoped records in a fixed order (patron,
    date, id) with nothing in them that changes between two builds;
    `count(scope)`, how many there are, without building them."""

    columns: tuple[str, ...]
    rows: Callable[[ProductionScope], list[Row]]
    count: Callable[[ProductionScope], int]


@dataclass(frozen=True)
class Declaration:
    """One confidential record type, as its owning app declares it.

    - `key`, `label`: the disclosure vocabulary's value and its wording.
    - `disclose(patron, limit)`: what the desk may read out, newest first;
      None when the app keeps nothing to tell (the type is still decided).
    - `retention`: the handler classes (retention.handlers.RecordHandler)
      that expunge these records; each declares its retention record type
      (and, for one the retention vocabulary does not name, its label and
      default period). A legal hold on this type keeps those retention
      types: the hold's reach.
    - `production`: the rows of a legal production; None takes them from
      `disclose`, one (patron, date, record) row per dated line.
    - `access_kinds`: (value, label) of the access-log entries written
      when staff open these records, for the cardholder's access report.
    """

    key: str
    label: str
    disclose: Callable[[Any, int], Any] | None = None
    retention: tuple[type[Any], ...] = ()
    production: Production | None = None
    access_kinds: tuple[tuple[str, str], ...] = ()

    @property
    def reach(self) -> tuple[str, ...]:
        """The retention record types a legal hold on this type keeps."""
        return tuple(dict.fromkeys(str(h.record_type) for h in self.retention))


Listener = Callable[[Declaration | None, Declaration | None], None]

_DECLARED: dict[str, Declaration] = {}
_LISTENERS: list[Listener] = []


def register(declaration: Declaration) -> Declaration:
    """Declare a record type. The same declaration again (a module imported
    twice) is a no-op; another one for the same key is a configuration
    error."""
    current = _DECLARED.get(declaration.key)
    if current == declaration:
        return declaration
    if current is not None:
        raise ImproperlyConfigured(f"Record type {declaration.key!r} is declared twice.")
    _DECLARED[declaration.key] = declaration
    for listener in list(_LISTENERS):
        listener(declaration, None)
    return declaration


def unregister(key: str) -> None:
    """Forget a declaration (for tests that declare one)."""
    gone = _DECLARED.pop(key, None)
    if gone is not None:
        for listener in list(_LISTENERS):
            listener(None, gone)


def subscribe(listener: Listener) -> None:
    """Call `listener(added, None)` for every declaration, now and as they
    come, and `listener(None, removed)` for each one unregistered."""
    if listener in _LISTENERS:
        return
    _LISTENERS.append(listener)
    for declaration in list(_DECLARED.values()):
        listener(declaration, None)


def autodiscover() -> None:
    """Import every installed app's `recordtypes` module."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("recordtypes")


def declared() -> list[Declaration]:
    """Every declaration, in the order the apps registered them."""
    return list(_DECLARED.values())


def get(key: str) -> Declaration | None:
    return _DECLARED.get(key)


def ordered(first: Sequence[str]) -> list[str]:
    """`first` (a vocabulary's stable order), then the declared keys it
    does not name, in the order they were declared."""
    return [*first, *(key for key in _DECLARED if key not in first)]


def access_kinds() -> dict[str, str]:
    """Every declared access-log kind and its label."""
    return {value: label for d in _DECLARED.values() for value, label in d.access_kinds}


# -- what production rows share ----------------------------------------------


def production_moment(moment: datetime.datetime | None, tz: str) -> str:
    """A time in a production's rows: the branch's local time, to the
    second, with its offset; empty for none."""
    if moment is None:
        return ""
    return clock.local_now(tz, moment).replace(microsecond=0).isoformat()
