"""Rows for patrons, their cards, guardians and proxies."""

from __future__ import annotations

from collections.abc import Iterator

from patrons.barcodes import make_card_barcode

from .plan import Clock, Plan
from .vocabulary import (
    BRANCH_WEIGHTS,
    CATEGORIES,
    FIRST_NAMES,
    LAST_NAMES,
    NULL,
    STREET_KINDS,
    STREETS,
    pick,
    weighted,
)


def patron_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
    rng = plan.rng("patrons")
    rand, randrange = rng.random, rng.randrange
    cats, cat_cum = weighted((i, w) for i, (_, w, _) in enumerate(CATEGORIES))
    branches, branch_cum = weighted(enumerate(BRANCH_WEIGHTS[: len(plan.branch_ids)]))
    first_id = plan.first_id["patrons"]
    today = clock.today
    category_codes, branch_codes = bytearray(), bytearray()
    for k in range(plan.patrons):
        cat = pick(cats, cat_cum, rand())
        name, _, ages = CATEGORIES[cat]
        b = pick(branches, branch_cum, rand())
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


def card_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
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


def guardian_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
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


def proxy_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
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
