"""Rows for items, loans (with the fees they lead to) and holds."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import IO

from patrons.barcodes import make_item_barcode

from .plan import CATEGORY_NAMES, FORMAT_NAMES, Clock, Plan
from .titles import title_for_item, title_of
from .vocabulary import (
    BATCH_ROWS,
    BRANCH_WEIGHTS,
    FEE_ON_LATE_RETURN,
    FORMATS,
    HISTORY_YEARS,
    ITEM_STATUS_IDLE,
    LATE_RETURN_SHARE,
    NULL,
    OPEN_LOAN_SHARE,
    OVERDUE_SHARE,
    coprime_step,
    pick,
    weighted,
)


def choose_busy_items(plan: Plan) -> None:
    """Distinct items for the open loans and for the ready holds."""
    rng = plan.rng("busy-items")
    n_open = min(int(plan.loans * OPEN_LOAN_SHARE) or (1 if plan.loans else 0), plan.items // 2)
    n_ready = min(n_open // 10, plan.items - n_open)
    chosen = rng.sample(range(plan.items), n_open + n_ready)
    plan.open_items = chosen[:n_open]
    plan.ready_items = chosen[n_open:]


def item_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
    """Copies of the titles (titles.title_of): a copy takes its title's
    words and format."""
    rng = plan.rng("items")
    rand = rng.random
    idle, idle_cum = weighted(ITEM_STATUS_IDLE)
    branches, branch_cum = weighted(enumerate(BRANCH_WEIGHTS[: len(plan.branch_ids)]))
    on_loan, on_shelf = set(plan.open_items), set(plan.ready_items)
    first_id, title0 = plan.first_id["items"], plan.first_id["titles"]
    format_codes, branch_codes = bytearray(), bytearray()
    for k in range(plan.items):
        t = title_for_item(plan, k)
        words = title_of(plan.seed, t)
        f = words.format
        b = pick(branches, branch_cum, rand())
        format_codes.append(f)
        branch_codes.append(b)
        if k in on_loan:
            status = "on_loan"
        elif k in on_shelf:
            status = "on_hold_shelf"
        else:
            status = pick(idle, idle_cum, rand())
        yield (
            str(first_id + k),
            make_item_barcode(plan.item_number0 + k),
            str(title0 + t),
            words.title[:300],
            words.author,
            words.call,
            FORMATS[f][0],
            str(plan.branch_ids[b]),
            status,
            FORMATS[f][2],
        )
    plan.item_format[:] = format_codes
    plan.item_branch[:] = branch_codes


class Picker:
    """Skewed but bounded picks: a popular tenth of items gets 30% of loans,
    an active third of patrons 80%; nobody gets implausibly many."""

    def __init__(self, rng: random.Random, n: int, hot_share: float, hot_weight: float) -> None:
        self.rand, self.randrange = rng.random, rng.randrange
        self.n = n
        self.hot = max(1, int(n * hot_share))
        self.hot_weight = hot_weight
        self.step = coprime_step(n)

    def __call__(self) -> int:
        if self.rand() < self.hot_weight:
            return (self.randrange(self.hot) * self.step) % self.n
        return self.randrange(self.n)


def loan_rows(plan: Plan, clock: Clock, fees: IO[str]) -> Iterator[tuple[str, ...]]:
    """Loans in checkout order; late returns and long overdue loans write
    their fee rows (as COPY text) to `fees`."""
    rng = plan.rng("loans")
    rand, randrange = rng.random, rng.randrange
    pick_item = Picker(rng, plan.items, 0.10, 0.30)
    pick_patron = Picker(rng, plan.patrons, 0.33, 0.80)
    rules = [plan.loan_rules[name] for name in FORMAT_NAMES]
    cats = CATEGORY_NAMES
    staff = [str(s) for s in plan.staff_ids] or [NULL]
    n_staff = len(staff)
    pid0, cid0, iid0 = plan.first_id["patrons"], plan.first_id["cards"], plan.first_id["items"]
    lid0, fid0 = plan.first_id["loans"], plan.first_id["fees"]
    branch_ids = [str(b) for b in plan.branch_ids]
    item_branch, item_format = plan.item_branch, plan.item_format
    patron_branch, patron_category = plan.patron_branch, plan.patron_category
    ts, date = clock.ts, clock.date
    today = clock.today
    span = HISTORY_YEARS * 365
    n_open = len(plan.open_items)
    n_returned = plan.loans - n_open
    fee_lines: list[str] = []
    n_fees = 0
    for j in range(plan.loans):
        if j < n_returned:
            i = pick_item()
            out_day = today - span + (j * (span - 2)) // max(n_returned, 1)
        else:
            i = plan.open_items[j - n_returned]
            out_day = 0
        p = pick_patron()
        loan_days, max_renewals, per_day, cap = rules[item_format[i]]
        renewals = 0
        if max_renewals and rand() < 0.2:
            renewals = 1 if max_renewals == 1 or rand() < 0.75 else 2
        period = loan_days * (1 + renewals)
        if j >= n_returned:
            if rand() < OVERDUE_SHARE:
                late = 1 + randrange(45) if rand() < 0.8 else 46 + randrange(320)
                out_day = today - period - late
            else:
                out_day = today - 1 - randrange(period)
        out_min = 540 + randrange(660)
        due = date(out_day + period) + " 23:59:00-05"
        branch = item_branch[i] if rand() < 0.8 else patron_branch[p]
        category = cats[patron_category[p]]
        lid = lid0 + j
        returned = NULL
        if j < n_returned:
            r = rand()
            if r < LATE_RETURN_SHARE:
                late = 1 + randrange(30) if r < LATE_RETURN_SHARE * 0.85 else 31 + randrange(90)
                back = out_day + period + late
            else:
                late = 0
                back = out_day + 1 + randrange(period)
            back = min(back, today - 1)
            returned = ts(back, 540 + randrange(660))
            if late and rand() < FEE_ON_LATE_RETURN:
                amount = min(per_day * late, cap)
                if amount > 0:
                    r = rand()
                    status = "open" if r < 0.15 else ("paid" if r < 0.85 else "waived")
                    closed, reason = NULL, ""
                    if status == "waived":
                        reason = "Forgiven at the desk"
                    if status != "open":
                        closed = ts(min(back + 1 + randrange(60), today - 1), 600 + randrange(480))
                    fee_lines.append(
                        f"{fid0 + n_fees}\t{pid0 + p}\t{lid}\t{branch_ids[branch]}\toverdue\t"
                        f"{amount}\t{status}\t{returned}\t{closed}\t{NULL}\t"
                        f"{reason}\t{category}\t{NULL}\n"
                    )
                    n_fees += 1
        elif today - out_day - period > 60 and rand() < 0.5:
            # Long overdue: billed as lost, still open.
            cost = FORMATS[item_format[i]][2]
            fee_lines.append(
                f"{fid0 + n_fees}\t{pid0 + p}\t{lid}\t{branch_ids[branch]}\tlost\t{cost}\topen\t"
                f"{ts(out_day + period + 60, 300)}\t{NULL}\t{NULL}\t\t{category}\t{NULL}\n"
            )
            n_fees += 1
        if len(fee_lines) >= BATCH_ROWS:
            fees.write("".join(fee_lines))
            fee_lines.clear()
        yield (
            str(lid),
            str(iid0 + i),
            str(pid0 + p),
            str(cid0 + p),
            NULL,
            branch_ids[branch],
            ts(out_day, out_min),
            due,
            returned,
            str(renewals),
            staff[randrange(n_staff)],
            NULL,
            "",
            category,
            NULL,
            NULL,
        )
    fees.write("".join(fee_lines))
    plan.fee_count = n_fees


def hold_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
    """Waiting holds queue on items out on loan (every other one for the
    title, any copy); ready ones wait on the hold shelf (one per item); most
    holds are long finished."""
    rng = plan.rng("holds")
    rand, randrange = rng.random, rng.randrange
    hid0, pid0, iid0 = plan.first_id["holds"], plan.first_id["patrons"], plan.first_id["items"]
    tid0 = plan.first_id["titles"]
    staff = [str(s) for s in plan.staff_ids] or [NULL]
    branch_ids = [str(b) for b in plan.branch_ids]
    cats = CATEGORY_NAMES
    today = clock.today
    ts, date = clock.ts, clock.date
    n = 0

    def row(  # type: ignore[no-untyped-def]
        i: int, p: int, status: str, placed: int, ready: str, by: str, closed: str, level="copy"
    ):
        return (
            str(hid0 + n),
            str(tid0 + title_for_item(plan, i)),
            level,
            NULL if level == "title" else str(iid0 + i),
            str(pid0 + p),
            branch_ids[plan.patron_branch[p]],
            status,
            ts(placed, 540 + randrange(660)),
            ready,
            by,
            closed,
            staff[randrange(len(staff))],
            cats[plan.patron_category[p]],
            NULL,
        )

    # One open hold per patron and title.
    taken: set[tuple[int, int]] = set()
    for i in plan.ready_items:
        p = randrange(plan.patrons)
        while (title_for_item(plan, i), p) in taken:
            p = randrange(plan.patrons)
        taken.add((title_for_item(plan, i), p))
        ready_day = today - 1 - randrange(plan.hold_pickup_days)
        yield row(
            i,
            p,
            "ready",
            ready_day - 1 - randrange(30),
            ts(ready_day, 560),
            date(ready_day + plan.hold_pickup_days),
            NULL,
        )
        n += 1
    if plan.open_items:
        for k in range(len(plan.open_items) // 5):
            i = plan.open_items[randrange(len(plan.open_items))]
            p = randrange(plan.patrons)
            if (title_for_item(plan, i), p) in taken:
                continue
            taken.add((title_for_item(plan, i), p))
            level = "title" if k % 2 else "copy"
            yield row(i, p, "waiting", today - 1 - randrange(60), NULL, NULL, NULL, level)
            n += 1
    span = HISTORY_YEARS * 365
    for _ in range(plan.loans // 100):
        i, p = randrange(plan.items), randrange(plan.patrons)
        placed = today - span + randrange(span - 30)
        r = rand()
        status = "fulfilled" if r < 0.75 else ("cancelled" if r < 0.9 else "expired")
        ready = NULL if status == "cancelled" else ts(placed + 1 + randrange(20), 560)
        closed_day = placed + 25 if status != "cancelled" else placed + randrange(20)
        by = NULL if status == "cancelled" else date(placed + 28)
        yield row(i, p, status, placed, ready, by, ts(closed_day, 900))
        n += 1
