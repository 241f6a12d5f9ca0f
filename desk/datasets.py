"""Desk traffic at scale, for benchmarks and the demo: inquiries and tallies
spread over the branches' opening hours with realistic daily and weekly
peaks (late morning and after school, a busy Saturday, a quiet Sunday).

    python manage.py generate_dataset --patrons 0 --items 0 --loans 0 \\
        --desk-traffic 2000000 [--desk-days 1095] [--seed 1]

Deterministic for a seed, a day count and the same branches. Rows carry no
text, name or patron (text older than the retention period would have been
erased anyway). On PostgreSQL they are streamed with COPY, with the table's
secondary indexes dropped for a large load and rebuilt after; elsewhere
they go through bulk_create in batches.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.core.management.base import CommandParser
from django.db import connection, transaction

from circulation.datasets.extras import Extra, Run, register
from desk.models import Channel, Inquiry, InquiryType, ReferralTarget
from desk.statistics.rollup import desk_rollup, rollup_invalidate
from organisation import clock
from organisation.models import Branch, ServiceDesk

REBUILD_MIN_ROWS = 200_000
BATCH = 5_000

# Relative traffic by weekday (Monday first) and by hour of the day.
WEEKDAY_WEIGHT = (1.0, 1.05, 1.0, 0.95, 0.85, 1.25, 0.5)
HOUR_WEIGHT = {
    9: 0.6, 10: 1.0, 11: 1.35, 12: 1.1, 13: 0.9, 14: 1.0,
    15: 1.3, 16: 1.5, 17: 1.2, 18: 0.9, 19: 0.7, 20: 0.4,
}  # fmt: skip
# Hours open when a branch has no opening hours of its own.
DEFAULT_HOURS = {d: (9, 20) for d in range(6)} | {6: (13, 17)}
CHANNELS = (
    (Channel.IN_PERSON, 66),
    (Channel.PHONE, 20),
    (Channel.EMAIL, 7),
    (Channel.CHAT, 5),
    (Channel.WRITTEN, 2),
)
READ_WEIGHTS = ((1, 35), (2, 33), (3, 19), (4, 9), (5, 3), (6, 1))
TALLY_SHARE = 0.55
REFERRED_SHARE = 0.05
COLUMNS = [
    "branch_id",
    "desk_id",
    "recorded_at",
    "local_day",
    "local_hour",
    "weekday",
    "is_tally",
    "channel",
    "inquiry_type_id",
    "read_level",
    "minutes",
    "referred_to_id",
    "question",
    "answer",
    "patron_category",
]


def _hours(branch: Branch) -> dict[int, tuple[int, int]]:
    found: dict[int, tuple[int, int]] = {}
    for h in branch.opening_hours.all():
        opens, closes = found.get(h.weekday, (24, 0))
        end = h.closes.hour + (1 if h.closes.minute else 0)
        found[h.weekday] = (min(opens, h.opens.hour), max(closes, end))
    return found or DEFAULT_HOURS


def _slots(
    branches: Sequence[Branch], first: datetime.date, days: int, rng: random.Random
) -> list[tuple[Branch, datetime.date, int, float]]:
    """(branch, day, hour, weight) for every open hour of every branch."""
    slots = []
    for branch in branches:
        hours = _hours(branch)
        size = rng.uniform(0.6, 1.4)  # some branches are busier than others
        for n in range(days):
            day = first + datetime.timedelta(days=n)
            if day.weekday() not in hours:
                continue
            opens, closes = hours[day.weekday()]
            season = 1.0 + 0.15 * (day.month in (1, 2, 9, 10)) - 0.1 * (day.month in (7, 8))
            for hour in range(opens, closes):
                w = size * WEEKDAY_WEIGHT[day.weekday()] * HOUR_WEIGHT.get(hour, 0.3) * season
                slots.append((branch, day, hour, w))
    return slots


def _pick(rng: random.Random, weighted: Sequence[tuple[object, int]]) -> object:
    values = [v for v, _ in weighted]
    return rng.choices(values, weights=[w for _, w in weighted])[0]


def traffic_rows(
    *, rows: int, days: int, seed: int, as_of: datetime.date, branches: Sequence[Branch]
) -> Iterator[tuple[object, ...]]:
    """`rows` inquiries and tallies over the `days` days ending `as_of`,
    as tuples in COLUMNS order. Reads what it needs from the database at
    once, so that the rows can then be consumed while a COPY holds the
    connection."""
    rng = random.Random(seed)
    first = as_of - datetime.timedelta(days=days - 1)
    slots = _slots(branches, first, days, rng)
    total = sum(w for *_rest, w in slots) or 1.0
    tally_types = list(InquiryType.objects.exclude(tally_key="").values_list("pk", flat=True))
    inquiry_types = list(InquiryType.objects.filter(tally_key="").values_list("pk", flat=True))
    referrals = list(ReferralTarget.objects.values_list("pk", flat=True))
    desks: dict[int, list[int | None]] = {b.pk: [] for b in branches}
    for desk in ServiceDesk.objects.filter(branch__in=branches):
        desks[desk.branch_id].append(desk.pk)
    return _emit(rng, rows, slots, total, tally_types, inquiry_types, referrals, desks)


def _emit(
    rng: random.Random,
    rows: int,
    slots: list[tuple[Branch, datetime.date, int, float]],
    total: float,
    tally_types: list[int],
    inquiry_types: list[int],
    referrals: list[int],
    desks: dict[int, list[int | None]],
) -> Iterator[tuple[object, ...]]:
    channel_values = [c for c, _ in CHANNELS]
    channel_weights = [w for _, w in CHANNELS]
    levels = [lvl for lvl, _ in READ_WEIGHTS]
    level_weights = [w for _, w in READ_WEIGHTS]
    cumulative = 0.0
    placed = 0
    for branch, day, hour, weight in slots:
        # Cumulative rounding: the counts add up to exactly `rows`.
        cumulative += weight
        count = round(rows * cumulative / total) - placed
        placed += count
        tz = clock.zone(branch)
        choices = desks[branch.pk] or [None]
        for _ in range(count):
            moment = datetime.datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=tz
            )
            tally = rng.random() < TALLY_SHARE and bool(tally_types)
            channel = (
                Channel.IN_PERSON
                if tally
                else rng.choices(channel_values, weights=channel_weights)[0]
            )
            type_id: int | None
            referred: int | None
            if tally:
                type_id, level, minutes, referred = rng.choice(tally_types), 1, 0, None
            else:
                type_id = rng.choice(inquiry_types) if inquiry_types else None
                level = rng.choices(levels, weights=level_weights)[0]
                minutes = max(1, int(rng.expovariate(1 / (2 + 4 * level))))
                minutes = min(minutes, 240)
                referred = (
                    rng.choice(referrals) if referrals and rng.random() < REFERRED_SHARE else None
                )
            yield (
                branch.pk,
                rng.choice(choices),
                moment,
                day,
                hour,
                day.weekday(),
                tally,
                channel,
                type_id,
                level,
                minutes,
                referred,
                "",
                "",
                "",
            )


def _copy(lines: Iterator[tuple[object, ...]]) -> int:
    table = Inquiry._meta.db_table
    sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
    n = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in lines:
            copy.write_row(row)
            n += 1
    return n


def _bulk(lines: Iterator[tuple[object, ...]]) -> int:
    batch: list[Inquiry] = []
    n = 0
    for row in lines:
        values: dict[str, Any] = dict(zip(COLUMNS, row, strict=True))
        batch.append(Inquiry(**values))
        if len(batch) >= BATCH:
            Inquiry.objects.bulk_create(batch)
            n += len(batch)
            batch.clear()
    Inquiry.objects.bulk_create(batch)
    return n + len(batch)


def generate_desk_traffic(
    *,
    rows: int,
    days: int,
    seed: int,
    as_of: datetime.date,
    use_copy: bool,
    say: Callable[[str], None] = lambda line: None,
    branches: Sequence[Branch] | None = None,
) -> int:
    """Add the rows in one transaction; returns how many were added."""
    from circulation.datasets.writing import IndexRebuild

    chosen = list(branches if branches is not None else Branch.objects.order_by("pk"))
    if not chosen or rows <= 0:
        return 0
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        lines = traffic_rows(rows=rows, days=days, seed=seed, as_of=as_of, branches=chosen)
        rebuild = None
        if postgres and use_copy and rows >= REBUILD_MIN_ROWS:
            rebuild = IndexRebuild(Inquiry._meta.db_table)
            rebuild.drop()
        n = _copy(lines) if postgres and use_copy else _bulk(lines)
        if rebuild is not None:
            rebuild.restore()
        rollup_invalidate(as_of - datetime.timedelta(days=days - 1))
        desk_rollup()
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Inquiry._meta.db_table}")
    say(f"desk traffic: {n:,} inquiries and tallies over {days} days")
    return n


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--desk-traffic",
        type=int,
        default=0,
        help="Also add this many desk inquiries and tallies (desk.datasets), with "
        "daily and weekly peaks, across the branches.",
    )
    parser.add_argument(
        "--desk-days",
        type=int,
        default=3 * 365,
        help="Days of desk traffic, ending on --as-of (default: three years).",
    )


def _check(options: dict[str, Any]) -> str:
    if options["desk_traffic"] < 0 or options["desk_days"] < 1:
        return "Desk traffic needs a positive count and at least one day."
    return ""


def _generate(options: dict[str, Any], run: Run) -> dict[str, int]:
    if not options["desk_traffic"]:
        return {}
    n = generate_desk_traffic(
        rows=options["desk_traffic"],
        days=options["desk_days"],
        seed=run.seed,
        as_of=run.as_of,
        use_copy=run.use_copy,
        say=run.say,
    )
    return {"desk inquiries and tallies": n}


register(Extra("desk", _add_arguments, _check, _generate))
