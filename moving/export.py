"""Moving out: the library's own data in the formats the imports read, so
that another system (or this one, elsewhere) can take it in.

Files written to one folder:

- `patrons.csv`: Koha's patron import columns (the ones `import_patrons`
  reads), one row per patron with their active card, else their latest
  card marked `lost`. De-identified patrons are left out.
- `titles.mrc`: MARC 21 (UTF-8 ISO 2709), each title's record as received
  (or one built from the title) with its copies as Koha 952 fields.
- `loans.csv`, `holds.csv`, `fees.csv`: what is open now, by card and item
  barcode: loans with their renewals, holds in queue order with their
  level, state (waiting, in transit, on the hold shelf) and copy, fees.
- `loan_history.csv`: returned loans, only of patrons who chose to keep
  their history (the privacy choice the history exists by).

A patron is known in every file by the one card `patrons.csv` gives them
(their active card, else their latest), so every row refers to a card the
import knows. A copy's state travels as the other system would keep it:
lost, missing and withdrawn in its 952 ($1, $0), on loan by its loan, in
transit or on the hold shelf by the hold it is set aside for.

Every patron whose record leaves is logged as an access by the operator
(`library_export` on their access report), in the same transaction as the
reading, so a failed export logs nothing. CSV goes through
`kernel.tabular`, the one writer of CSV.
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pymarc
from django.db import transaction
from django.db.models import Case, OuterRef, Subquery, Value, When

from catalogue.models import MarcSyntax, Title
from circulation.models import Fee, Hold, Item, Loan
from kernel import tabular
from moving import readers
from organisation.users import StaffUser
from patrons.models import Card, Patron
from privacy.services import patron_access_log

EXPORT_ACCESS = "library_export"

PATRON_COLUMNS = (
    "cardnumber",
    "surname",
    "firstname",
    "dateofbirth",
    "branchcode",
    "categorycode",
    "email",
    "phone",
    "address",
    "city",
    "zipcode",
    "dateenrolled",
    "dateexpiry",
    "borrowernotes",
    "privacy",
    "lost",
)
FORMAT_LEADER = {
    "book": ("a", "m"),
    "magazine": ("a", "s"),
    "dvd": ("g", "m"),
    "audiobook": ("i", "m"),
    "game": ("m", "m"),
    "equipment": ("r", "m"),
}
CHUNK = 2000
# Koha's LOST authorised values: 1 lost, 4 missing.
KOHA_LOST = {Item.Status.LOST: "1", Item.Status.MISSING: "4"}
HOLD_COLUMNS = (
    "cardnumber",
    "itembarcode",
    "record_number",
    "pickup_branchcode",
    "placed",
    "level",
    "status",
    "ready",
    "pickup_by",
)


@dataclass
class ExportReport:
    files: dict[str, int] = field(default_factory=dict)
    patrons_logged: int = 0


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime.datetime | None) -> str:
    return value.isoformat() if value else ""


def _write_csv(path: str, columns: Iterable[str], rows: Iterable[list[Any]]) -> int:
    count = 0

    def counted() -> Iterator[list[Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in tabular.csv_lines(list(columns), counted()):
            handle.write(chunk)
    return count


def _card_of(patron: Patron, cards: list[Card]) -> tuple[Card | None, bool]:
    active = [c for c in cards if c.status == Card.Status.ACTIVE]
    if active:
        return max(active, key=lambda c: (c.issued_on, c.pk)), False
    return (cards[0], True) if cards else (None, False)


def exported_card(patron_id: Any) -> Subquery:
    """The barcode of the card `patrons.csv` gives the patron `patron_id`
    (an OuterRef): the active card, else the latest (by issue day, then
    id); none for a de-identified patron. Asked row by row in SQL, so the
    export keeps no map of every patron's card in memory."""
    active_first = Case(When(status=Card.Status.ACTIVE, then=Value(1)), default=Value(0))
    return Subquery(
        Card.objects.filter(patron_id=patron_id, patron__deidentified_at__isnull=True)
        .order_by(active_first.desc(), "-issued_on", "-pk")
        .values("barcode")[:1]
    )


def exported_cards() -> dict[int, str]:
    """Each exported patron's card barcode (`exported_card`), by patron."""
    patrons = Patron.objects.annotate(card=exported_card(OuterRef("pk"))).filter(card__isnull=False)
    return dict(patrons.values_list("pk", "card"))


def _patron_rows(acting_user: StaffUser, report: ExportReport) -> Iterator[list[Any]]:
    patrons = (
        Patron.objects.filter(deidentified_at__isnull=True)
        .select_related("home_branch")
        .prefetch_related("cards")
        .order_by("pk")
    )
    for patron in patrons.iterator(chunk_size=CHUNK):
        cards = sorted(patron.cards.all(), key=lambda c: (c.issued_on, c.pk), reverse=True)
        card, lost = _card_of(patron, cards)
        if card is None:
            continue
        patron_access_log(patron=patron, acting_user=acting_user, kind=EXPORT_ACCESS)
        report.patrons_logged += 1
        yield [
            card.barcode,
            patron.last_name,
            patron.first_name,
            _day(patron.date_of_birth),
            patron.home_branch.code,
            patron.category,
            patron.email,
            patron.phone,
            patron.address_line,
            patron.city,
            patron.postal_code,
            _day(card.issued_on),
            _day(card.expires_on),
            patron.notes,
            "0" if patron.keeps_loan_history else "1",
            "1" if lost else "",
        ]


def title_record(title: Title, copies: list[Item]) -> pymarc.Record:
    """The title as MARC 21 with its copies in 952: the record as received
    (its own 952 and 852 replaced), or one built from the title."""
    record = None
    raw = bytes(title.marc_record or b"")
    if raw:
        reader = (
            readers.read_marcxml if title.marc_syntax == MarcSyntax.MARCXML else readers.read_marc
        )
        entries = [e for e in reader(io.BytesIO(raw)) if not e.error]
        if entries:
            record = entries[0].data[0]
            record.remove_fields("952", "852")
    if record is None:
        record = _built(title)
    for copy in copies:
        subfields = [
            pymarc.Subfield("a", copy.home_branch.code),
            pymarc.Subfield("p", copy.barcode),
            pymarc.Subfield("o", copy.call_number),
            pymarc.Subfield("v", str(copy.replacement_cost)),
        ]
        if copy.shelving_location:
            subfields.append(pymarc.Subfield("c", copy.shelving_location))
        if copy.status in KOHA_LOST:
            subfields.append(pymarc.Subfield("1", KOHA_LOST[Item.Status(copy.status)]))
        if copy.status == Item.Status.WITHDRAWN:
            subfields.append(pymarc.Subfield("0", "1"))
        record.add_field(
            pymarc.Field(tag="952", indicators=pymarc.Indicators(" ", " "), subfields=subfields)
        )
    return record


def _built(title: Title) -> pymarc.Record:
    record = pymarc.Record(force_utf8=True)
    kind, level = FORMAT_LEADER.get(title.format, ("a", "m"))
    leader = list(str(record.leader))
    leader[6], leader[7], leader[9] = kind, level, "a"
    record.leader = pymarc.Leader("".join(leader))
    year = f"{title.year:04d}" if title.year else "    "
    language = (title.language or "   ").ljust(3)[:3]
    record.add_field(
        pymarc.Field(tag="001", data=title.source_record_number or f"lsd-{title.pk}"),
        pymarc.Field(tag="008", data=f"      s{year}    xx            000 0 {language} d"),
    )

    def data(tag: str, ind: str, code: str, value: str) -> None:
        if value:
            record.add_field(
                pymarc.Field(
                    tag=tag,
                    indicators=pymarc.Indicators(ind[0], ind[1]),
                    subfields=[pymarc.Subfield(code, value)],
                )
            )

    data("020", "  ", "a", title.isbn)
    data("022", "  ", "a", title.issn)
    data("100", "1 ", "a", title.author)
    data("245", "00", "a", title.title)
    data("264", " 1", "b", title.publisher)
    return record


def _write_marc(path: str) -> int:
    count = 0
    titles = Title.objects.order_by("pk").prefetch_related("copies__home_branch")
    with open(path, "wb") as handle:
        for title in titles.iterator(chunk_size=CHUNK):
            copies = sorted(title.copies.all(), key=lambda c: c.pk)
            handle.write(title_record(title, copies).as_marc())
            count += 1
    return count


def _loan_rows(returned: bool) -> Iterator[list[Any]]:
    loans = (
        Loan.objects.select_related("item", "card", "branch")
        .annotate(exported_card=exported_card(OuterRef("patron_id")))
        .order_by("pk")
    )
    if returned:
        loans = loans.filter(
            returned_at__isnull=False,
            patron__keeps_loan_history=True,
            patron__deidentified_at__isnull=True,
        )
    else:
        loans = loans.filter(returned_at__isnull=True)
    for loan in loans.iterator(chunk_size=CHUNK):
        # The card the import will know: a loan made on a card since
        # replaced comes back under the patron's exported card.
        card = loan.exported_card or (loan.card.barcode if loan.card else "")
        row = [
            loan.item.barcode,
            card,
            loan.branch.code,
            _moment(loan.checked_out_at),
            _moment(loan.due_at),
            loan.renewals,
        ]
        yield row + ([_moment(loan.returned_at)] if returned else [])


def _hold_status(hold: Hold) -> str:
    """The hold's state as exported. A copy-level hold waits while its copy
    travels to the pickup branch (`circulation.holds`); it is exported as
    in transit, as Koha keeps such a hold, so the copy's state comes back."""
    if (
        hold.level == Hold.Level.COPY
        and hold.status == Hold.Status.WAITING
        and hold.item is not None
        and hold.item.status == Item.Status.IN_TRANSIT
    ):
        return Hold.Status.IN_TRANSIT
    return hold.status


def _hold_rows() -> Iterator[list[Any]]:
    """Open holds in queue order (placed, then id), so that an import in
    file order keeps the queue."""
    holds = (
        Hold.objects.filter(status__in=Hold.OPEN_STATUSES)
        .select_related("item", "title_record", "pickup_branch")
        .annotate(exported_card=exported_card(OuterRef("patron_id")))
        .order_by("placed_at", "pk")
    )
    for hold in holds.iterator(chunk_size=CHUNK):
        yield [
            hold.exported_card or "",
            hold.item.barcode if hold.item is not None else "",
            hold.title_record.source_record_number or f"lsd-{hold.title_record_id}",
            hold.pickup_branch.code,
            _moment(hold.placed_at),
            hold.level,
            _hold_status(hold),
            _moment(hold.ready_at),
            _day(hold.pickup_by),
        ]


def _fee_rows() -> Iterator[list[Any]]:
    fees = (
        Fee.objects.filter(status=Fee.Status.OPEN)
        .select_related("loan__item", "branch")
        .annotate(exported_card=exported_card(OuterRef("patron_id")))
        .order_by("pk")
    )
    for fee in fees.iterator(chunk_size=CHUNK):
        yield [
            fee.exported_card or "",
            fee.loan.item.barcode if fee.loan is not None else "",
            fee.branch.code,
            fee.kind,
            str(fee.amount),
            _moment(fee.created_at),
        ]


@transaction.atomic
def library_export(*, folder: str, acting_user: StaffUser) -> ExportReport:
    """Write the library's data to `folder` (created if missing) and log
    each exported patron as an access by `acting_user`. The caller has
    checked `moving.policies.can_export_library`."""
    os.makedirs(folder, exist_ok=True)
    report = ExportReport()
    files = report.files
    files["patrons.csv"] = _write_csv(
        os.path.join(folder, "patrons.csv"), PATRON_COLUMNS, _patron_rows(acting_user, report)
    )
    files["titles.mrc"] = _write_marc(os.path.join(folder, "titles.mrc"))
    loan_columns = ["itembarcode", "cardnumber", "branchcode", "checked_out", "due", "renewals"]
    files["loans.csv"] = _write_csv(
        os.path.join(folder, "loans.csv"), loan_columns, _loan_rows(False)
    )
    files["loan_history.csv"] = _write_csv(
        os.path.join(folder, "loan_history.csv"),
        [*loan_columns, "returned"],
        _loan_rows(True),
    )
    files["holds.csv"] = _write_csv(os.path.join(folder, "holds.csv"), HOLD_COLUMNS, _hold_rows())
    files["fees.csv"] = _write_csv(
        os.path.join(folder, "fees.csv"),
        ["cardnumber", "itembarcode", "branchcode", "kind", "amount", "created"],
        _fee_rows(),
    )
    return report
