"""The audit scrub: django-auditlog entries that would reveal an expunged
link go with it (DESIGN section 7).

Entries are masked (the removed fields taken out of the recorded changes
and serialized data, the free-form additional data dropped) or deleted;
a masked entry stays as a record that the object changed, and by whom.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from retention import sql
from retention.batches import batch_ids
from retention.context import Fragment


def content_type_id(model: type[models.Model]) -> int:
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def audit_scrub_step(
    model: type[models.Model],
    keys: Sequence[str],
    *,
    delete: bool = False,
    ids: str | None = None,
    ids_params: Sequence[Any] = (),
) -> Fragment:
    """The statement that masks (or deletes) the audit entries of the
    objects `ids` (a query yielding the column `id`; default: the batch) so
    that they no longer carry the fields `keys`.

    Entries are found through the object_id index, one probe per object;
    those with nothing left to remove are not rewritten.
    """
    table = sql.table(LogEntry)
    ct = content_type_id(model)
    ids = ids or batch_ids()
    if delete:
        return (
            f"DELETE FROM {table} WHERE content_type_id = %s AND {sql.in_query('object_id', ids)}",
            [ct, *ids_params],
        )
    change_paths = [(k,) for k in keys]
    field_paths = [("fields", k) for k in keys]
    changes = sql.json_without("changes", change_paths)
    serialized = sql.json_without("serialized_data", field_paths)
    holds_something = (
        f"{sql.json_has_any('changes', change_paths)} OR "
        f"{sql.json_has_any('serialized_data', field_paths)} OR "
        "additional_data IS NOT NULL OR changes_text <> ''"
    )
    return (
        f"UPDATE {table} SET changes = {changes}, serialized_data = {serialized}, "
        f"additional_data = NULL, changes_text = '' "
        f"WHERE content_type_id = %s AND {sql.in_query('object_id', ids)} "
        f"AND ({holds_something})",
        [ct, *ids_params],
    )


def audit_scrub(
    model: type[models.Model], ids: Sequence[int], keys: Sequence[str], *, delete: bool = False
) -> None:
    """audit_scrub_step for a list of object ids, run now."""
    if not ids:
        return
    relation, params = sql.ids_relation(ids)
    statement, statement_params = audit_scrub_step(
        model, keys, delete=delete, ids=relation, ids_params=params
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, statement_params)


def audit_delete_where(model: type[models.Model], where: str, params: Sequence[Any]) -> None:
    """Delete the audit entries of the rows of `model` that match `where`
    (SQL over the model's table, unaliased)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {sql.table(LogEntry)} WHERE content_type_id = %s AND object_id IN "
            f"(SELECT id FROM {sql.table(model)} WHERE {where})",
            [content_type_id(model), *params],
        )
