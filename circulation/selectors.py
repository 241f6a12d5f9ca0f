"""Circulation's reads: for the catalogue pages, a title's copies and where
they are and how many copies and holds each title of a search result has
(none of them names a patron); for the desk, a copy by its barcode, a loan
just made and the holds waiting for a copy; for the privacy pages, a
patron's kept loan history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Q, QuerySet, Value

from catalogue.models import Title
from circulation import rules
from circulation.models import Hold, Item, Loan
from organisation import clock
from organisation.models import Branch
from patrons.models import Patron


@dataclass
class CopyLine:
    """A copy as the catalogue lists it: where it is now."""

    item: Item
    going_to: Branch | None  # the pickup branch it travels to for a hold

    @property
    def where(self) -> str:
        status = Item.Status(self.item.status)
        if status == Item.Status.IN_TRANSIT and self.going_to is not None:
            return f"In transit to {self.going_to.name}"
        if status == Item.Status.AVAILABLE:
            shelf = self.item.shelving_location
            place = self.item.home_branch.name
            return f"On the shelf at {place}, {shelf}" if shelf else f"On the shelf at {place}"
        return str(status.label)


def title_copies(*, title: Title) -> list[CopyLine]:
    """Every copy of the title, by home branch and barcode, with where it is."""
    copies = list(
        Item.objects.filter(title_record=title)
        .select_related("home_branch")
        .order_by("home_branch__name", "barcode")
    )
    travelling = {
        h.item_id: h.pickup_branch
        for h in Hold.objects.filter(item__in=copies, status=Hold.Status.IN_TRANSIT).select_related(
            "pickup_branch"
        )
    }
    return [CopyLine(item, travelling.get(item.pk)) for item in copies]


@dataclass
class TitleCounts:
    copies: int = 0
    available: int = 0
    waiting: int = 0  # title-level holds waiting


def title_counts(*, title_ids: list[int]) -> dict[int, TitleCounts]:
    """Copies, copies on the shelf and title-level holds waiting, per title
    (one statement: the copies' counts and the holds' as one union)."""
    counts = {pk: TitleCounts() for pk in title_ids}
    if not title_ids:
        return counts
    zero = Value(0, output_field=IntegerField())
    copies = (
        Item.objects.filter(title_record_id__in=title_ids)
        .values("title_record_id")
        .annotate(
            n=Count("pk"),
            free=Count("pk", filter=Q(status=Item.Status.AVAILABLE)),
            waiting=zero,
        )
        .order_by()  # SQLite refuses an ORDER BY inside a UNION's parts
    )
    holds = (
        Hold.objects.filter(
            title_record_id__in=title_ids, level=Hold.Level.TITLE, status=Hold.Status.WAITING
        )
        .values("title_record_id")
        .annotate(n=zero, free=zero, waiting=Count("pk"))
        .order_by()
    )
    for row in copies.union(holds, all=True):
        line = counts[row["title_record_id"]]
        line.copies += row["n"]
        line.available += row["free"]
        line.waiting += row["waiting"]
    return counts


def title_queue_position(*, hold: Hold) -> int:
    """A waiting title-level hold's place in its title's queue (1: the next
    copy checked in fills it), in rules.queue_key order."""
    ahead = Hold.objects.filter(
        title_record_id=hold.title_record_id,
        level=Hold.Level.TITLE,
        status=Hold.Status.WAITING,
    ).filter(Q(placed_at__lt=hold.placed_at) | Q(placed_at=hold.placed_at, pk__lt=hold.pk))
    return rules.queue_position(ahead=ahead.count())


def item_by_barcode(barcode: str) -> Item | None:
    return Item.objects.filter(barcode=barcode).first()


def loan_just_made(*, item_id: int, patron_id: int, within: datetime.timedelta) -> Loan | None:
    """The item's open loan to the patron if it was made within `within`
    (a second scan that soon is a scanner's double read, not a return)."""
    return (
        Loan.objects.filter(
            item_id=item_id,
            patron_id=patron_id,
            returned_at__isnull=True,
            checked_out_at__gte=clock.now() - within,
        )
        .only("checked_out_at", "due_at")
        .first()
    )


def holds_waiting_count(*, item_id: int) -> int:
    """How many patrons wait in the item's hold queue (not yet trapped)."""
    return Hold.objects.filter(item_id=item_id, status=Hold.Status.WAITING).count()


def loan_history(*, patron: Patron, limit: int = 500) -> QuerySet[Loan]:
    """The patron's returned loans, newest first, with item and branch."""
    return (
        Loan.objects.filter(patron=patron, returned_at__isnull=False)
        .select_related("item", "branch")
        .order_by("-returned_at")[:limit]
    )
