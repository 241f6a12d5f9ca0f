"""The round trip (issue 24): a seeded library exported with
`export_library`, emptied, and imported again with the import commands
compares equal table by table: patrons and their cards, titles, copies
(status and shelving location included), loans now out (dates, renewals),
the loan history of patrons who opted in, open holds (title- and
copy-level, queue order, pickup branch, waiting, in transit, on the hold
shelf) and open fees. Rows are compared by natural keys (barcodes, record
numbers, dates, amounts), never by ids.

Left out by design, and asserted below as such (docs/import.md, "What a
round trip keeps"):

- de-identified patrons, and every card but the one each patron is
  exported with (their active card, else their latest);
- a loan made on a card since replaced comes back under the patron's
  exported card;
- returned loans of patrons who did not opt in to a loan history, closed
  holds, paid and waived fees (only what is open now leaves);
- a copy in transit for no hold (its hold was cancelled on the way) comes
  back on the shelf: nothing in the files says where it was going.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, Loan
from moving.export import exported_cards
from patrons.models import Card, Patron
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 15, 30, 12, 345678, tzinfo=datetime.UTC)


def _copy(title: Title, where, n: int, **fields) -> Item:
    return factories.ItemFactory(
        title_record=title,
        title=title.title,
        author=title.author,
        format=title.format,
        home_branch=where,
        call_number=f"{title.title[:3].upper()} {n}",
        **fields,
    )


def seed(branch, other_branch) -> dict[str, object]:
    """A small library with something of every kind the files carry."""
    ago = lambda **kw: NOW - datetime.timedelta(**kw)  # noqa: E731
    keeps = factories.PatronFactory(home_branch=branch, keeps_loan_history=True)
    keeps_card = factories.CardFactory(patron=keeps)
    plain = factories.PatronFactory(home_branch=other_branch, category="juvenile")
    factories.CardFactory(patron=plain)
    lost = factories.PatronFactory(home_branch=branch, category="senior")
    factories.CardFactory(patron=lost, status=Card.Status.LOST)
    # A patron whose first card was replaced; a loan still names the old one.
    renewed = factories.PatronFactory(home_branch=other_branch)
    old_card = factories.CardFactory(
        patron=renewed, status=Card.Status.LOST, issued_on=datetime.date(2020, 1, 6)
    )
    factories.CardFactory(patron=renewed, issued_on=datetime.date(2025, 5, 1))
    gone = factories.PatronFactory(home_branch=branch, deidentified_at=ago(days=400))
    factories.CardFactory(patron=gone)

    novel = factories.TitleFactory(title="Things Fall Apart", author="Achebe, Chinua", year=1958)
    on_loan = _copy(novel, branch, 1, status=Item.Status.ON_LOAN, shelving_location="Fiction")
    travelling = _copy(novel, branch, 2, status=Item.Status.IN_TRANSIT)
    on_shelf = _copy(novel, other_branch, 3, status=Item.Status.ON_HOLD_SHELF)
    _copy(novel, other_branch, 4, status=Item.Status.LOST, shelving_location="Stacks")
    _copy(novel, branch, 5, status=Item.Status.MISSING)
    _copy(novel, branch, 6, status=Item.Status.WITHDRAWN, shelving_location="Book sale")
    dvd = factories.TitleFactory(title="Black Orpheus", author="", format="dvd")
    disc = _copy(dvd, branch, 1, shelving_location="Media")
    disc_going = _copy(dvd, branch, 2, status=Item.Status.IN_TRANSIT)
    stray = _copy(dvd, other_branch, 3, status=Item.Status.IN_TRANSIT)
    poems = factories.TitleFactory(title="Ariel", author="Plath, Sylvia")
    poems_out = _copy(poems, other_branch, 1, status=Item.Status.ON_LOAN)

    loan = factories.LoanFactory(
        patron=keeps,
        item=on_loan,
        branch=branch,
        card=keeps_card,
        checked_out_at=ago(days=40),
        due_at=ago(days=5),  # overdue: kept, shown as overdue
        renewals=2,
    )
    factories.LoanFactory(
        patron=renewed,
        item=poems_out,
        branch=other_branch,
        card=old_card,
        checked_out_at=ago(days=3, hours=2),
        due_at=ago(days=3) + datetime.timedelta(days=21),
    )
    factories.LoanFactory(  # the history of a patron who opted in
        patron=keeps,
        item=disc,
        branch=branch,
        card=keeps_card,
        checked_out_at=ago(days=30),
        due_at=ago(days=23),
        returned_at=ago(days=24, minutes=7),
        renewals=1,
    )
    factories.LoanFactory(  # no history: not opted in
        patron=plain,
        item=on_shelf,
        branch=branch,
        checked_out_at=ago(days=60),
        due_at=ago(days=39),
        returned_at=ago(days=45),
    )

    def hold(patron, title, **fields) -> Hold:
        fields.setdefault("pickup_branch", branch)
        fields.setdefault("placed_at", ago(days=2))
        return factories.HoldFactory(
            patron=patron, title_record=title, patron_category=patron.category, **fields
        )

    # The novel's queue: one copy on the hold shelf, one travelling, two waiting
    # (placed at the same moment: the queue keeps their order).
    hold(
        plain,
        novel,
        level="title",
        item=on_shelf,
        status=Hold.Status.READY,
        pickup_branch=other_branch,
        placed_at=ago(days=9),
        ready_at=ago(days=1),
        pickup_by=datetime.date(2026, 3, 17),
    )
    hold(
        lost,
        novel,
        level="title",
        item=travelling,
        status=Hold.Status.IN_TRANSIT,
        placed_at=ago(days=8),
    )
    hold(renewed, novel, level="title", item=None, placed_at=ago(days=4))
    hold(keeps, dvd, level="copy", item=disc, placed_at=ago(days=4))
    hold(plain, dvd, level="copy", item=disc_going, pickup_branch=other_branch)
    hold(renewed, poems, level="title", item=None, placed_at=ago(days=1))
    hold(keeps, poems, level="title", item=None, placed_at=ago(days=1))
    # Closed ones stay behind.
    hold(lost, dvd, level="copy", item=disc, status=Hold.Status.CANCELLED, closed_at=ago(days=1))

    factories.FeeFactory(
        patron=keeps, loan=loan, branch=branch, amount=Decimal("1.25"), created_at=ago(days=4)
    )
    factories.FeeFactory(
        patron=renewed,
        branch=other_branch,
        kind=Fee.Kind.OTHER,
        amount=Decimal("0.50"),
        created_at=ago(days=20),
    )
    factories.FeeFactory(
        patron=plain,
        branch=branch,
        amount=Decimal("3.00"),
        status=Fee.Status.PAID,
        closed_at=ago(days=2),
        created_at=ago(days=50),
    )
    return {"stray": stray, "gone": gone, "old_card": old_card}


# --- the tables, by natural keys ------------------------------------------------------


def _number(title: Title) -> str:
    return title.source_record_number or f"lsd-{title.pk}"


def tables() -> dict[str, list[tuple]]:
    cards = exported_cards()
    numbers = {t.pk: _number(t) for t in Title.objects.all()}
    patrons = []
    for patron in Patron.objects.filter(deidentified_at__isnull=True).select_related("home_branch"):
        card = Card.objects.get(barcode=cards[patron.pk])
        patrons.append(
            (
                card.barcode,
                card.status,
                card.issued_on,
                card.expires_on,
                patron.first_name,
                patron.last_name,
                patron.date_of_birth,
                patron.category,
                patron.email,
                patron.phone,
                patron.address_line,
                patron.city,
                patron.postal_code,
                patron.home_branch.code,
                patron.keeps_loan_history,
                patron.notes,
            )
        )
    titles = [
        (_number(t), t.title, t.author, t.isbn, t.issn, t.publisher, t.year, t.format, t.language)
        for t in Title.objects.all()
    ]
    copies = [
        (
            i.barcode,
            numbers[i.title_record_id],
            i.title,
            i.author,
            i.call_number,
            i.shelving_location,
            i.format,
            i.home_branch.code,
            i.replacement_cost,
            i.status,
        )
        for i in Item.objects.select_related("home_branch")
    ]

    def loans(returned: bool) -> list[tuple]:
        rows = Loan.objects.filter(returned_at__isnull=not returned)
        if returned:
            rows = rows.filter(patron__keeps_loan_history=True)
        return [
            (
                loan.item.barcode,
                cards[loan.patron_id],
                loan.branch.code,
                loan.checked_out_at,
                loan.due_at,
                loan.returned_at,
                loan.renewals,
                loan.patron_category,
            )
            for loan in rows.select_related("item", "branch")
        ]

    queue_place: dict[int, int] = {}
    holds = []
    for hold in (
        Hold.objects.filter(status__in=Hold.OPEN_STATUSES)
        .select_related("item", "pickup_branch")
        .order_by("placed_at", "pk")
    ):
        place = queue_place[hold.title_record_id] = queue_place.get(hold.title_record_id, 0) + 1
        holds.append(
            (
                numbers[hold.title_record_id],
                place,
                cards[hold.patron_id],
                hold.level,
                hold.item.barcode if hold.item else "",
                hold.pickup_branch.code,
                hold.status,
                hold.placed_at,
                hold.ready_at,
                hold.pickup_by,
            )
        )
    fees = [
        (
            cards[fee.patron_id],
            fee.loan.item.barcode if fee.loan else "",
            fee.branch.code,
            fee.kind,
            fee.amount,
            fee.created_at,
            fee.status,
        )
        for fee in Fee.objects.filter(status=Fee.Status.OPEN).select_related("loan__item", "branch")
    ]
    return {
        "patrons": sorted(patrons),
        "titles": sorted(titles),
        "copies": sorted(copies),
        "loans": sorted(loans(returned=False)),
        "loan_history": sorted(loans(returned=True)),
        "holds": sorted(holds),
        "fees": sorted(fees),
    }


def _run(command: str, path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command(command, str(path), "--commit", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_seeded_library_exported_and_imported_into_an_empty_one_compares_equal(
    tmp_path, branch, other_branch, director
):
    with time_machine.travel(NOW, tick=False):
        left_out = seed(branch, other_branch)
        before = tables()
        out = io.StringIO()
        call_command("export_library", str(tmp_path), f"--operator={director.username}", stdout=out)
        assert "patrons.csv: 4 rows" in out.getvalue()
        assert "holds.csv: 7 rows" in out.getvalue()

        # The empty library: everything the export carries is gone.
        for model in (Fee, Hold, Loan, Item, Title, Card, Patron):
            model.objects.all().delete()

        assert "4 created, 0 updated, 0 unchanged, 0 rejected" in _run(
            "import_patrons", tmp_path / "patrons.csv"
        )
        assert "0 rejected" in _run("import_marc", tmp_path / "titles.mrc")
        loans = _run("import_loans", tmp_path / "loans.csv")
        assert "2 created, 0 updated, 0 unchanged, 0 rejected" in loans
        assert "overdue: kept, shown as overdue" in loans
        assert "1 created" in _run("import_loans", tmp_path / "loan_history.csv", "--history")
        assert "7 created, 0 updated, 0 unchanged, 0 rejected" in _run(
            "import_holds", tmp_path / "holds.csv"
        )
        assert "2 created, 0 updated, 0 unchanged, 0 rejected" in _run(
            "import_fees", tmp_path / "fees.csv"
        )
        after = tables()

    stray = left_out["stray"]
    assert isinstance(stray, Item)
    # By design: the copy travelling for no hold comes back on the shelf.
    expected_copies = [
        (*row[:-1], Item.Status.AVAILABLE) if row[0] == stray.barcode else row
        for row in before["copies"]
    ]
    assert after["copies"] == expected_copies
    for table in ("patrons", "titles", "loans", "loan_history", "holds", "fees"):
        assert after[table] == before[table], table
    # By design: no de-identified patron, no card but the exported one.
    assert not Patron.objects.filter(deidentified_at__isnull=False).exists()
    assert not Card.objects.filter(barcode=left_out["old_card"].barcode).exists()  # type: ignore[attr-defined]
    # By design: only what is open now and the opted-in history.
    assert Loan.objects.filter(returned_at__isnull=False).count() == 1
    assert not Hold.objects.exclude(status__in=Hold.OPEN_STATUSES).exists()
    assert not Fee.objects.exclude(status=Fee.Status.OPEN).exists()
