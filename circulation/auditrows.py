"""django-auditlog's entries for rows written with fixed SQL (issue 25).

The checkout and the checkin write a loan in one statement
(circulation/checkout.py, circulation/checkin.py); its audit entry goes
in the same statement, as a data-modifying WITH. The entry is still
django-auditlog's: built by its own diff and its manager's log_create
(repr, content type, additional data, correlation id), its actor set by
its context's pre_save receiver, as a save through the ORM would write
it; only the INSERT is this module's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry, LogEntryManager
from auditlog.signals import post_log, pre_log
from django.conf import settings
from django.db import connection
from django.db.models.signals import pre_save

_FIELDS = [f for f in LogEntry._meta.concrete_fields if not f.primary_key]


class _Unsaved(LogEntryManager):
    """django-auditlog's own log_create, handing back the entry unsaved."""

    def create(self, **kwargs: Any) -> LogEntry:  # type: ignore[override]
        return self.model(**kwargs)


_entries = _Unsaved()
_entries.model = LogEntry


@dataclass(frozen=True)
class Entry:
    """An entry to write, with what django-auditlog's post_log tells."""

    row: LogEntry
    instance: Any
    old: Any
    changes: dict[str, Any]
    pre_log_results: list[tuple[Any, Any]]


def entry(
    instance: Any, *, action: int, old: Any = None, fields: list[str] | None = None
) -> Entry | None:
    """The entry django-auditlog writes for `instance` created (`old`
    None) or saved over `old` (the row as the database has it) with
    `update_fields=fields`, unsaved. None when it would write none
    (nothing it audits changed, or a pre_log receiver said no)."""
    said = pre_log.send(type(instance), instance=instance, action=action)
    if any(answer is False for _, answer in said):
        return None
    changes = model_instance_diff(
        old,
        instance,
        fields_to_check=fields,
        use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False),
    )
    if not changes:
        return None
    row = _entries.log_create(instance, action=action, changes=changes)
    pre_save.send(
        sender=LogEntry, instance=row, raw=False, using=connection.alias, update_fields=None
    )
    return Entry(row=row, instance=instance, old=old, changes=changes, pre_log_results=said)


def insert(name: str, *, prefix: str, source: str) -> str:
    """`name AS (INSERT ...)`: the entry of `params(entry, prefix)`, once
    for each row of `source` (a WITH query of the caller's statement)."""
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in _FIELDS)
    values = ", ".join(f"%({prefix}_{f.attname})s" for f in _FIELDS)
    return f"{name} AS (INSERT INTO {LogEntry._meta.db_table} ({columns}) SELECT {values} FROM {source})"  # noqa: S608, E501 - the model's own columns


def params(made: Entry, *, prefix: str) -> dict[str, Any]:
    """The entry's values as the ORM would send them."""
    return {
        f"{prefix}_{f.attname}": f.get_db_prep_save(f.pre_save(made.row, True), connection)
        for f in _FIELDS
    }


def written(made: Entry) -> None:
    """django-auditlog's post_log for an entry just written."""
    made.row._state.adding = False
    made.row._state.db = connection.alias
    post_log.send(
        type(made.instance),
        instance=made.instance,
        instance_old=made.old,
        action=made.row.action,
        error=None,
        pre_log_results=made.pre_log_results,
        changes=made.changes,
        log_entry=made.row,
        log_created=True,
        use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False),
    )
