"""Scale data for benchmarks: `python manage.py generate_dataset`.

    python manage.py generate_dataset --patrons 200000 --items 500000 \\
        --loans 5000000 [--seed 1] [--as-of YYYY-MM-DD]

Adds fictional patrons (with cards, some guardians and proxies), items,
loans spread over the past years (most returned, a share open and some of
those overdue), holds and fees, on top of whatever the database holds.

Fast on PostgreSQL: rows are generated as text and streamed with COPY
(psycopg 3 `cursor.copy()`), memory stays bounded, and for large loads the
secondary indexes and foreign keys of a table are dropped for the load and
recreated afterwards (which also re-validates them), then the tables are
analysed. On SQLite the same rows go through `bulk_create` in batches:
slower, but it works.

Deterministic: the same seed, the same --as-of date and the same starting
state (highest ids and barcode numbers) give the same rows. Ids and barcode
numbers start above what the database already holds, and barcode numbers
never fall below BARCODE_FLOOR, far above seed_demo's and the test
factories' numbers. Every database constraint holds: one open loan per
item, one active card per patron, one ready hold per item, fees closed iff
not open.

The whole load is one transaction: it either all lands or none of it does.
While it runs it locks the tables it writes.
"""

from __future__ import annotations

import datetime
import random
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from circulation.models import Fee, Hold, Item, ItemFormat, Loan, LoanRule
from libraryservice.management.commands.seed_demo import BRANCHES
from libraryservice.models import Branch, LibrarySystem, StaffProfile
from libraryservice.policies import users_with_role
from libraryservice.roles import Role
from patrons.barcodes import make_card_barcode, make_item_barcode
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

NULL = "\\N"
Row = tuple[str, ...]
BARCODE_FLOOR = 10_000_000
REBUILD_MIN_ROWS = 100_000
HISTORY_YEARS = 5
BATCH_ROWS = 5_000
SQLITE_BATCH = 1_000

OPEN_LOAN_SHARE = 0.012
OVERDUE_SHARE = 0.22
LATE_RETURN_SHARE = 0.28
FEE_ON_LATE_RETURN = 0.15

# Shares of the branches: westfield, millbury, jones, kenora.
BRANCH_WEIGHTS = (0.40, 0.25, 0.20, 0.15)
# category, share, age range (None: no date of birth)
CATEGORIES = (
    ("adult", 0.66, (18, 64)),
    ("juvenile", 0.21, (2, 17)),
    ("senior", 0.10, (65, 94)),
    ("staff", 0.02, (20, 66)),
    ("institution", 0.01, None),
)
FORMATS = (
    ("book", 0.74, "25.00"),
    ("dvd", 0.10, "20.00"),
    ("audiobook", 0.07, "45.00"),
    ("magazine", 0.05, "6.00"),
    ("game", 0.03, "50.00"),
    ("equipment", 0.01, "120.00"),
)
ITEM_STATUS_IDLE = (
    ("available", 0.965),
    ("in_transit", 0.01),
    ("lost", 0.01),
    ("missing", 0.005),
    ("withdrawn", 0.01),
)


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Avery Blake Cameron Dakota Emerson Finley Harper Jordan Kai Logan Morgan Noah Oliver "
    "Parker Quinn Riley Sawyer Taylor Rowan Skyler Alex Jamie Casey Drew Elliot Frankie "
    "Hayden Jesse Kendall Lane Marley Nico Peyton Reese Sam Tatum Shay Ari Bailey Charlie "
    "Devon Eden Gray Hollis Indigo Jude Kit Lennon Milan Oakley Remy Sage Tobin Wren Zion "
    "Amara Bruno Chloe Diego Esme Farah Hugo Ines Jonah Leila Mateo Nadia Omar Priya Ravi "
    "Sofia Tomas Uma Vera Yusuf Zara Aiko Bo Chen Dara Emeka Fatima Giulia Hana Ivan Jin"
)
LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell "
    "Carter Roberts Tremblay Gagnon Roy Cote Bouchard Gauthier Morin Lavoie Fortin Okafor "
    "Chen Singh Patel Kim Park Cohen Murphy Kelly Sullivan Novak Kowalski Schmidt Rossi "
    "Silva"
)
STREETS = _words(
    "Main Oak Maple Cedar Elm Pine Lake Hill Park Church Mill River Spring Union Water "
    "Chestnut Walnut Ridge Meadow Forest Highland Orchard Prospect School Bridge"
)
STREET_KINDS = ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place")
ADJECTIVES = _words(
    "Silent Hidden Last Broken Golden Secret Lost Quiet Wild Distant Burning Frozen Little "
    "Forgotten Endless Crooked Bright Dark Gentle Restless Hollow Shining Northern Painted"
)
NOUNS = _words(
    "River Garden House Island Mountain Letter Kingdom Forest Clock Bridge Winter Harbor "
    "Road Lantern Orchard Mirror Storm Library Meadow Compass Voyage Promise Shadow City"
)
SUBJECTS = _words(
    "Gardening Cooking Astronomy Birds History Chess Photography Baking Knitting Economics "
    "Poetry Physics Painting Travel Parenting Running Woodworking Philosophy Music Geology"
)


def _weighted(choices: Iterable[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    """Values and cumulative weights, for bisect-free weighted picks."""
    values, cumulative, total = [], [], 0.0
    for value, weight in choices:
        total += weight
        values.append(value)
        cumulative.append(total)
    cumulative[-1] = float("inf")
    return values, cumulative


def _pick(values: list[Any], cumulative: list[float], r: float) -> Any:
    for value, bound in zip(values, cumulative, strict=True):
        if r < bound:
            return value
    return values[-1]


def _coprime_step(n: int) -> int:
    """A multiplier that permutes range(n) (a prime that does not divide n)."""
    for p in (1_000_003, 999_983, 1_299_709, 15_485_863):
        if n % p:
            return p
    return 1


@dataclass
class Plan:
    """What to generate and where it starts; the generators read only this."""

    patrons: int
    items: int
    loans: int
    seed: int
    as_of: datetime.date
    branch_ids: list[int]
    branch_cities: list[str]
    branch_postal: list[str]
    staff_ids: list[int]
    loan_rules: dict[str, tuple[int, int, Decimal, Decimal]]
    hold_pickup_days: int
    card_validity_years: int
    first_id: dict[str, int]
    card_number0: int
    item_number0: int
    # Filled while generating; later tables read them.
    patron_category: bytearray = field(default_factory=bytearray)
    patron_branch: bytearray = field(default_factory=bytearray)
    item_format: bytearray = field(default_factory=bytearray)
    item_branch: bytearray = field(default_factory=bytearray)
    minors: list[tuple[int, int]] = field(default_factory=list)
    open_items: list[int] = field(default_factory=list)
    ready_items: list[int] = field(default_factory=list)
    extra_cards: int = 0
    fee_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, table: str) -> random.Random:
        return random.Random(f"{self.seed}:{table}")


class _Clock:
    """Timestamps as text, from day offsets and minutes: cheap to format."""

    def __init__(self, as_of: datetime.date) -> None:
        self.start = as_of - datetime.timedelta(days=366 * 100)
        self.today = (as_of - self.start).days
        days = self.today + 366 * 20
        self.days = [(self.start + datetime.timedelta(days=d)).isoformat() for d in range(days)]
        # Branch-local desk hours, recorded with a fixed offset of US Eastern
        # standard time: realistic enough for statistics by hour.
        self.minutes = [f" {m // 60:02d}:{m % 60:02d}:00-05" for m in range(24 * 60)]

    def ts(self, day: int, minute: int) -> str:
        return self.days[day] + self.minutes[minute]

    def date(self, day: int) -> str:
        return self.days[day]


# Column lists, in the order the generators produce values.
COLUMNS = {
    Patron: (
        "id first_name last_name date_of_birth category email phone address_line city "
        "postal_code home_branch_id keeps_loan_history keeps_loan_history_since "
        "shares_with_guardian notes created_at updated_at deidentified_at"
    ),
    Card: "id patron_id barcode status issued_on expires_on replaced_by_id status_changed_at",
    GuardianLink: (
        "id patron_id guardian_patron_id guardian_name relationship proof verified_by_id "
        "verified_at created_at"
    ),
    ProxyAuthorization: (
        "id cardholder_id proxy_name proxy_patron_id may_borrow may_pick_up_holds expires_on "
        "revoked_at created_by_id created_at"
    ),
    Item: "id barcode title author call_number format home_branch_id status replacement_cost",
    Loan: (
        "id item_id patron_id card_id proxy_id branch_id checked_out_at due_at returned_at "
        "renewals checked_out_by_id override_by_id override_reason patron_category "
        "patron_birth_year anonymized_at"
    ),
    Hold: (
        "id item_id patron_id pickup_branch_id status placed_at ready_at pickup_by closed_at "
        "placed_by_id patron_category anonymized_at"
    ),
    Fee: (
        "id patron_id loan_id branch_id kind amount status created_at closed_at closed_by_id "
        "waive_reason patron_category anonymized_at"
    ),
}
CATEGORY_NAMES = [c for c, _, _ in CATEGORIES]
FORMAT_NAMES = [f for f, _, _ in FORMATS]


def patron_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    rng = plan.rng("patrons")
    rand, randrange = rng.random, rng.randrange
    cats, cat_cum = _weighted((i, w) for i, (_, w, _) in enumerate(CATEGORIES))
    branches, branch_cum = _weighted(enumerate(BRANCH_WEIGHTS[: len(plan.branch_ids)]))
    first_id = plan.first_id["patrons"]
    today = clock.today
    category_codes, branch_codes = bytearray(), bytearray()
    for k in range(plan.patrons):
        cat = _pick(cats, cat_cum, rand())
        name, _, ages = CATEGORIES[cat]
        b = _pick(branches, branch_cum, rand())
        category_codes.append(cat)
        branch_codes.append(b)
        first = FIRST_NAMES[randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[randrange(len(LAST_NAMES))]
        if ages is None:
            dob = NULL
            age = 30
            first, last = "", f"{last} {('School', 'Daycare', 'Senior Centre')[k % 3]}"
        else:
            age = ages[0] + randrange(ages[1] - ages[0] + 1)
            dob = clock.date(today - age * 365 - age // 4 - randrange(365))
        registered = today - randrange(1 + min(age - 1, 12) * 365) if age > 1 else today - 30
        created = clock.ts(registered, 540 + randrange(660))
        if name == "juvenile" and age < 13:
            plan.minors.append((k, registered))
        keeps = rand() < 0.12
        email = (
            f"{first or 'info'}.{last.split()[0]}{k}@example.org".lower() if rand() < 0.72 else ""
        )
        phone = f"555-{randrange(10000):04d}" if rand() < 0.8 else ""
        yield (
            str(first_id + k),
            first,
            last,
            dob,
            name,
            email,
            phone,
            f"{1 + randrange(9999)} {STREETS[randrange(len(STREETS))]} "
            f"{STREET_KINDS[randrange(len(STREET_KINDS))]}",
            plan.branch_cities[b],
            plan.branch_postal[b],
            str(plan.branch_ids[b]),
            "t" if keeps else "f",
            created if keeps else NULL,
            "t" if name == "juvenile" and rand() < 0.1 else "f",
            "",
            created,
            created,
            NULL,
        )
    plan.patron_category[:] = category_codes
    plan.patron_branch[:] = branch_codes


def card_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    """One current card per patron, active unless expired; some old cards.

    An old card was lost, stolen or replaced and points at the current one,
    so only the current card can be active.
    """
    rng = plan.rng("cards")
    rand, randrange = rng.random, rng.randrange
    first_id = plan.first_id["cards"]
    validity = 365 * plan.card_validity_years
    today = clock.today
    extra: list[tuple[int, int]] = []
    for k in range(plan.patrons):
        r = rand()
        if r < 0.07:
            status, issued = "expired", today - validity - 1 - randrange(4 * 365)
        elif r < 0.12:
            # Expired by date, status not yet updated: the desk must notice.
            status, issued = "active", today - validity - 1 - randrange(200)
        else:
            status, issued = "active", today - randrange(validity)
        changed = clock.ts(issued if status == "active" else issued + validity, 600)
        yield (
            str(first_id + k),
            str(plan.first_id["patrons"] + k),
            make_card_barcode(plan.card_number0 + k),
            status,
            clock.date(issued),
            clock.date(issued + validity),
            NULL,
            changed,
        )
        if rand() < 0.05:
            extra.append((k, issued))
    for j, (k, replaced_on) in enumerate(extra):
        r = rand()
        status = "replaced" if r < 0.6 else ("lost" if r < 0.95 else "stolen")
        issued = replaced_on - 30 - randrange(3 * 365)
        yield (
            str(first_id + plan.patrons + j),
            str(plan.first_id["patrons"] + k),
            make_card_barcode(plan.card_number0 + plan.patrons + j),
            status,
            clock.date(issued),
            clock.date(issued + validity),
            str(first_id + k),
            clock.ts(replaced_on, 600),
        )
    plan.extra_cards = len(extra)


def guardian_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    """Most young children registered with a parent's signature."""
    rng = plan.rng("guardians")
    rand, randrange = rng.random, rng.randrange
    n = 0
    for k, registered in plan.minors:
        if rand() >= 0.6:
            continue
        created = clock.ts(registered, 540 + randrange(600))
        staff = plan.staff_ids[randrange(len(plan.staff_ids))] if plan.staff_ids else None
        yield (
            str(plan.first_id["guardianlinks"] + n),
            str(plan.first_id["patrons"] + k),
            NULL,
            f"{FIRST_NAMES[randrange(len(FIRST_NAMES))]} {LAST_NAMES[randrange(len(LAST_NAMES))]}",
            "parent" if rand() < 0.95 else "legal_guardian",
            "registration",
            str(staff) if staff else NULL,
            created,
            created,
        )
        n += 1


def proxy_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    rng = plan.rng("proxies")
    rand, randrange = rng.random, rng.randrange
    for n in range(plan.patrons // 200):
        k = randrange(plan.patrons)
        created = clock.today - randrange(3 * 365)
        staff = plan.staff_ids[randrange(len(plan.staff_ids))] if plan.staff_ids else None
        yield (
            str(plan.first_id["proxyauthorizations"] + n),
            str(plan.first_id["patrons"] + k),
            f"{FIRST_NAMES[randrange(len(FIRST_NAMES))]} {LAST_NAMES[randrange(len(LAST_NAMES))]}",
            NULL,
            "t",
            "t" if rand() < 0.8 else "f",
            clock.date(created + 365),
            clock.ts(created + 100, 700) if rand() < 0.1 else NULL,
            str(staff) if staff else NULL,
            clock.ts(created, 600),
        )


def _choose_busy_items(plan: Plan) -> None:
    """Distinct items for the open loans and for the ready holds."""
    rng = plan.rng("busy-items")
    n_open = min(int(plan.loans * OPEN_LOAN_SHARE) or (1 if plan.loans else 0), plan.items // 2)
    n_ready = min(n_open // 10, plan.items - n_open)
    chosen = rng.sample(range(plan.items), n_open + n_ready)
    plan.open_items = chosen[:n_open]
    plan.ready_items = chosen[n_open:]


def item_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    rng = plan.rng("items")
    rand, randrange = rng.random, rng.randrange
    formats, format_cum = _weighted((i, w) for i, (_, w, _) in enumerate(FORMATS))
    idle, idle_cum = _weighted(ITEM_STATUS_IDLE)
    branches, branch_cum = _weighted(enumerate(BRANCH_WEIGHTS[: len(plan.branch_ids)]))
    on_loan, on_shelf = set(plan.open_items), set(plan.ready_items)
    first_id = plan.first_id["items"]
    format_codes, branch_codes = bytearray(), bytearray()
    for k in range(plan.items):
        f = _pick(formats, format_cum, rand())
        b = _pick(branches, branch_cum, rand())
        format_codes.append(f)
        branch_codes.append(b)
        fmt = FORMATS[f][0]
        last = LAST_NAMES[randrange(len(LAST_NAMES))]
        author = f"{FIRST_NAMES[randrange(len(FIRST_NAMES))]} {last}"
        r = rand()
        if fmt == "magazine":
            issue = f"{1 + randrange(12)}/{2015 + randrange(11)}"
            title = f"{NOUNS[randrange(len(NOUNS))]} Monthly ({issue})"
            author, call = "", "MAG"
        elif r < 0.45:
            title = f"The {ADJECTIVES[randrange(len(ADJECTIVES))]} {NOUNS[randrange(len(NOUNS))]}"
            call = f"FIC {last[:3].upper()}"
        elif r < 0.7:
            title = f"{NOUNS[randrange(len(NOUNS))]} of the {NOUNS[randrange(len(NOUNS))]}"
            call = f"J FIC {last[:3].upper()}"
        else:
            subject = SUBJECTS[randrange(len(SUBJECTS))]
            title = f"{subject} for Everyone, Volume {1 + randrange(9)}"
            call = f"{randrange(1000):03d}.{randrange(100):02d} {last[:3].upper()}"
        if fmt in ("dvd", "game", "equipment"):
            call = f"{fmt.upper()} {title.split()[-1][:3].upper()}"
        if k in on_loan:
            status = "on_loan"
        elif k in on_shelf:
            status = "on_hold_shelf"
        else:
            status = _pick(idle, idle_cum, rand())
        yield (
            str(first_id + k),
            make_item_barcode(plan.item_number0 + k),
            title,
            author,
            call,
            fmt,
            str(plan.branch_ids[b]),
            status,
            FORMATS[f][2],
            # A title may never contain a tab, a newline or a backslash: the
            # word lists above have none.
        )
    plan.item_format[:] = format_codes
    plan.item_branch[:] = branch_codes


class _Picker:
    """Skewed but bounded picks: a popular tenth of items gets 30% of loans,
    an active third of patrons 80%; nobody gets implausibly many."""

    def __init__(self, rng: random.Random, n: int, hot_share: float, hot_weight: float) -> None:
        self.rand, self.randrange = rng.random, rng.randrange
        self.n = n
        self.hot = max(1, int(n * hot_share))
        self.hot_weight = hot_weight
        self.step = _coprime_step(n)

    def __call__(self) -> int:
        if self.rand() < self.hot_weight:
            return (self.randrange(self.hot) * self.step) % self.n
        return self.randrange(self.n)


def loan_rows(plan: Plan, clock: _Clock, fees: IO[str]) -> Iterator[tuple[str, ...]]:
    """Loans in checkout order; late returns and long overdue loans write
    their fee rows (as COPY text) to `fees`."""
    rng = plan.rng("loans")
    rand, randrange = rng.random, rng.randrange
    pick_item = _Picker(rng, plan.items, 0.10, 0.30)
    pick_patron = _Picker(rng, plan.patrons, 0.33, 0.80)
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


def hold_rows(plan: Plan, clock: _Clock) -> Iterator[tuple[str, ...]]:
    """Waiting holds queue on items out on loan; ready ones wait on the hold
    shelf (one per item); most holds are long finished."""
    rng = plan.rng("holds")
    rand, randrange = rng.random, rng.randrange
    hid0, pid0, iid0 = plan.first_id["holds"], plan.first_id["patrons"], plan.first_id["items"]
    staff = [str(s) for s in plan.staff_ids] or [NULL]
    branch_ids = [str(b) for b in plan.branch_ids]
    cats = CATEGORY_NAMES
    today = clock.today
    ts, date = clock.ts, clock.date
    n = 0

    def row(i: int, p: int, status: str, placed: int, ready: str, by: str, closed: str):  # type: ignore[no-untyped-def]
        return (
            str(hid0 + n),
            str(iid0 + i),
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

    for i in plan.ready_items:
        p = randrange(plan.patrons)
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
    taken: set[tuple[int, int]] = set()
    if plan.open_items:
        for _ in range(len(plan.open_items) // 5):
            i = plan.open_items[randrange(len(plan.open_items))]
            p = randrange(plan.patrons)
            if (i, p) in taken:
                continue
            taken.add((i, p))
            yield row(i, p, "waiting", today - 1 - randrange(60), NULL, NULL, NULL)
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


# --- writing ---------------------------------------------------------------


def _pg_copy(model: type[models.Model], rows: Iterable[tuple[str, ...]]) -> int:
    columns = COLUMNS[model].split()
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    n = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        lines: list[str] = []
        for row in rows:
            lines.append("\t".join(row))
            if len(lines) >= BATCH_ROWS:
                lines.append("")
                copy.write("\n".join(lines))
                n += len(lines) - 1
                lines.clear()
        if lines:
            lines.append("")
            copy.write("\n".join(lines))
            n += len(lines) - 1
    return n


def _pg_copy_text(model: type[models.Model], text: IO[str]) -> None:
    columns = COLUMNS[model].split()
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    text.seek(0)
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        while chunk := text.read(1 << 20):
            copy.write(chunk)


def _converters(model: type[models.Model]) -> list[tuple[str, Callable[[str], Any]]]:
    converters = []
    for column in COLUMNS[model].split():
        f = next(f for f in model._meta.concrete_fields if f.attname == column)
        if f.get_internal_type() == "BooleanField":
            converters.append((column, lambda v: v == "t"))
        elif f.is_relation or f.get_internal_type().endswith("AutoField"):
            converters.append((column, int))
        else:
            converters.append((column, f.to_python))
    return converters


def _bulk_insert(model: type[models.Model], rows: Iterable[tuple[str, ...]]) -> int:
    """The same rows through bulk_create, in batches (any database)."""
    converters = _converters(model)
    # auto_now would overwrite the generated timestamps (COPY keeps them).
    auto_now = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in auto_now:
        f.auto_now = False  # type: ignore[attr-defined]
    try:
        batch: list[Any] = []
        n = 0
        for row in rows:
            values = {
                column: (None if value == NULL else convert(value))
                for (column, convert), value in zip(converters, row, strict=True)
            }
            batch.append(model(**values))
            if len(batch) >= SQLITE_BATCH:
                model.objects.bulk_create(batch)  # type: ignore[attr-defined]
                n += len(batch)
                batch.clear()
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        return n + len(batch)
    finally:
        for f in auto_now:
            f.auto_now = True  # type: ignore[attr-defined]


def _copy_text_rows(text: IO[str]) -> Iterator[tuple[str, ...]]:
    text.seek(0)
    for line in text:
        yield tuple(line.rstrip("\n").split("\t"))


class _Rebuild:
    """Drop a table's secondary indexes and foreign keys for a bulk load,
    then recreate them (a unique index or a foreign key that the new rows
    broke fails here, and the whole load rolls back)."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.indexes: list[tuple[str, str]] = []
        self.foreign_keys: list[tuple[str, str]] = []

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT i.relname, pg_get_indexdef(i.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """,
                [self.table],
            )
            self.indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [self.table],
            )
            self.foreign_keys = cursor.fetchall()
            for name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {self.table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        with connection.cursor() as cursor:
            for _, definition in self.indexes:
                cursor.execute(definition)
            for name, definition in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {self.table} ADD CONSTRAINT "{name}" {definition}')


# --- the command -----------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Add realistic scale data (patrons, cards, items, loans, holds, fees) fast: COPY on "
        "PostgreSQL, batched inserts elsewhere. Deterministic for a seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patrons", type=int, required=True)
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--loans", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data ends (default: today). Same seed and day, same data.",
        )
        parser.add_argument(
            "--rebuild-indexes",
            choices=["auto", "always", "never"],
            default="auto",
            help="Drop and recreate a table's secondary indexes and foreign keys around "
            f"its load (auto: for loads of {REBUILD_MIN_ROWS:,} rows or more; PostgreSQL).",
        )
        parser.add_argument(
            "--method",
            choices=["auto", "copy", "bulk"],
            default="auto",
            help="copy: PostgreSQL COPY; bulk: batched bulk_create (any database); "
            "auto: copy on PostgreSQL.",
        )
        parser.add_argument(
            "--no-vacuum",
            action="store_true",
            help="Skip VACUUM ANALYZE after the load (PostgreSQL; outside a transaction).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        patrons, items, loans = options["patrons"], options["items"], options["loans"]
        if min(patrons, items, loans) < 0:
            raise CommandError("Counts cannot be negative.")
        if loans and not (patrons and items):
            raise CommandError("Loans need patrons and items generated in the same run.")
        started = time.monotonic()
        postgres = connection.vendor == "postgresql"
        if options["method"] == "copy" and not postgres:
            raise CommandError("COPY needs PostgreSQL; use --method bulk (or auto).")
        use_copy = postgres and options["method"] != "bulk"
        touched: list[type[models.Model]] = []
        with transaction.atomic():
            plan = self._plan(options)
            if postgres:
                with connection.cursor() as cursor:
                    # Foreign keys are deferred; check them row by row instead,
                    # so that no pending check blocks dropping a constraint.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET LOCAL synchronous_commit = off")
                    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            clock = _Clock(plan.as_of)
            _choose_busy_items(plan)
            with tempfile.SpooledTemporaryFile(
                max_size=32 << 20, mode="w+", encoding="utf-8"
            ) as fees:
                steps: list[tuple[type[models.Model], int, Callable[[], Iterable[Row]]]] = [
                    (Patron, patrons, lambda: patron_rows(plan, clock)),
                    (Card, patrons, lambda: card_rows(plan, clock)),
                    (GuardianLink, patrons // 10, lambda: guardian_rows(plan, clock)),
                    (ProxyAuthorization, patrons // 200, lambda: proxy_rows(plan, clock)),
                    (Item, items, lambda: item_rows(plan, clock)),
                    (Loan, loans, lambda: loan_rows(plan, clock, fees)),
                    (Hold, loans // 50, lambda: hold_rows(plan, clock)),
                    (Fee, loans // 20, lambda: _copy_text_rows(fees)),
                ]
                for model, expected, rows in steps:
                    t0 = time.monotonic()
                    rebuild = self._rebuild(model, expected, options["rebuild_indexes"])
                    if use_copy and model is Fee:
                        _pg_copy_text(Fee, fees)
                        n = plan.fee_count
                    elif use_copy:
                        n = _pg_copy(model, rows())
                    else:
                        n = _bulk_insert(model, rows())
                    t1 = time.monotonic()
                    if rebuild:
                        rebuild.restore()
                    touched.append(model)
                    plan.counts[str(model._meta.verbose_name_plural)] = n
                    self._say(
                        options,
                        f"{model._meta.verbose_name_plural}: {n:,} rows in {t1 - t0:.1f}s"
                        + (f" + {time.monotonic() - t1:.1f}s indexes" if rebuild else ""),
                    )
            self._reset_sequences(touched)
            if postgres:
                with connection.cursor() as cursor:
                    for model in touched:
                        cursor.execute(f"ANALYZE {model._meta.db_table}")
        if postgres and not options["no_vacuum"] and not connection.in_atomic_block:
            t0 = time.monotonic()
            with connection.cursor() as cursor:
                for model in touched:
                    cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
            self._say(options, f"vacuum: {time.monotonic() - t0:.1f}s")
        counts = ", ".join(f"{k} {v:,}" for k, v in plan.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Generated in {time.monotonic() - started:.1f}s: {counts}")
        )

    def _say(self, options: dict[str, Any], line: str) -> None:
        if options["verbosity"] >= 1:
            self.stdout.write(line)

    def _rebuild(self, model: type[models.Model], expected: int, mode: str) -> _Rebuild | None:
        if connection.vendor != "postgresql" or mode == "never":
            return None
        if mode == "auto" and expected < REBUILD_MIN_ROWS:
            return None
        rebuild = _Rebuild(model._meta.db_table)
        rebuild.drop()
        return rebuild

    def _plan(self, options: dict[str, Any]) -> Plan:
        as_of = options["as_of"] or timezone.localdate()
        if connection.vendor == "postgresql":
            tables = ", ".join(m._meta.db_table for m in COLUMNS)
            with connection.cursor() as cursor:
                # Readers go on; writers wait, so the ids below stay free.
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        branches = self._branches()
        system = LibrarySystem.objects.order_by("pk").first()
        rules = {fmt.value: (21, 2, Decimal("0.25"), Decimal("5.00")) for fmt in ItemFormat} | {
            r.format: (r.loan_days, r.max_renewals, r.overdue_fee_per_day, r.overdue_fee_cap)
            for r in LoanRule.objects.all()
        }
        staff_ids = list(
            StaffProfile.objects.exclude(user__in=users_with_role(Role.ADMINISTRATOR))
            .order_by("user_id")
            .values_list("user_id", flat=True)[:50]
        )
        first_id = {
            m._meta.model_name + "s": self._next_id(m)  # type: ignore[operator]
            for m in COLUMNS
        }
        return Plan(
            patrons=options["patrons"],
            items=options["items"],
            loans=options["loans"],
            seed=options["seed"],
            as_of=as_of,
            branch_ids=[b.pk for b in branches],
            branch_cities=[b.name.split()[0].strip("(") for b in branches],
            branch_postal=["14787", "01527", "60441", "P9N 1A1"][: len(branches)],
            staff_ids=staff_ids,
            loan_rules=rules,
            hold_pickup_days=system.hold_pickup_days if system else 7,
            card_validity_years=system.card_validity_years if system else 3,
            first_id=first_id,
            card_number0=self._next_number(Card),
            item_number0=self._next_number(Item),
        )

    def _branches(self) -> list[Branch]:
        """One branch per demo jurisdiction, created as seed_demo would if missing."""
        system = LibrarySystem.objects.order_by("pk").first()
        if system is None:
            system = LibrarySystem.objects.create(name="Demo Library System")
        branches = []
        for code, name, jurisdiction, tz in BRANCHES:
            branch = Branch.objects.filter(jurisdiction_code=jurisdiction).order_by("pk").first()
            if branch is None:
                branch, _ = Branch.objects.get_or_create(
                    code=code,
                    defaults={
                        "system": system,
                        "name": name,
                        "jurisdiction_code": jurisdiction,
                        "timezone": tz,
                    },
                )
            branches.append(branch)
        return branches

    def _next_id(self, model: type[models.Model]) -> int:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()  # type: ignore[attr-defined]
        return (last or 0) + 1

    def _next_number(self, model: type[models.Model]) -> int:
        """Barcode numbers above every existing one and above BARCODE_FLOOR."""
        last = model.objects.order_by("-barcode").values_list("barcode", flat=True).first()  # type: ignore[attr-defined]
        number = int(last[1:13]) + 1 if last else 0
        return max(number, BARCODE_FLOOR)

    def _reset_sequences(self, models: list[type[models.Model]]) -> None:
        if connection.vendor != "postgresql":
            return  # SQLite AUTOINCREMENT follows explicit ids by itself.
        with connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
                )
