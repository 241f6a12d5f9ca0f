"""Demo items, loans, holds and fees. Called by seed_demo after patrons.

Besides what is out today, the demo has a past: returned loans, a picked-up
hold and a paid fee old enough for the retention job to expunge (so that
`expunge --dry-run` has work on a fresh demo), and recent or opted-in ones
it must keep, each for a reason it reports.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, Loan
from patrons.barcodes import make_item_barcode

ITEMS = [
    # number, title, author, call number, format, branch
    (1, "The Left Hand of Darkness", "Ursula K. Le Guin", "SF LEG", "book", "westfield"),
    (2, "A Wrinkle in Time", "Madeleine L'Engle", "J FIC LEN", "book", "westfield"),
    (3, "The Hobbit", "J. R. R. Tolkien", "FIC TOL", "book", "westfield"),
    (4, "Spirited Away", "Hayao Miyazaki", "DVD SPI", "dvd", "westfield"),
    (5, "Charlotte's Web", "E. B. White", "J FIC WHI", "book", "millbury"),
    (6, "Hatchet", "Gary Paulsen", "J FIC PAU", "book", "millbury"),
    (7, "The Giver", "Lois Lowry", "YA FIC LOW", "book", "jones"),
    (8, "Anne of Green Gables", "L. M. Montgomery", "FIC MON", "book", "kenora"),
    (9, "Becoming", "Michelle Obama", "B OBA", "audiobook", "westfield"),
    (10, "National Geographic (May)", "", "MAG NAT", "magazine", "westfield"),
    (11, "Dune", "Frank Herbert", "SF HER", "book", "westfield"),
    (12, "Matilda", "Roald Dahl", "J FIC DAH", "book", "westfield"),
    # More copies of titles above: one catalogue title, several copies.
    (13, "Dune", "Frank Herbert", "SF HER", "book", "millbury"),
    (14, "Dune", "Frank Herbert", "SF HER", "book", "jones"),
    (15, "The Left Hand of Darkness", "Ursula K. Le Guin", "SF LEG", "book", "kenora"),
    (16, "The Hobbit", "J. R. R. Tolkien", "FIC TOL", "book", "millbury"),
]


def seed(ctx: Any) -> None:
    items: dict[int, Item] = {}
    for number, title, author, call, fmt, branch in ITEMS:
        record, _ = Title.objects.get_or_create(title=title, author=author, format=fmt)
        item, _ = Item.objects.get_or_create(
            barcode=make_item_barcode(number),
            defaults={
                "title_record": record,
                "title": title,
                "author": author,
                "call_number": call,
                "format": fmt,
                "home_branch": ctx.branches[branch],
            },
        )
        items[number] = item
    patrons = ctx.extra["patrons"]
    now = datetime.datetime.combine(ctx.today, datetime.time(12), tzinfo=datetime.UTC)
    # (item, patron, days ago checked out, loan days)
    for item_no, patron_no, ago, days in (
        (1, 1, 5, 21),
        (2, 2, 10, 21),
        (5, 4, 3, 21),
        (7, 6, 4, 21),
        (8, 8, 2, 21),
        (4, 1, 12, 7),
        (15, 7, 6, 21),
    ):
        item = items[item_no]
        if Loan.objects.filter(item=item, returned_at__isnull=True).exists():
            continue
        patron = patrons[patron_no]
        out = now - datetime.timedelta(days=ago)
        Loan.objects.create(
            item=item,
            patron=patron,
            card=patron.cards.first(),
            branch=item.home_branch,
            checked_out_at=out,
            due_at=out + datetime.timedelta(days=days),
            checked_out_by=ctx.users["desk"],
            patron_category=patron.category,
        )
        item.status = Item.Status.ON_LOAN
        item.save(update_fields=["status"])
    Hold.objects.get_or_create(
        item=items[1],
        patron=patrons[9],
        defaults={
            "title_record": items[1].title_record,
            "pickup_branch": ctx.branches["westfield"],
            "placed_by": ctx.users["desk"],
        },
    )
    _, created = Hold.objects.get_or_create(
        item=items[3],
        patron=patrons[2],
        defaults={
            "title_record": items[3].title_record,
            "pickup_branch": ctx.branches["westfield"],
            "placed_by": ctx.users["desk"],
            "status": Hold.Status.READY,
            "ready_at": now,
            "pickup_by": ctx.today + datetime.timedelta(days=7),
        },
    )
    if created:
        items[3].status = Item.Status.ON_HOLD_SHELF
        items[3].save(update_fields=["status"])
    # Riley waits for any copy of The Left Hand of Darkness (both are out):
    # the first copy checked in goes to Westfield for Riley.
    Hold.objects.get_or_create(
        title_record=items[1].title_record,
        patron=patrons[3],
        level=Hold.Level.TITLE,
        defaults={"pickup_branch": ctx.branches["westfield"], "placed_by": ctx.users["desk"]},
    )
    if not Fee.objects.filter(patron=patrons[1]).exists():
        # Matilda came back five days late: the fee names the item it is for.
        out = now - datetime.timedelta(days=30)
        late = Loan.objects.create(
            item=items[12],
            patron=patrons[1],
            card=patrons[1].cards.first(),
            branch=items[12].home_branch,
            checked_out_at=out,
            due_at=out + datetime.timedelta(days=21),
            returned_at=out + datetime.timedelta(days=26),
            checked_out_by=ctx.users["desk"],
            patron_category=patrons[1].category,
        )
        Fee.objects.create(
            patron=patrons[1],
            loan=late,
            branch=ctx.branches["westfield"],
            kind=Fee.Kind.OVERDUE,
            amount=Decimal("2.50"),
            patron_category=patrons[1].category,
        )
    _history(ctx, items, patrons, now)
    ctx.say("Demo items: " + ", ".join(make_item_barcode(n) for n, *_ in ITEMS))


# (item, patron, days ago checked out, days ago returned). Returned loans lose
# their patron 30 days after return by default: the first five are due, the
# sixth is too recent, and Avery (patron 1) keeps a loan history.
RETURNED_LOANS = (
    (9, 9, 75, 50),
    (12, 10, 60, 41),
    (6, 3, 55, 35),
    (7, 5, 50, 38),
    (8, 7, 45, 33),
    (11, 9, 20, 6),
    (3, 1, 90, 70),
)


def _history(ctx: Any, items: dict[int, Item], patrons: dict[int, Any], now: Any) -> None:
    """Past circulation, found again by item so that a rerun (or the
    retention job removing the patron link) never duplicates it."""
    days = datetime.timedelta
    for item_no, patron_no, out_ago, back_ago in RETURNED_LOANS:
        item = items[item_no]
        if Loan.objects.filter(item=item, returned_at__isnull=False).exists():
            continue
        patron = patrons[patron_no]
        out = now - days(days=out_ago)
        Loan.objects.create(
            item=item,
            patron=patron,
            card=patron.cards.first(),
            branch=item.home_branch,
            checked_out_at=out,
            due_at=out + days(days=21),
            returned_at=now - days(days=back_ago),
            checked_out_by=ctx.users["desk"],
            patron_category=patron.category,
        )
    # Picked up 40 days ago: finished holds are expunged after 30 days.
    if not Hold.objects.filter(item=items[6], status=Hold.Status.FULFILLED).exists():
        Hold.objects.create(
            item=items[6],
            title_record=items[6].title_record,
            patron=patrons[4],
            pickup_branch=ctx.branches["millbury"],
            status=Hold.Status.FULFILLED,
            placed_at=now - days(days=50),
            ready_at=now - days(days=45),
            pickup_by=ctx.today - days(days=38),
            closed_at=now - days(days=40),
            placed_by=ctx.users["desk"],
            patron_category=patrons[4].category,
        )
    # Paid 400 days ago: paid fees are expunged after a year.
    if not Fee.objects.filter(branch=ctx.branches["jones"], status=Fee.Status.PAID).exists():
        Fee.objects.create(
            patron=patrons[5],
            branch=ctx.branches["jones"],
            kind=Fee.Kind.DAMAGE,
            amount=Decimal("4.00"),
            status=Fee.Status.PAID,
            created_at=now - days(days=420),
            closed_at=now - days(days=400),
            closed_by=ctx.users["desk"],
            patron_category=patrons[5].category,
        )
