"""Titles and their copies from MARC 21 (ISO 2709 or MARCXML).

Natural keys: a title is its source system and record number (Koha's
biblionumber, the 001, or the digest of the record's bytes); a copy is its
barcode. A title or copy equal to what is stored is unchanged; one that
differs is updated. A copy's circulation status is set when it is created
(available, lost, missing or withdrawn as the record says) and afterwards
changed only to one of those three, so a re-import never puts a copy on loan back
on the shelf.

Counts: created, updated and unchanged count titles and copies; rejected
counts records that could not be read and copies that could not be made
(each with its reason, `record 5: rejected: copy 2 (952) has no barcode`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from catalogue.models import MarcSyntax, Title
from circulation.models import Item
from moving import copying, marc, seen
from moving.models import ImportRun
from moving.readers import Entry, read_marc, read_marcxml
from moving.runner import Outcome
from organisation import clock
from organisation.models import Branch
from patrons import barcodes
from patrons.models import Card

TITLE_FIELDS = (
    "title",
    "author",
    "isbn",
    "issn",
    "publisher",
    "year",
    "format",
    "language",
    "marc_syntax",
    "marc_record",
)
COPY_FIELDS = (
    "title_record_id",
    "title",
    "author",
    "call_number",
    "shelving_location",
    "format",
    "home_branch_id",
)
TERMINAL = (Item.Status.LOST, Item.Status.MISSING, Item.Status.WITHDRAWN)
# The columns of a new row the importing process writes itself: the rest
# is encoded where the record is read (copying.Encoder). A title's MARC
# record is one of them so as not to send its bytes twice.
TITLE_LATE = ("id", "created_at", "marc_record")
ITEM_LATE = ("id", "title_record_id")


def holdings_map() -> dict[str, dict[str, str]]:
    return getattr(settings, "MOVING_HOLDINGS", marc.HOLDINGS)


def _bibliographic(record: marc.TitleRecord) -> dict[str, Any]:
    """A title's bibliographic columns, as a new title and a re-import
    both write them."""
    return {
        "title": record.title,
        "author": record.author,
        "isbn": record.isbn,
        "issn": record.issn,
        "publisher": record.publisher,
        "year": record.year,
        "format": record.format,
        "language": record.language,
    }


def syntax_of(path: str) -> str:
    """MARCXML for a file that starts like XML, else ISO 2709."""
    with open(path, "rb") as handle:
        start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return MarcSyntax.MARCXML if start.startswith(b"<") else MarcSyntax.ISO2709


class MarcImporter:
    kind = "marc"
    unit = "record"
    # The tables a move-in loads (runner: their secondary indexes are built
    # at the end), and about how many bytes of a file make one of their rows.
    tables = (Title, Item)
    row_bytes = 300
    # The statistics its look-ups need while the tables fill (runner): a
    # title by source and record number, a copy by barcode. ANALYZE of
    # every column read and weighed each sampled title's MARC record too,
    # at batches 1, 2, 4, ... 256 of a 500,000-record file.
    analyzed = (
        (Title, ("source_system", "source_record_number")),
        (Item, ("barcode",)),
    )

    def __init__(self, *, syntax: str, source: str = "", holdings: Any = None) -> None:
        self.syntax = syntax
        self.source = (source or "import")[:40]
        self.holdings = holdings if holdings is not None else holdings_map()
        self.branches = {b.code.upper(): b.pk for b in Branch.objects.all()}
        # Read once: `entries` checks barcodes against it with no query.
        self.item_scheme = barcodes.schemes()[1]
        # New rows are encoded for COPY where they are read (PostgreSQL).
        self.title_rows: copying.Encoder | None = None
        self.item_rows: copying.Encoder | None = None
        if copying.postgres():
            self.title_rows = copying.Encoder(
                Title, TITLE_LATE, source_system=self.source, marc_syntax=self.syntax
            )
            self.item_rows = copying.Encoder(Item, ITEM_LATE)
        # Record numbers and copy barcodes read so far, in the database
        # (moving.seen): memory stays flat whatever the file's size.
        self.in_file = seen.InFile()

    def begin(self, run: ImportRun) -> None:
        self.in_file.bind(run.pk)

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        """Each record as a `marc.TitleRecord` with its copies, or the
        reason it cannot be one, with the in-file keys' digests and the
        copies' barcodes and branches checked. Pure: a runner may call this
        in a reading process or thread (no query; the branches and the
        item scheme were read when the import started)."""
        if self.syntax == MarcSyntax.MARCXML:
            records = read_marcxml(handle)
        else:
            records = read_marc(handle, light=True)
        source, holdings = self.source, self.holdings
        scheme, branches = self.item_scheme, self.branches
        title_rows, item_rows = self.title_rows, self.item_rows
        for entry in records:
            if entry.error:
                yield entry
                continue
            record, raw = entry.data
            try:
                title = marc.title_of(record, raw=raw, source=source)
            except ValueError as exc:
                yield Entry(entry.number, error=str(exc))
                continue
            title.key = seen.digest(title.record_number)
            title.copies = copies = marc.copies_of(record, holdings)
            for copy in copies:
                if copy.problem:
                    continue
                copy.key = seen.digest(copy.barcode)
                # A barcode the scheme does not take is explained in
                # `apply`, where the validator may read the library's
                # schemes.
                if scheme.matches(copy.barcode):
                    copy.checked = True
                    if copy.branch.upper() not in branches:
                        copy.problem = f"copy {copy.position} ({copy.tag}): unknown branch code"
                    elif item_rows is not None:
                        copy.row = item_rows.encode(self._new_item(copy, title))
            if title_rows is not None:
                title.row = title_rows.encode(self._new_title(title))
            yield Entry(entry.number, data=title)

    def _parse(self, entries: list[Entry], outcome: Outcome) -> list[tuple[int, marc.TitleRecord]]:
        earlier = self.in_file.earlier(
            seen.RECORD,
            [(entry.data.record_number, entry.number) for entry in entries],
            [entry.data.key for entry in entries],
        )
        parsed = []
        for entry, first in zip(entries, earlier, strict=True):
            if first is not None:
                outcome.rejected.append(
                    (entry.number, f"duplicate record number (also record {first})")
                )
                continue
            parsed.append((entry.number, entry.data))
        return parsed

    @staticmethod
    def _new_title(record: marc.TitleRecord) -> dict[str, Any]:
        """A new title's early columns (the rest: TITLE_LATE)."""
        return {**_bibliographic(record), "source_record_number": record.record_number}

    def _new_item(self, copy: marc.CopyRecord, record: marc.TitleRecord) -> dict[str, Any]:
        """A new copy's early columns (the rest: ITEM_LATE)."""
        values: dict[str, Any] = {
            "title": record.title[:300],
            "author": record.author[:200],
            "call_number": copy.call_number,
            "shelving_location": copy.location,
            "format": record.format,
            "home_branch_id": self.branches[copy.branch.upper()],
            "barcode": copy.barcode,
            "status": copy.status,
        }
        if copy.price is not None:
            values["replacement_cost"] = copy.price
        return values

    def _title_values(self, record: marc.TitleRecord) -> dict[str, Any]:
        return {
            **_bibliographic(record),
            "marc_syntax": self.syntax,
            "marc_record": record.marc,
        }

    def apply(self, entries: list[Entry]) -> Outcome:
        outcome = Outcome()
        parsed = self._parse(entries, outcome)
        numbers = [t.record_number for _, t in parsed]
        # One statement tells which records are here already (a re-run);
        # only those are loaded as models, to compare.
        known = self._known_titles(numbers)
        existing = (
            {
                t.source_record_number: t
                for t in Title.objects.filter(
                    source_system=self.source, source_record_number__in=list(known)
                ).exclude(source_record_number="")  # the unique index's condition
            }
            if known
            else {}
        )
        now = clock.now()
        new_titles = copying.Rows(
            Title, source_system=self.source, marc_syntax=self.syntax, created_at=now
        )
        encoder = self.title_rows
        encoded = copying.Encoded(encoder) if encoder is not None else None
        new_ids = iter(copying.new_ids(Title, len(parsed) - len(existing)))
        changed_titles: list[Title] = []
        titles: list[tuple[int, marc.TitleRecord, int | None]] = []
        for number, record in parsed:
            title = existing.get(record.record_number)
            if title is None:
                pk = next(new_ids)
                if encoded is not None and encoder is not None:
                    early = record.row or encoder.encode(self._new_title(record))
                    encoded.add((pk, now, record.marc), early)
                else:
                    row = new_titles.add(
                        {
                            **self._title_values(record),
                            "id": pk,
                            "source_record_number": record.record_number,
                        }
                    )
                    pk = row[new_titles.position["id"]]
                titles.append((number, record, pk))
                outcome.created += 1
                continue
            values = self._title_values(record)
            if any(
                bytes(getattr(title, f)) != values[f]
                if f == "marc_record"
                else getattr(title, f) != values[f]
                for f in TITLE_FIELDS
            ):
                for name, value in values.items():
                    setattr(title, name, value)
                changed_titles.append(title)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
            titles.append((number, record, title.pk))
        new_titles.write()
        if encoded is not None:
            encoded.write()
        if not copying.postgres():
            # bulk_create gave the new titles their ids only now.
            ids = iter(row[new_titles.position["id"]] for row in new_titles.rows)
            titles = [(n, r, pk if pk is not None else next(ids)) for n, r, pk in titles]
        if changed_titles:
            Title.objects.bulk_update(changed_titles, list(TITLE_FIELDS))
        self._copies(titles, outcome)
        return outcome

    def _known_titles(self, numbers: list[str]) -> set[str]:
        # A record number is never blank (marc.record_number_of), and the
        # unique index of (source, number) leaves blank ones out.
        return copying.existing(
            Title._meta.db_table,
            "source_record_number",
            numbers,
            nonblank=True,
            source_system=self.source,
        )

    def _copies(
        self, titles: list[tuple[int, marc.TitleRecord, int | None]], outcome: Outcome
    ) -> None:
        readable: list[tuple[int, marc.CopyRecord, marc.TitleRecord, int | None]] = []
        item_scheme = barcodes.schemes()[1]
        for number, record, title_id in titles:
            for copy in record.copies:
                problem = copy.problem or (
                    "" if copy.checked else self._copy_problem(copy, item_scheme)
                )
                if problem:
                    outcome.rejected.append((number, problem))
                    continue
                readable.append((number, copy, record, title_id))
        earlier = self.in_file.earlier(
            seen.COPY,
            [(copy.barcode, number) for number, copy, _, _ in readable],
            [copy.key for _, copy, _, _ in readable],
        )
        wanted: list[tuple[int, marc.CopyRecord, marc.TitleRecord, int | None]] = []
        for candidate, first in zip(readable, earlier, strict=True):
            if first is not None:
                copy = candidate[1]
                outcome.rejected.append(
                    (
                        candidate[0],
                        f"copy {copy.position} ({copy.tag}): duplicate barcode "
                        f"(also in record {first})",
                    )
                )
                continue
            wanted.append(candidate)
        codes = [copy.barcode for _, copy, _, _ in wanted]
        cards = copying.existing(Card._meta.db_table, "barcode", codes)
        known = copying.existing(Item._meta.db_table, "barcode", codes)
        items = (
            {i.barcode: i for i in Item.objects.filter(barcode__in=list(known))} if known else {}
        )
        new_items = copying.Rows(Item)
        encoder = self.item_rows
        encoded = copying.Encoded(encoder) if encoder is not None else None
        ids = iter(copying.new_ids(Item, len(wanted) - len(items)))
        changed: list[Item] = []
        for number, copy, record, title_id in wanted:
            if copy.barcode in cards:
                outcome.rejected.append(
                    (number, f"copy {copy.position} ({copy.tag}): the barcode is a card's")
                )
                continue
            item = items.get(copy.barcode)
            if item is None and encoded is not None and encoder is not None:
                early = copy.row or encoder.encode(self._new_item(copy, record))
                encoded.add((next(ids), title_id), early)
                outcome.created += 1
                continue
            values: dict[str, Any] = {
                "title_record_id": title_id,
                "title": record.title[:300],
                "author": record.author[:200],
                "call_number": copy.call_number,
                "shelving_location": copy.location,
                "format": record.format,
                "home_branch_id": self.branches[copy.branch.upper()],
            }
            if item is None:
                values.update(id=next(ids), barcode=copy.barcode, status=copy.status)
                if copy.price is not None:
                    values["replacement_cost"] = copy.price
                new_items.add(values)
                outcome.created += 1
                continue
            fields = [f for f in COPY_FIELDS if getattr(item, f) != values[f]]
            if copy.price is not None and item.replacement_cost != copy.price:
                item.replacement_cost = copy.price
                fields.append("replacement_cost")
            if copy.status in TERMINAL and item.status != copy.status:
                item.status = copy.status
                fields.append("status")
            if fields:
                for name in COPY_FIELDS:
                    setattr(item, name, values[name])
                changed.append(item)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        new_items.write()
        if encoded is not None:
            encoded.write()
        if changed:
            Item.objects.bulk_update(changed, [*COPY_FIELDS, "replacement_cost", "status"])

    def _copy_problem(self, copy: marc.CopyRecord, scheme: barcodes.Scheme | None = None) -> str:
        where = f"copy {copy.position} ({copy.tag})"
        if scheme is None or not scheme.matches(copy.barcode):
            try:
                barcodes.validate_item_barcode(copy.barcode)
            except ValidationError as exc:
                return f"{where}: barcode refused: {exc.messages[0]}"
        if copy.branch.upper() not in self.branches:
            return f"{where}: unknown branch code"
        return ""
