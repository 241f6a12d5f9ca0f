"""Patrons and their cards from CSV, in Koha's patron import layout by
default (the columns of Koha's `borrowers` table, as its "Import patrons"
tool's template lists them) or mapped from any other layout.

The natural key is the card's barcode: a row whose barcode is a card here
updates that card's patron (or changes nothing when every field is equal);
any other row creates a patron and an active card. A barcode that is an
item's, or is not a card barcode under the library's scheme, is refused.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal, overload

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from circulation.models import Item
from kernel import tabular
from moving import copying, seen
from moving.models import ImportRun
from moving.readers import Compact, Entry, read_csv
from moving.runner import Outcome
from organisation import clock
from organisation.models import Branch
from patrons import barcodes
from patrons.models import Card, Patron

# Our field -> Koha's column.
KOHA_LAYOUT: dict[str, str] = {
    "card_barcode": "cardnumber",
    "last_name": "surname",
    "first_name": "firstname",
    "date_of_birth": "dateofbirth",
    "branch": "branchcode",
    "category": "categorycode",
    "email": "email",
    "phone": "phone",
    "mobile": "mobile",
    "street_number": "streetnumber",
    "address": "address",
    "address2": "address2",
    "city": "city",
    "postal_code": "zipcode",
    "enrolled": "dateenrolled",
    "expires": "dateexpiry",
    "notes": "borrowernotes",
    "privacy": "privacy",
    "lost": "lost",
}
REQUIRED = ("card_barcode", "last_name", "branch", "category")

# Koha's sample categories and common codes -> ours; a library adds its
# own with --category CODE=adult.
DEFAULT_CATEGORIES: dict[str, str] = {
    **{c.value.upper(): c.value for c in Patron.Category},
    "PT": Patron.Category.ADULT,
    "A": Patron.Category.ADULT,
    "J": Patron.Category.JUVENILE,
    "K": Patron.Category.JUVENILE,
    "CHILD": Patron.Category.JUVENILE,
    "YA": Patron.Category.JUVENILE,
    "S": Patron.Category.STAFF,
    "ST": Patron.Category.STAFF,
    "SR": Patron.Category.SENIOR,
    "I": Patron.Category.INSTITUTION,
    "IN": Patron.Category.INSTITUTION,
    "ORG": Patron.Category.INSTITUTION,
}

# Koha's `privacy`: 0 keeps the patron's reading history forever.
KOHA_KEEP_HISTORY = "0"

PATRON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "category",
    "email",
    "phone",
    "address_line",
    "city",
    "postal_code",
    "home_branch_id",
    "keeps_loan_history",
    "notes",
)


# The columns of a new row the importing process writes itself: the rest
# is encoded where the line is read (copying.Encoder).
PATRON_LATE = ("id", "keeps_loan_history_since", "created_at", "updated_at")
CARD_LATE = ("id", "patron_id", "issued_on", "expires_on", "status_changed_at")


class _EmailValidator(EmailValidator):
    """Django's e-mail validator, each domain's verdict kept: a file's
    addresses share a few domains, whose pattern is most of the cost. Its
    user part's pattern is the compiled one itself, not Django's lazy
    object, whose every use goes through a proxy (three quarters of the
    rest)."""

    user_regex = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)

    def validate_domain_part(self, domain_part: str) -> bool:
        return _domain_valid(domain_part)


_domain_valid = functools.lru_cache(maxsize=4096)(EmailValidator().validate_domain_part)
_validate_email = _EmailValidator()


_BLANKS = itertools.repeat("")
_SEPARATOR = "\x1f"


class RowError(ValueError):
    pass


@dataclass
class PatronRow(Compact):
    number: int
    barcode: str
    fields: dict[str, Any]
    expires_on: datetime.date | None
    issued_on: datetime.date | None
    lost: bool = False
    # The barcode's in-file key (moving.seen) and the new patron's and
    # card's rows encoded for COPY but for their late columns
    # (copying.Encoder), computed where the line was read.
    key: int | None = None
    patron_row: bytes | None = None
    card_row: bytes | None = None


def _date(value: str, column: str) -> datetime.date | None:
    value = value.strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(f"bad date in {column} (expected YYYY-MM-DD)") from None


def _text(value: str, column: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise RowError(f"{column} is longer than {limit} characters")
    return value


class PatronImporter:
    kind = "patrons"
    unit = "line"
    # The tables a move-in loads (runner: their secondary indexes are built
    # at the end), and about how many bytes of a file make one of their rows.
    tables = (Patron, Card)
    row_bytes = 75
    # A move-in from 10,000 rows (5,000 patrons): into empty tables,
    # building their indexes and checking their foreign keys once at the
    # end beat updating them row by row at 5,000 patrons already (0.33-0.37
    # s against 0.43 s) and at 18,630 (1.05-1.08 s against 1.28-1.30 s).
    move_in_rows = 10_000
    # Lines per batch (the command's default; --batch-size overrides it): a
    # patron line is small, and a batch's statements, commit and checkpoint
    # cost the same for 1,000 lines as for 5,000 (18,630 patrons: 0.74-0.76
    # s against 0.80-0.84 s in-process). A stopped run redoes at most one.
    batch_size = 5000
    # Where no process can read ahead (reading.Forked), lines are read in
    # the importing thread, not in a thread of their own (reading.Prefetch):
    # the two threads took turns under the GIL rather than overlapping with
    # PostgreSQL's work. 186,040 patrons in-process: 8.07 s and 4.79 s of
    # CPU read here, 8.59 s and 5.34 s with the thread.
    prefetch_thread = False
    # The statistics its look-ups need while the tables fill (runner): the
    # card barcodes' only. Nothing here looks a patron up by a column, and
    # ANALYZE of every column of both tables was a tenth of a 20,000-patron
    # import.
    analyzed = ((Card, ("barcode",)),)

    def __init__(
        self,
        *,
        columns: Mapping[str, str] | None = None,
        categories: Mapping[str, str] | None = None,
        delimiter: str = ",",
    ) -> None:
        self.columns = {**KOHA_LAYOUT, **(columns or {})}
        self.categories = {
            **DEFAULT_CATEGORIES,
            **{k.upper(): v for k, v in (categories or {}).items()},
        }
        self.delimiter = delimiter
        # Our field -> the file's column ("" for none), read once per row.
        self._names = tuple(KOHA_LAYOUT)
        self._columns = tuple(self.columns.get(name, "") for name in KOHA_LAYOUT)
        self.branches = {b.code.upper(): b.pk for b in Branch.objects.all()}
        self.card_scheme = barcodes.schemes()[0]
        # New rows are encoded for COPY where they are read (PostgreSQL).
        self.patron_rows: copying.Encoder | None = None
        self.card_rows: copying.Encoder | None = None
        if copying.postgres():
            self.patron_rows = copying.Encoder(Patron, PATRON_LATE)
            self.card_rows = copying.Encoder(Card, CARD_LATE)
        # The barcodes read so far, in the database: a barcode on two lines
        # of one file is refused the second time, in flat memory.
        self.in_file = seen.InFile()

    def begin(self, run: ImportRun) -> None:
        self.in_file.bind(run.pk)

    def entries(self, handle: IO[bytes]) -> Iterator[Entry]:
        """Each line parsed (a `PatronRow`, or the reason it is refused)
        against the card scheme read when the import started, with no
        query (a runner may call this in a reading thread). A line whose
        barcode that scheme does not take comes as read: `apply` parses it
        whole, where the validator may read the library's schemes and say
        why it is refused."""
        required = [self.columns[name] for name in REQUIRED]
        lines = read_csv(handle, required=required, delimiter=self.delimiter)
        scheme = self.card_scheme
        for entry in lines:
            if entry.error:
                yield entry
                continue
            try:
                row = self.parse(entry, scheme, defer=True)
            except RowError as exc:
                yield Entry(entry.number, error=str(exc))
                continue
            if row is None:
                yield entry
                continue
            row.key = seen.digest(row.barcode)
            if self.patron_rows is not None and self.card_rows is not None:
                row.patron_row = self.patron_rows.encode(row.fields)
                row.card_row = self.card_rows.encode(_new_card(row))
            yield Entry(entry.number, data=row)

    def _values(self, data: dict[str, str]) -> dict[str, str]:
        """Every field's cell of one row ("" where the file has no such
        column), in one pass over the layout."""
        values = dict(zip(self._names, map(data.get, self._columns, _BLANKS), strict=False))
        # A cell this desk's own export marked against spreadsheet formulas
        # (kernel.tabular) is read back as the text it was; the joined
        # cells tell at once whether any cell starts with the marker.
        if _SEPARATOR + tabular.MARKER in _SEPARATOR + _SEPARATOR.join(values.values()):
            for name, value in values.items():
                if (
                    value
                    and value[0] == tabular.MARKER
                    and (tabular.needs_marker(value[1:]) or value[1:].startswith(tabular.MARKER))
                ):
                    values[name] = tabular.restore(value)
        return values

    @overload
    def parse(
        self,
        entry: Entry,
        card_scheme: barcodes.Scheme | None = ...,
        *,
        defer: Literal[False] = ...,
    ) -> PatronRow: ...

    @overload
    def parse(
        self, entry: Entry, card_scheme: barcodes.Scheme | None, *, defer: bool
    ) -> PatronRow | None: ...

    def parse(
        self, entry: Entry, card_scheme: barcodes.Scheme | None = None, *, defer: bool = False
    ) -> PatronRow | None:
        """The row's values, or RowError with a plain reason. `card_scheme`
        (the library's) checks a good barcode without reading the schemes
        again; a refused one is explained by the validator, or with
        `defer` (no database here) the row is left to be parsed again
        without it: None."""
        get = self._values(entry.data)
        columns = self.columns
        barcode = get["card_barcode"].strip()
        if not barcode:
            raise RowError("no card barcode")
        if card_scheme is None or not card_scheme.matches(barcode):
            if defer:
                return None
            try:
                barcodes.validate_card_barcode(barcode)
            except ValidationError as exc:
                raise RowError(f"card barcode refused: {exc.messages[0]}") from None
        branch_id = self.branches.get(get["branch"].strip().upper())
        if branch_id is None:
            raise RowError("unknown branch code")
        category = self.categories.get(get["category"].strip().upper())
        if category is None:
            raise RowError("unknown patron category code")
        last_name = _text(get["last_name"], columns["last_name"], 100)
        if not last_name:
            raise RowError("no surname")
        email = _text(get["email"], columns["email"], 254)
        if email:
            try:
                _validate_email(email)
            except ValidationError:
                raise RowError("the e-mail address is not one") from None
        street = " ".join(
            part.strip()
            for part in (get["street_number"], get["address"], get["address2"])
            if part.strip()
        )
        keeps = get["privacy"].strip() == KOHA_KEEP_HISTORY
        fields = {
            "first_name": _text(get["first_name"], columns["first_name"], 100),
            "last_name": last_name,
            "date_of_birth": _date(get["date_of_birth"], columns["date_of_birth"]),
            "category": category,
            "email": email,
            "phone": _text(get["phone"] or get["mobile"], columns["phone"], 40),
            "address_line": _text(street, columns["address"], 200),
            "city": _text(get["city"], columns["city"], 100),
            "postal_code": _text(get["postal_code"], columns["postal_code"], 20),
            "home_branch_id": branch_id,
            "keeps_loan_history": keeps,
            "notes": get["notes"].strip(),
        }
        return PatronRow(
            number=entry.number,
            barcode=barcode,
            fields=fields,
            expires_on=_date(get["expires"], columns["expires"]),
            issued_on=_date(get["enrolled"], columns["enrolled"]),
            lost=get["lost"].strip() not in ("", "0"),
        )

    def apply(self, entries: list[Entry]) -> Outcome:
        outcome = Outcome()
        parsed: list[PatronRow] = []
        card_scheme = barcodes.schemes()[0]
        for entry in entries:
            if isinstance(entry.data, PatronRow):
                parsed.append(entry.data)
                continue
            try:
                parsed.append(self.parse(entry, card_scheme))
            except RowError as exc:
                outcome.rejected.append((entry.number, str(exc)))
        earlier = self.in_file.earlier(
            seen.CARD, [(row.barcode, row.number) for row in parsed], [row.key for row in parsed]
        )
        rows: list[PatronRow] = []
        for row, first in zip(parsed, earlier, strict=True):
            if first is not None:
                outcome.rejected.append((row.number, f"duplicate barcode (also on line {first})"))
                continue
            rows.append(row)
        wanted = [row.barcode for row in rows]
        # One statement each tells which barcodes are items' and which are
        # cards already; only those cards (a re-run) are loaded whole.
        items = copying.existing(Item._meta.db_table, "barcode", wanted)
        known = copying.existing(Card._meta.db_table, "barcode", wanted)
        cards = (
            {
                card.barcode: card
                for card in Card.objects.filter(barcode__in=list(known)).select_related("patron")
            }
            if known
            else {}
        )
        now = clock.now()
        today = clock.server_day()
        new_rows: list[PatronRow] = []
        changed: list[Patron] = []
        changed_cards: list[Card] = []
        for row in rows:
            if row.barcode in items:
                outcome.rejected.append((row.number, "the barcode is an item's barcode"))
                continue
            card = cards.get(row.barcode)
            if card is None:
                new_rows.append(row)
                continue
            patron = card.patron
            differs = [f for f in PATRON_FIELDS if getattr(patron, f) != row.fields[f]]
            if differs:
                for name in differs:
                    setattr(patron, name, row.fields[name])
                patron.updated_at = now
                changed.append(patron)
            if row.expires_on and card.expires_on != row.expires_on:
                card.expires_on = row.expires_on
                changed_cards.append(card)
            if differs or card in changed_cards:
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        if new_rows and self.patron_rows is not None and self.card_rows is not None:
            self._encode(new_rows, now, today)
        elif new_rows:
            self._create(new_rows, now, today)
        outcome.created += len(new_rows)
        if changed:
            Patron.objects.bulk_update(changed, [*PATRON_FIELDS, "updated_at"])
        if changed_cards:
            Card.objects.bulk_update(changed_cards, ["expires_on"])
        return outcome

    def _encode(self, rows: list[PatronRow], now: datetime.datetime, today: datetime.date) -> None:
        """New patrons and their cards on PostgreSQL: each row as encoded
        where it was read (or here, for a line parsed here), behind its late
        columns."""
        assert self.patron_rows is not None and self.card_rows is not None
        patrons = copying.Encoded(self.patron_rows)
        cards = copying.Encoded(self.card_rows)
        patron_ids = copying.new_ids(Patron, len(rows))
        card_ids = copying.new_ids(Card, len(rows))
        for patron_id, card_id, row in zip(patron_ids, card_ids, rows, strict=True):
            keeps_since = now if row.fields["keeps_loan_history"] else None
            patrons.add(
                (patron_id, keeps_since, now, now),
                row.patron_row or self.patron_rows.encode(row.fields),
            )
            issued = row.issued_on or today
            cards.add(
                (card_id, patron_id, issued, row.expires_on or _default_expiry(issued), now),
                row.card_row or self.card_rows.encode(_new_card(row)),
            )
        patrons.write()
        cards.write()

    @staticmethod
    def _create(rows: list[PatronRow], now: datetime.datetime, today: datetime.date) -> None:
        """New patrons and their cards: rows of values, no model instance
        per row (copying.Rows)."""
        patrons = copying.Rows(Patron, created_at=now, updated_at=now)
        ids = copying.new_ids(Patron, len(rows))
        for pk, row in zip(ids, rows, strict=True):
            values = {"id": pk, **row.fields}
            if row.fields["keeps_loan_history"]:
                values["keeps_loan_history_since"] = now
            patrons.add(values)
        patrons.write()
        patron_id = patrons.position["id"]
        cards = copying.Rows(Card, status_changed_at=now)
        card_ids = copying.new_ids(Card, len(rows))
        for pk, row, patron in zip(card_ids, rows, patrons.rows, strict=True):
            issued = row.issued_on or today
            cards.add(
                {
                    "id": pk,
                    "patron_id": patron[patron_id],
                    "barcode": row.barcode,
                    "issued_on": issued,
                    "expires_on": row.expires_on or _default_expiry(issued),
                    "status": Card.Status.LOST if row.lost else Card.Status.ACTIVE,
                }
            )
        cards.write()


def _new_card(row: PatronRow) -> dict[str, Any]:
    """A new card's early columns (the rest: CARD_LATE)."""
    return {"barcode": row.barcode, "status": Card.Status.LOST if row.lost else Card.Status.ACTIVE}


def _default_expiry(issued: datetime.date) -> datetime.date:
    try:
        return issued.replace(year=issued.year + 3)
    except ValueError:  # 29 February
        return issued.replace(year=issued.year + 3, day=28)
