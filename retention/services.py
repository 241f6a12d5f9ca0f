"""Retention writes: the expunge job, legal holds, withdrawing the history
opt-in.

retention_expunge is deliberately NOT one transaction: it commits bounded
batches so that a run over millions of rows holds no long locks, needs
bounded memory, and when killed at any point leaves only whole batches
done; the next run finishes the work (every step is "expunge what is still
eligible", so running it twice changes nothing the second time).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import FileField

from organisation import clock
from retention.context import RunContext, TypeReport, rule_key
from retention.models import ExpungeRun, LegalHold, PendingFileDeletion
from retention.registry import handlers_in_order
from retention.registry import record_types as known_record_types
from retention.rulebook import RuleBook

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 20000

LEGAL_HOLD_RANGE = "The hold's end date is before its start date."
LEGAL_HOLD_TYPES = "Unknown record type in a legal hold."
LEGAL_HOLD_REASON = "A legal hold needs a reason."
LEGAL_HOLD_RELEASED = "This legal hold is already released."
BATCH_SIZE_INVALID = "The batch size must be a positive number."

# The longest a nightly pass goes without a full pass behind it (the beat
# schedule makes one every Sunday; this catches a Sunday missed).
FULL_PASS_EVERY = datetime.timedelta(days=7)


class PassReason:
    """Why a run read every pending row rather than only the night's."""

    REQUESTED = "requested"
    DRY_RUN = "dry run"
    UNRECORDED = "run not recorded"
    FIRST = "no complete run before"
    RULES_CHANGED = "rules changed"
    HOLDS_EDITED = "legal hold edited or deleted"
    NOT_LATER = "not a later day"
    WEEKLY = "weekly"


class RetentionError(ValueError):
    pass


@dataclass
class ExpungeReport:
    as_of: datetime.date
    dry_run: bool
    record_types: dict[str, TypeReport] = field(default_factory=dict)
    run_id: int | None = None
    full_pass: bool = True
    pass_reason: str = ""

    @property
    def errors(self) -> list[str]:
        return [f"{rt}: {r.error}" for rt, r in self.record_types.items() if r.error]

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "dry_run": self.dry_run,
            "full_pass": self.full_pass,
            "pass_reason": self.pass_reason,
            "record_types": {rt: r.as_dict() for rt, r in self.record_types.items()},
            "errors": self.errors,
        }


def retention_expunge(
    *,
    as_of: datetime.date | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    trigger: str = ExpungeRun.Trigger.SERVICE,
    record_run: bool = True,
    on_batch: Callable[[str, int], None] | None = None,
    full: bool = False,
) -> ExpungeReport:
    """Apply every retention rule as of `as_of` (default: today).

    Per record type: expunge (anonymize or delete, per the rule of the
    record's jurisdiction) what is due, in batches of `batch_size` rows,
    each its own transaction, skipping rows other transactions lock and
    never touching rows under a legal hold; then count what is kept and why.
    With dry_run, counts what would be expunged and writes nothing but the
    run record. Records the run as an ExpungeRun (counts only). A failure
    in one record type is reported and the others still run.

    A run on a later day than the last complete run, under the same rules,
    is a nightly pass: the record types that allow it read only the keyset
    range that became due since that run's bounds and the rows whose
    reason to be kept ended since (RecordHandler.lanes), and count only
    what they read. `full` (and a change of the rules, an edited or deleted
    legal hold, a week since the last full pass, no complete run before)
    makes it read every pending row. Both leave the same rows expunged.
    """
    if batch_size < 1:
        raise RetentionError(BATCH_SIZE_INVALID)
    as_of = as_of or clock.server_day()
    rules = RuleBook()
    fingerprint = rules.fingerprint()
    holds_seen = legal_holds_seen()
    previous, started, reason = _nightly_base(
        as_of=as_of,
        full=full,
        dry_run=dry_run,
        record_run=record_run,
        fingerprint=fingerprint,
    )
    run = None
    if record_run:
        run = ExpungeRun.objects.create(
            as_of=as_of,
            dry_run=dry_run,
            trigger=trigger,
            full_pass=previous is None,
            pass_reason=reason,
        )
    ctx = RunContext(
        as_of=as_of,
        now=clock.now(),
        dry_run=dry_run,
        batch_size=batch_size,
        rules=rules,
        on_batch=on_batch,
        previous_bounds=previous,
        previous_started=started,
    )
    report = ExpungeReport(
        as_of=as_of,
        dry_run=dry_run,
        run_id=run.pk if run else None,
        full_pass=previous is None,
        pass_reason=reason,
    )
    for record_type in known_record_types():
        report.record_types[record_type] = TypeReport(record_type, available=False)
    for handler in handlers_in_order():
        if handler.model() is None:
            continue
        try:
            report.record_types[handler.record_type] = handler.run(ctx)
        except Exception as exc:
            logger.exception("retention: %s failed", handler.record_type)
            report.record_types[handler.record_type] = TypeReport(
                handler.record_type, error=f"{type(exc).__name__}: {exc}"
            )
    if not dry_run:
        try:
            stored_files_delete_pending()
        except Exception:
            # The queue stays; the next run deletes what is left.
            logger.exception("retention: deleting expunged files failed")
    if run is not None:
        data = report.as_dict()
        run.finished_at = clock.now()
        run.counts = data["record_types"]
        run.errors = data["errors"]
        fields = ["finished_at", "counts", "errors"]
        if not dry_run:
            # What the next nightly pass continues from.
            run.bounds = ctx.bounds
            run.rules_fingerprint = fingerprint
            run.legal_holds_seen = holds_seen
            fields += ["bounds", "rules_fingerprint", "legal_holds_seen"]
        run.save(update_fields=fields)
    logger.info(
        "retention: run %s as of %s%s done (%s)",
        report.run_id,
        as_of,
        " (dry run)" if dry_run else "",
        f"full pass: {reason}" if previous is None else "nightly pass",
    )
    return report


def legal_holds_seen() -> dict[str, Any]:
    """The legal holds as they stand: the highest id and a digest of every
    hold's patron, scope and dates (not its release, which a nightly pass
    reads itself). Legal holds are few; this reads them all."""
    digest = hashlib.sha256()
    upto = 0
    rows = LegalHold.objects.order_by("pk").values_list(
        "pk", "patron_id", "record_types", "starts_on", "ends_on"
    )
    for pk, patron_id, record_types, starts_on, ends_on in rows.iterator(chunk_size=2000):
        upto = pk
        digest.update(
            json.dumps(
                [pk, patron_id, sorted(record_types or []), starts_on, ends_on], default=str
            ).encode()
        )
    return {"upto": upto, "digest": digest.hexdigest()}


def _holds_unchanged(seen: dict[str, Any]) -> bool:
    """The holds a run saw are still as they were (new ones only add
    protection; released ones are read by the nightly pass)."""
    upto = int(seen.get("upto", 0))
    digest = hashlib.sha256()
    rows = (
        LegalHold.objects.filter(pk__lte=upto)
        .order_by("pk")
        .values_list("pk", "patron_id", "record_types", "starts_on", "ends_on")
    )
    for pk, patron_id, record_types, starts_on, ends_on in rows.iterator(chunk_size=2000):
        digest.update(
            json.dumps(
                [pk, patron_id, sorted(record_types or []), starts_on, ends_on], default=str
            ).encode()
        )
    return bool(seen) and digest.hexdigest() == seen.get("digest")


def nightly_base(
    as_of: datetime.date,
) -> tuple[dict[str, dict[str, str]] | None, datetime.datetime | None]:
    """The bounds a run as of `as_of` would continue from and when the run
    that left them started, or (None, None) when it would be a full pass
    (for EXPLAINing a night's statements)."""
    bounds, started, _reason = _nightly_base(
        as_of=as_of,
        full=False,
        dry_run=False,
        record_run=True,
        fingerprint=RuleBook().fingerprint(),
    )
    return bounds, started


def _nightly_base(
    *, as_of: datetime.date, full: bool, dry_run: bool, record_run: bool, fingerprint: str
) -> tuple[dict[str, dict[str, str]] | None, datetime.datetime | None, str]:
    """The bounds a nightly pass continues from and when the run that left
    them started, or None, None and why the run must be a full pass."""
    if full:
        return None, None, PassReason.REQUESTED
    if dry_run:
        return None, None, PassReason.DRY_RUN
    if not record_run:
        return None, None, PassReason.UNRECORDED
    done = ExpungeRun.objects.filter(finished_at__isnull=False, dry_run=False)
    base = done.exclude(rules_fingerprint="").order_by("-started_at").first()
    if base is None:
        return None, None, PassReason.FIRST
    if base.rules_fingerprint != fingerprint:
        return None, None, PassReason.RULES_CHANGED
    if as_of <= base.as_of:
        return None, None, PassReason.NOT_LATER
    last_full = done.filter(full_pass=True).order_by("-as_of").values_list("as_of", flat=True)
    latest_full = last_full.first()
    if latest_full is None or as_of - latest_full >= FULL_PASS_EVERY:
        return None, None, PassReason.WEEKLY
    if not _holds_unchanged(base.legal_holds_seen or {}):
        return None, None, PassReason.HOLDS_EDITED
    return dict(base.bounds or {}), base.started_at, ""


SHARES_INVALID = "A run is split into 2 to 32 shares."
SHARE_INVALID = "Share {share} is not one of this run's {shares}."
RUN_NOT_SPLIT = "Run #{run} is not a split run, or it is already finished."


def retention_expunge_split(
    *,
    shares: int,
    as_of: datetime.date | None = None,
    trigger: str = ExpungeRun.Trigger.SERVICE,
) -> ExpungeRun:
    """Open a run split into `shares` disjoint parts, for as many workers to
    expunge at once with retention_expunge_share. The run is finished by its
    last share.

    The parts are planned here, once: for each record type and rule group,
    the due rows are cut into `shares` ranges of the keyset (the order the
    batches walk), of about equal size, so that each worker walks only its
    own part of the index. Where no plan could be made (SQLite, or planning
    failed) the shares split the rows by id modulo `shares`, which is
    correct but has every worker walk every due row."""
    if not 2 <= shares <= 32:
        raise RetentionError(SHARES_INVALID)
    as_of = as_of or clock.server_day()
    return ExpungeRun.objects.create(
        as_of=as_of, trigger=trigger, shares=shares, plan=_share_plan(as_of, shares)
    )


def _share_plan(as_of: datetime.date, shares: int) -> dict[str, dict[str, list[Any]]]:
    ctx = RunContext(as_of=as_of, now=clock.now(), dry_run=False, batch_size=1, rules=RuleBook())
    plan: dict[str, dict[str, list[Any]]] = {}
    for handler in handlers_in_order():
        if handler.model() is None:
            continue
        try:
            for rule in handler.effective_rules(ctx):
                bounds = handler.share_bounds(ctx, rule, shares)
                if bounds is not None:
                    plan.setdefault(handler.record_type, {})[rule_key(rule)] = bounds
        except Exception:
            logger.exception("retention: planning the shares of %s failed", handler.record_type)
            plan.pop(handler.record_type, None)
    # Through the field's encoder and back: the shares read exactly this.
    return json.loads(json.dumps(plan, cls=DjangoJSONEncoder))


def retention_expunge_share(
    *, run_id: int, share: int, batch_size: int = DEFAULT_BATCH_SIZE
) -> ExpungeRun:
    """Expunge one share of a split run: the due rows in the share's range of
    the run's plan (or whose id is `share` modulo the run's shares, where
    there is no plan), in batches as retention_expunge does. Adds what
    it expunged to the run; the share that completes the run then makes one
    ordinary pass (which expunges anything a failed share left, and counts
    what is kept and why) and closes the run. Running a share twice
    expunges nothing the second time."""
    run = ExpungeRun.objects.get(pk=run_id)
    if run.shares < 2 or run.finished_at is not None or run.dry_run:
        raise RetentionError(RUN_NOT_SPLIT.format(run=run_id))
    if not 0 <= share < run.shares:
        raise RetentionError(SHARE_INVALID.format(share=share, shares=run.shares))
    ctx = RunContext(
        as_of=run.as_of,
        now=clock.now(),
        dry_run=False,
        batch_size=batch_size,
        rules=RuleBook(),
        shard=share,
        shards=run.shares,
        plan=run.plan or {},
    )
    expunged: dict[str, int] = {}
    errors: list[str] = []
    for handler in handlers_in_order():
        if handler.model() is None:
            continue
        try:
            expunged[handler.record_type] = handler.run(ctx).expunged
        except Exception as exc:
            logger.exception("retention: %s failed in share %s", handler.record_type, share)
            errors.append(f"{handler.record_type} (share {share}): {type(exc).__name__}: {exc}")
    with transaction.atomic():
        run = ExpungeRun.objects.select_for_update().get(pk=run_id)
        counts = dict(run.counts or {})
        for record_type, count in expunged.items():
            entry = dict(counts.get(record_type) or {})
            entry["expunged"] = int(entry.get("expunged", 0)) + count
            counts[record_type] = entry
        run.counts = counts
        run.errors = [*(run.errors or []), *errors]
        run.shares_done += 1
        last = run.shares_done == run.shares
        run.save(update_fields=["counts", "errors", "shares_done"])
    if last:
        _split_run_finish(run_id, batch_size=batch_size)
    return ExpungeRun.objects.get(pk=run_id)


def _split_run_finish(run_id: int, *, batch_size: int) -> None:
    run = ExpungeRun.objects.get(pk=run_id)
    final = retention_expunge(as_of=run.as_of, batch_size=batch_size, record_run=False)
    shared = run.counts or {}
    data = final.as_dict()
    counts = {}
    for record_type, entry in data["record_types"].items():
        entry = dict(entry)
        if entry.get("available"):
            entry["expunged"] = int(entry.get("expunged", 0)) + int(
                (shared.get(record_type) or {}).get("expunged", 0)
            )
        counts[record_type] = entry
    ExpungeRun.objects.filter(pk=run_id).update(
        counts=counts, errors=[*(run.errors or []), *data["errors"]], finished_at=clock.now()
    )
    logger.info("retention: split run %s as of %s done", run_id, run.as_of)


def stored_files_delete_pending(*, chunk: int = 500) -> int:
    """Delete from storage the files of expunged records (queued by the
    batches that expunged them, see PendingFileDeletion). Returns how many.

    Each file goes before its queue row, so a run killed in between only
    leaves a row whose file is already gone; deleting a missing file is a
    no-op. A file that cannot be deleted stays queued for the next run.
    """
    deleted = 0
    last = 0
    while True:
        pending = list(PendingFileDeletion.objects.filter(pk__gt=last).order_by("pk")[:chunk])
        if not pending:
            return deleted
        done = []
        for item in pending:
            try:
                app_label, model_name, field_name = item.source.split(".")
                field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
                assert isinstance(field, FileField)
                field.storage.delete(item.name)
            except Exception:
                logger.exception("retention: could not delete stored file #%s", item.pk)
                continue
            done.append(item.pk)
        PendingFileDeletion.objects.filter(pk__in=done).delete()
        deleted += len(done)
        last = pending[-1].pk


@transaction.atomic
def legal_hold_place(
    *,
    patron: Any,  # a patrons.Patron (LegalHold.patron)
    reason: str,
    record_types: Sequence[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    created_by: Any = None,
) -> LegalHold:
    """Preserve a patron's records (all types, or those listed) from
    retention until released. Callers authorize (e.g. the Director's legal
    request workflow)."""
    if not reason.strip():
        raise RetentionError(LEGAL_HOLD_REASON)
    known = set(known_record_types())
    if any(rt not in known for rt in record_types):
        raise RetentionError(LEGAL_HOLD_TYPES)
    if starts_on and ends_on and ends_on < starts_on:
        raise RetentionError(LEGAL_HOLD_RANGE)
    return LegalHold.objects.create(
        patron=patron,
        reason=reason.strip(),
        record_types=sorted(set(record_types)),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=created_by,
    )


@transaction.atomic
def legal_hold_release(*, hold: LegalHold, released_by: Any = None) -> LegalHold:
    locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if locked.released_at is not None:
        raise RetentionError(LEGAL_HOLD_RELEASED)
    locked.released_at = clock.now()
    locked.released_by = released_by
    locked.save(update_fields=["released_at", "released_by"])
    return locked
