"""Loans now out, holds and open fees from CSV (the columns of our own
export, `moving/export.py`), by item and card barcode.

Each row is checked against the circulation rules (`circulation/blocks.py`,
the loan rules' item limits). A row that breaks a rule is kept and the
report says so (`line 4: note: overdue: kept, shown as overdue`): the
loans are out in the world whatever the rules say. A row that cannot be a
record here (an unknown barcode, a bad date, an item on loan to another
card) is rejected. Natural keys: an item's open loan, a patron's open hold
on a title, an open fee of the same patron, kind, amount and day.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from catalogue.models import Title
from circulation import blocks
from circulation.models import Fee, Hold, Item, Loan, LoanRule
from moving.readers import Entry, read_csv
from moving.runner import Outcome
from organisation import clock
from organisation.models import Branch
from patrons.models import Card


class RowError(ValueError):
    pass


def moment(
    value: str, column: str, branch: Branch, *, end_of_day: bool = False
) -> datetime.datetime:
    """An ISO 8601 instant; a bare date is the start (or the last minute)
    of that day at the branch."""
    value = value.strip()
    if not value:
        raise RowError(f"no {column}")
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            start, end = clock.day_bounds(branch, day)
            return end - datetime.timedelta(minutes=1) if end_of_day else start
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise RowError(f"bad date in {column}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=clock.zone(branch))
    return parsed


def renewals_of(data: dict[str, str]) -> int:
    """The optional `renewals` column: how many times the loan was renewed."""
    value = (data.get("renewals") or "").strip()
    if not value:
        return 0
    if not value.isdigit() or int(value) > 999:
        raise RowError("bad number in renewals")
    return int(value)


class _Lookups:
    def __init__(self) -> None:
        self.branches = {b.code.upper(): b for b in Branch.objects.select_related("system")}

    def branch(self, code: str) -> Branch:
        branch = self.branches.get(code.strip().upper())
        if branch is None:
            raise RowError("unknown branch code")
        return branch

    @staticmethod
    def card_of(cards: dict[str, Card], data: dict[str, str]) -> Card:
        card = cards.get(data["cardnumber"].strip())
        if card is None:
            raise RowError("unknown card barcode")
        return card

    @staticmethod
    def item_of(items: dict[str, Item], data: dict[str, str]) -> Item:
        item = items.get(data["itembarcode"].strip())
        if item is None:
            raise RowError("unknown item barcode")
        return item

    @staticmethod
    def cards(entries: list[Entry]) -> dict[str, Card]:
        codes = [e.data.get("cardnumber", "").strip() for e in entries]
        return {
            c.barcode: c for c in Card.objects.filter(barcode__in=codes).select_related("patron")
        }

    @staticmethod
    def items(entries: list[Entry]) -> dict[str, Item]:
        codes = [e.data.get("itembarcode", "").strip() for e in entries]
        return {i.barcode: i for i in Item.objects.filter(barcode__in=codes)}


class LoanImporter(_Lookups):
    """Loans now out: itembarcode, cardnumber, branchcode, checked_out, due,
    and optionally renewals (how many times renewed). With `history`,
    returned loans (a `returned` column) of patrons who chose to keep their
    loan history, and of no one else."""

    kind = "loans"
    unit = "line"
    REQUIRED = ("itembarcode", "cardnumber", "branchcode", "checked_out", "due")

    def __init__(self, *, history: bool = False) -> None:
        super().__init__()
        self.history = history

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        required = (*self.REQUIRED, "returned") if self.history else self.REQUIRED
        return read_csv(handle, required=required)

    def apply(self, entries: list[Entry]) -> Outcome:
        if self.history:
            return self._history(entries)
        outcome = Outcome()
        cards, items = self.cards(entries), self.items(entries)
        open_loans = {
            loan.item_id: loan
            for loan in Loan.objects.filter(item__in=items.values(), returned_at__isnull=True)
        }
        now = clock.now()
        new: list[Loan] = []
        for entry in entries:
            data = entry.data
            try:
                item = self.item_of(items, data)
                card = self.card_of(cards, data)
                branch = self.branch(data["branchcode"])
                out = moment(data["checked_out"], "checked_out", branch)
                due = moment(data["due"], "due", branch, end_of_day=True)
                if due < out:
                    raise RowError("due before it was checked out")
                renewals = renewals_of(data)
                existing = open_loans.get(item.pk)
                if existing is not None and existing.card_id != card.pk:
                    raise RowError("the item is already on loan to another card")
            except RowError as exc:
                outcome.rejected.append((entry.number, str(exc)))
                continue
            if existing is not None:
                outcome.unchanged += 1
                continue
            loan = Loan(
                item=item,
                patron=card.patron,
                card=card,
                branch=branch,
                checked_out_at=out,
                due_at=due,
                renewals=renewals,
                patron_category=card.patron.category,
            )
            new.append(loan)
            open_loans[item.pk] = loan
            outcome.created += 1
            if due < now:
                outcome.notes.append((entry.number, "overdue: kept, shown as overdue"))
            for block in blocks.card_blocks(card, clock.local_day(branch, now)):
                outcome.notes.append((entry.number, f"breaks a rule ({block.code}): kept"))
            if item.status in (Item.Status.LOST, Item.Status.WITHDRAWN, Item.Status.MISSING):
                outcome.notes.append((entry.number, f"the item was {item.status}: now on loan"))
        if new:
            Loan.objects.bulk_create(new)
            Item.objects.filter(pk__in=[loan.item_id for loan in new]).update(
                status=Item.Status.ON_LOAN
            )
            self._limits(new, outcome, entries)
        return outcome

    def _history(self, entries: list[Entry]) -> Outcome:
        outcome = Outcome()
        cards, items = self.cards(entries), self.items(entries)
        new: list[Loan] = []
        for entry in entries:
            data = entry.data
            try:
                item = self.item_of(items, data)
                card = self.card_of(cards, data)
                if not card.patron.keeps_loan_history:
                    raise RowError("the patron has not chosen to keep a loan history")
                branch = self.branch(data["branchcode"])
                out = moment(data["checked_out"], "checked_out", branch)
                due = moment(data["due"], "due", branch, end_of_day=True)
                returned = moment(data["returned"], "returned", branch)
                if returned < out:
                    raise RowError("returned before it was checked out")
                renewals = renewals_of(data)
            except RowError as exc:
                outcome.rejected.append((entry.number, str(exc)))
                continue
            if Loan.objects.filter(item=item, card=card, checked_out_at=out).exists():
                outcome.unchanged += 1
                continue
            new.append(
                Loan(
                    item=item,
                    patron=card.patron,
                    card=card,
                    branch=branch,
                    checked_out_at=out,
                    due_at=due,
                    returned_at=returned,
                    renewals=renewals,
                    patron_category=card.patron.category,
                )
            )
            outcome.created += 1
        Loan.objects.bulk_create(new)
        return outcome

    @staticmethod
    def _limits(new: list[Loan], outcome: Outcome, entries: list[Entry]) -> None:
        """A note for each new loan that takes its patron over the item
        limit of its format."""
        limits = dict(LoanRule.objects.values_list("format", "item_limit"))
        patrons = {loan.patron_id for loan in new if loan.patron_id is not None}
        counts: Counter[tuple[int | None, str]] = Counter(
            Loan.objects.filter(patron_id__in=patrons, returned_at__isnull=True).values_list(
                "patron_id", "item__format"
            )
        )
        numbers = {e.data["itembarcode"].strip(): e.number for e in entries}
        for loan in new:
            key = (loan.patron_id, loan.item.format)
            limit = limits.get(loan.item.format)
            if limit is not None and counts[key] > limit:
                outcome.notes.append(
                    (numbers[loan.item.barcode], "over the item limit of its format: kept")
                )


class HoldImporter(_Lookups):
    """Open holds, in queue order: cardnumber, itembarcode and/or
    record_number, pickup_branchcode, placed; optionally level (title or
    copy; without it a row naming a copy is a copy-level hold), status
    (waiting, in_transit, ready), ready and pickup_by.

    A hold in transit or ready names its copy, which is set aside for it
    (in transit, or on the hold shelf). A copy-level hold "in transit" is a
    waiting hold whose copy travels to the pickup branch, as the desk keeps
    one (`circulation.holds`)."""

    kind = "holds"
    unit = "line"
    REQUIRED = ("cardnumber", "pickup_branchcode", "placed")
    STATUSES = (Hold.Status.WAITING, Hold.Status.IN_TRANSIT, Hold.Status.READY)

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        return read_csv(handle, required=self.REQUIRED)

    def __init__(self, source: str | None = None) -> None:
        super().__init__()
        self.source = source

    def _titles(self, entries: list[Entry]) -> dict[str, Title | None]:
        """Each record number of the batch and its title: with `--source`,
        that system's title (by the unique index of source and number);
        without, the one title of any source with that number, or None
        where two systems' titles share it (the row is refused, not put on
        either)."""
        # A blank number names no title: titles made at the desk have none.
        numbers = [n for e in entries if (n := e.data.get("record_number", "").strip())]
        found = Title.objects.filter(source_record_number__in=numbers).exclude(
            source_record_number=""
        )
        if self.source is not None:
            found = found.filter(source_system=self.source)
        titles: dict[str, Title | None] = {}
        for title in found:
            number = title.source_record_number
            titles[number] = None if number in titles else title
        for number in numbers:
            if number.startswith("lsd-") and number[4:].isdigit():
                made_here = Title.objects.filter(pk=int(number[4:])).first()
                if made_here is not None:
                    titles[number] = made_here
        return titles

    @staticmethod
    def _state(data: dict[str, str], item: Item | None) -> tuple[str, str]:
        level = data.get("level", "").strip().lower() or (
            Hold.Level.COPY if item else Hold.Level.TITLE
        )
        if level not in Hold.Level.values:
            raise RowError("unknown hold level")
        status = data.get("status", "").strip().lower() or Hold.Status.WAITING
        if status not in HoldImporter.STATUSES:
            raise RowError("unknown hold status")
        if item is None and (level == Hold.Level.COPY or status != Hold.Status.WAITING):
            raise RowError("no itembarcode for a copy-level hold or one in transit or ready")
        if item is not None and level == Hold.Level.TITLE and status == Hold.Status.WAITING:
            raise RowError("a waiting title-level hold names no copy")
        if item is not None and status != Hold.Status.WAITING:
            if item.status == Item.Status.ON_LOAN:
                raise RowError("the copy set aside for the hold is on loan")
            if Hold.objects.filter(item=item, status__in=Hold.ALLOCATED_STATUSES).exists():
                raise RowError("the copy is already set aside for another hold")
        return level, status

    def apply(self, entries: list[Entry]) -> Outcome:
        outcome = Outcome()
        cards, items = self.cards(entries), self.items(entries)
        titles = self._titles(entries)
        for entry in entries:
            data = entry.data
            try:
                card = self.card_of(cards, data)
                branch = self.branch(data["pickup_branchcode"])
                placed = moment(data["placed"], "placed", branch)
                code = data.get("itembarcode", "").strip()
                item = items.get(code) if code else None
                if code and item is None:
                    raise RowError("unknown item barcode")
                number = data.get("record_number", "").strip()
                title = item.title_record if item else titles.get(number)
                if title is None and number in titles:
                    raise RowError(
                        "record number held by titles of more than one source: "
                        "name it with --source"
                    )
                if title is None:
                    raise RowError("unknown record number")
                if Hold.objects.filter(
                    patron=card.patron, title_record=title, status__in=Hold.OPEN_STATUSES
                ).exists():
                    outcome.unchanged += 1
                    continue
                level, status = self._state(data, item)
                ready = (data.get("ready") or "").strip()
                ready_at = moment(ready, "ready", branch) if ready else None
                pickup_by = _day_of(data.get("pickup_by") or "", "pickup_by")
            except RowError as exc:
                outcome.rejected.append((entry.number, str(exc)))
                continue
            travels = status == Hold.Status.IN_TRANSIT and level == Hold.Level.COPY
            Hold.objects.create(
                title_record=title,
                level=level,
                item=item,
                patron=card.patron,
                pickup_branch=branch,
                placed_at=placed,
                status=Hold.Status.WAITING if travels else status,
                ready_at=ready_at if status == Hold.Status.READY else None,
                pickup_by=pickup_by if status == Hold.Status.READY else None,
                patron_category=card.patron.category,
            )
            if item is not None and status != Hold.Status.WAITING:
                item.status = (
                    Item.Status.ON_HOLD_SHELF
                    if status == Hold.Status.READY
                    else Item.Status.IN_TRANSIT
                )
                item.save(update_fields=["status"])
            outcome.created += 1
        return outcome


def _day_of(value: str, column: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RowError(f"bad date in {column}") from None


class FeeImporter(_Lookups):
    """Open fees: cardnumber, itembarcode (optional), branchcode, kind,
    amount, created."""

    kind = "fees"
    unit = "line"
    REQUIRED = ("cardnumber", "branchcode", "kind", "amount", "created")

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        return read_csv(handle, required=self.REQUIRED)

    def apply(self, entries: list[Entry]) -> Outcome:
        outcome = Outcome()
        cards, items = self.cards(entries), self.items(entries)
        for entry in entries:
            data = entry.data
            try:
                card = self.card_of(cards, data)
                branch = self.branch(data["branchcode"])
                kind = data["kind"].strip().lower()
                if kind not in Fee.Kind.values:
                    raise RowError("unknown fee kind")
                try:
                    amount = Decimal(data["amount"].strip())
                except InvalidOperation:
                    raise RowError("bad amount") from None
                if amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
                    raise RowError("bad amount")
                created = moment(data["created"], "created", branch)
                code = data.get("itembarcode", "").strip()
                loan = None
                if code:
                    item = items.get(code)
                    if item is None:
                        raise RowError("unknown item barcode")
                    loan = (
                        Loan.objects.filter(item=item, patron=card.patron)
                        .order_by("-checked_out_at")
                        .first()
                    )
            except RowError as exc:
                outcome.rejected.append((entry.number, str(exc)))
                continue
            fields: dict[str, Any] = {
                "patron": card.patron,
                "kind": kind,
                "amount": amount,
                "created_at": created,
                "status": Fee.Status.OPEN,
            }
            if Fee.objects.filter(**fields).exists():
                outcome.unchanged += 1
                continue
            Fee.objects.create(
                **fields, loan=loan, branch=branch, patron_category=card.patron.category
            )
            outcome.created += 1
        return outcome
