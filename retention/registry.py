"""The registered record handlers, and the record types they make known.

Each app declares the handlers of the record types it owns in its
`retention.py` (discovered when the retention app is ready, the way Celery
discovers tasks.py) and registers them with @register. A record type that
the vocabulary (retention.vocabulary.RecordType) does not name is declared
by its handler, with a label and a default rule; one the vocabulary names
but no handler serves reports itself unavailable.

This module imports no model: retention.models reads it for the record
types and the actions each allows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

import recordtypes
from retention.context import Fragment, Rule, RunContext
from retention.handlers import RecordHandler
from retention.vocabulary import DEFAULTS, Action, Default, RecordType

HANDLERS: dict[str, RecordHandler] = {}


def register(handler_class: type[RecordHandler]) -> type[RecordHandler]:
    """Class decorator: serve the handler's record type with it.

    A record type has one handler; a second one for the same type is a
    configuration error. A type the vocabulary does not name needs the
    handler's `label` and `default`.
    """
    record_type = handler_class.record_type
    current = HANDLERS.get(record_type)
    if current is not None and type(current) is handler_class:
        return handler_class
    if current is not None and _name(type(current)) != _name(handler_class):
        raise ImproperlyConfigured(
            f"Record type {record_type!r} has two retention handlers: "
            f"{_name(type(current))} and {_name(handler_class)}."
        )
    if record_type not in RecordType.values and (
        not handler_class.label or handler_class.default is None
    ):
        raise ImproperlyConfigured(
            f"Retention handler {handler_class.__qualname__} declares the new record type "
            f"{record_type!r}: give it a label and a default rule."
        )
    default = handler_class.default
    if default is not None and default.action not in handler_class.actions:
        raise ImproperlyConfigured(
            f"The default action of {record_type!r} is one its handler cannot take."
        )
    HANDLERS[record_type] = handler_class()
    return handler_class


def _name(handler_class: type[RecordHandler]) -> str:
    # The same class imported again (a module reloaded) registers again.
    return f"{handler_class.__module__}.{handler_class.__qualname__}"


def unregister(record_type: str) -> None:
    """Forget the handler of a record type (for tests that register one)."""
    HANDLERS.pop(record_type, None)


def autodiscover() -> None:
    """Import every installed app's `retention` module, registering its
    handlers, and serve every handler a record-type declaration names
    (recordtypes) as the declarations come."""
    autodiscover_modules("retention")
    recordtypes.subscribe(_follow)


def _follow(added: recordtypes.Declaration | None, removed: recordtypes.Declaration | None) -> None:
    if added is not None:
        for handler_class in added.retention:
            register(handler_class)
    if removed is not None:
        for gone in removed.retention:
            record_type = str(gone.record_type)
            if type(HANDLERS.get(record_type)) is gone:
                unregister(record_type)


def held_with_every_scope() -> list[str]:
    """The record types a legal hold keeps whatever its scope: the logs of
    who looked at the patron's records (RecordHandler.held_with_every_scope)."""
    return [rt for rt, handler in HANDLERS.items() if handler.held_with_every_scope]


def record_types() -> list[str]:
    """Every known record type: the vocabulary's, then those handlers
    declare, in the order their apps are installed. The order of the
    expunge report."""
    declared = [rt for rt in HANDLERS if rt not in RecordType.values]
    return [*RecordType.values, *declared]


def record_type_label(record_type: str) -> str:
    if record_type in RecordType.values:
        return str(RecordType(record_type).label)
    handler = HANDLERS.get(record_type)
    return str(handler.label) if handler is not None and handler.label else record_type


def record_type_choices() -> list[tuple[str, str]]:
    """Choices of RetentionRule.record_type (a callable, so that a new
    record type needs no migration of the rule table)."""
    return [(rt, record_type_label(rt)) for rt in record_types()]


def default_rule(record_type: str) -> Default:
    """The DESIGN section 7 default of a record type: the handler's own
    declaration first, then the vocabulary's."""
    handler = HANDLERS.get(record_type)
    if handler is not None and handler.default is not None:
        return handler.default
    return DEFAULTS[record_type]


def handlers_in_order() -> list[RecordHandler]:
    """Per-record rules first, then the handlers that de-identify patrons,
    which sweep whatever those patrons still have."""
    first = [h for h in HANDLERS.values() if not h.de_identifies_patrons]
    last = [h for h in HANDLERS.values() if h.de_identifies_patrons]
    return first + last


def supported_actions(record_type: str) -> tuple[str, ...]:
    handler = HANDLERS.get(record_type)
    return handler.actions if handler else tuple(Action.values)


def covered_models() -> set[str]:
    """Labels ("app_label.Model") of every model some handler expunges."""
    labels: set[str] = set()
    for handler in HANDLERS.values():
        labels.add(handler.model_label)
        labels.update(handler.companion_models)
    return {label.lower() for label in labels}


# -- what a patron's de-identification asks of the other handlers -----------


def patron_open_records(patron: str, *, besides: RecordHandler) -> Fragment:
    """SQL true when the patron `patron` (an SQL expression) has a record
    still in use in any handler's table other than `besides`."""
    conds: list[str] = []
    params: list[object] = []
    for handler in HANDLERS.values():
        if handler is besides or handler.model() is None:
            continue
        fragment = handler.open_for_patron(patron)
        if fragment is not None:
            conds.append(f"({fragment[0]})")
            params += fragment[1]
    return (" OR ".join(conds) or "1 = 0"), list(params)


def patron_records_expunge(
    ctx: RunContext, patron_ids: Sequence[int], rule: Rule, *, besides: RecordHandler
) -> None:
    """Expunge, in every handler's table other than `besides`, whatever
    these patrons (being de-identified) still have there."""
    for handler in HANDLERS.values():
        if handler is not besides and handler.patron_column is not None:
            handler.expunge_for_patrons(ctx, patron_ids, rule)
