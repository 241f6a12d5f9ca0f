"""Loans now out, holds and open fees from CSV: checked against the rules,
an overdue loan kept and shown as overdue, a second run changes nothing."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from circulation.models import Fee, Hold, Item, Loan
from organisation import clock
from tests import factories

pytestmark = pytest.mark.django_db


def run(command: str, path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_loans_now_out_are_kept_even_overdue_and_the_report_says_so(tmp_path, branch):
    # An id no line number or count of this report can spell, so that its
    # absence says the report names no patron (a small id matched "line 5").
    card = factories.CardFactory(patron=factories.PatronFactory(pk=7_340_261, home_branch=branch))
    on_time, late, taken = factories.ItemFactory(), factories.ItemFactory(), factories.ItemFactory()
    other = factories.CardFactory()
    factories.LoanFactory(item=taken, patron=other.patron, card=other, branch=branch)
    path = tmp_path / "loans.csv"
    path.write_text(
        "itembarcode,cardnumber,branchcode,checked_out,due\n"
        f"{on_time.barcode},{card.barcode},main,2026-11-01,2099-01-31\n"
        f"{late.barcode},{card.barcode},main,2020-01-02T10:00:00-05:00,2020-01-23\n"
        f"{taken.barcode},{card.barcode},main,2026-11-01,2099-01-31\n"
        f"99999,{card.barcode},main,2026-11-01,2099-01-31\n"
        f"{factories.ItemFactory().barcode},{card.barcode},main,2026-11-01,soon\n"
        f"{factories.ItemFactory().barcode},{card.barcode},main,2026-11-05,2026-11-01\n"
    )
    report = run("import_loans", path, "--commit")
    assert "line 3: note: overdue: kept, shown as overdue" in report
    assert "line 4: rejected: the item is already on loan to another card" in report
    assert "line 5: rejected: unknown item barcode" in report
    assert "line 6: rejected: bad date in due" in report
    assert "line 7: rejected: due before it was checked out" in report
    assert "6 read, 2 created, 0 updated, 0 unchanged, 4 rejected" in report
    overdue = Loan.objects.get(item=late)
    assert overdue.returned_at is None and overdue.patron == card.patron
    # A bare due date is the last minute of that day at the branch.
    assert clock.local_day(branch, overdue.due_at).isoformat() == "2020-01-23"
    assert Item.objects.get(pk=late.pk).status == Item.Status.ON_LOAN
    assert str(card.patron.pk) not in report and card.barcode not in report

    again = run("import_loans", path, "--commit")
    assert "2 unchanged" in again
    assert Loan.objects.filter(card=card).count() == 2


def test_a_loan_on_an_expired_card_is_kept_and_noted(tmp_path, branch, patron):
    import datetime

    expired = factories.CardFactory(patron=patron, expires_on=datetime.date(2020, 1, 1))
    item = factories.ItemFactory()
    path = tmp_path / "loans.csv"
    path.write_text(
        "itembarcode,cardnumber,branchcode,checked_out,due\n"
        f"{item.barcode},{expired.barcode},main,2026-11-01,2099-01-31\n"
    )
    report = run("import_loans", path, "--commit")
    assert "line 2: note: breaks a rule (card_expired): kept" in report
    assert Loan.objects.filter(item=item).exists()


def test_title_and_copy_level_holds_and_open_fees(tmp_path, branch, card):
    copy = factories.ItemFactory()
    other = factories.ItemFactory()
    other.title_record.source_record_number = "koha-77"
    other.title_record.save()
    holds = tmp_path / "holds.csv"
    holds.write_text(
        "cardnumber,itembarcode,record_number,pickup_branchcode,placed,level\n"
        f"{card.barcode},{copy.barcode},,main,2026-11-02,copy\n"
        f"{card.barcode},,koha-77,main,2026-11-03,title\n"
        f"{card.barcode},,nope,main,2026-11-03,title\n"
    )
    report = run("import_holds", holds, "--commit")
    assert "line 4: rejected: unknown record number" in report
    assert "2 created" in report
    title_hold = Hold.objects.get(title_record=other.title_record)
    assert (title_hold.level, title_hold.item, title_hold.status) == ("title", None, "waiting")
    assert Hold.objects.get(item=copy).level == "copy"
    assert "2 unchanged" in run("import_holds", holds, "--commit")

    fees = tmp_path / "fees.csv"
    fees.write_text(
        "cardnumber,itembarcode,branchcode,kind,amount,created\n"
        f"{card.barcode},,main,overdue,1.50,2026-10-01\n"
        f"{card.barcode},,main,parking,1.50,2026-10-01\n"
        f"{card.barcode},,main,other,-3,2026-10-01\n"
    )
    report = run("import_fees", fees, "--commit")
    assert "line 3: rejected: unknown fee kind" in report
    assert "line 4: rejected: bad amount" in report
    fee = Fee.objects.get()
    assert (fee.kind, str(fee.amount), fee.status) == ("overdue", "1.50", "open")
    assert "1 unchanged" in run("import_fees", fees, "--commit")


def test_a_title_hold_with_no_record_number_names_no_title(tmp_path, card):
    """Titles made at the desk have no source record number: a row with
    neither a copy nor a number must not land on one of them."""
    desk_made = factories.ItemFactory().title_record
    assert desk_made.source_record_number == ""
    holds = tmp_path / "holds.csv"
    holds.write_text(
        "cardnumber,itembarcode,record_number,pickup_branchcode,placed,level\n"
        f"{card.barcode},,,main,2026-11-03,title\n"
    )
    report = run("import_holds", holds, "--commit")
    assert "line 2: rejected: unknown record number" in report
    assert not Hold.objects.exists()


def test_a_record_number_two_sources_share_is_refused_unless_the_source_is_named(tmp_path, card):
    """A library that imported two systems' catalogues may hold "1001" in
    each: a hold on "1001" is not put on whichever title comes first."""
    koha = factories.ItemFactory().title_record
    evergreen = factories.ItemFactory().title_record
    for title, source in ((koha, "koha"), (evergreen, "evergreen")):
        title.source_system, title.source_record_number = source, "1001"
        title.save()
    holds = tmp_path / "holds.csv"
    holds.write_text(
        "cardnumber,itembarcode,record_number,pickup_branchcode,placed,level\n"
        f"{card.barcode},,1001,main,2026-11-03,title\n"
    )
    report = run("import_holds", holds, "--commit")
    assert "line 2: rejected: record number held by titles of more than one source" in report
    assert not Hold.objects.exists()

    report = run("import_holds", holds, "--commit", "--source", "evergreen")
    assert "1 created" in report
    assert Hold.objects.get().title_record == evergreen
    report = run("import_holds", holds, "--commit", "--source", "other")
    assert "line 2: rejected: unknown record number" in report


def test_loan_history_only_of_opted_in_patrons_and_retention_runs_at_once(tmp_path, branch):
    from retention.models import ExpungeRun
    from retention.services import retention_expunge

    keeps = factories.CardFactory(patron=factories.PatronFactory(keeps_loan_history=True))
    declines = factories.CardFactory()
    item = factories.ItemFactory()
    path = tmp_path / "loan_history.csv"
    path.write_text(
        "itembarcode,cardnumber,branchcode,checked_out,due,returned\n"
        f"{item.barcode},{keeps.barcode},main,2026-10-01,2026-10-22,2026-10-20\n"
        f"{item.barcode},{declines.barcode},main,2026-09-01,2026-09-22,2026-09-20\n"
    )
    dry = run("import_loans", path, "--history")
    assert "1 would be created" in dry and not Loan.objects.exists()
    retention_expunge(as_of=clock.server_day() - datetime.timedelta(days=1))

    report = run("import_loans", path, "--history", "--commit")
    assert "line 3: rejected: the patron has not chosen to keep a loan history" in report
    assert "1 created" in report
    assert "Retention applied at once" in report
    # A full pass, even with last night's run on record: a nightly pass would
    # read only what fell due since that run's bounds, not loans returned
    # before them, as imported history is.
    run_after = ExpungeRun.objects.filter(dry_run=False).latest("pk")
    assert run_after.full_pass
    kept = Loan.objects.get(card=keeps)
    assert kept.returned_at is not None and kept.patron == keeps.patron
    assert not Loan.objects.filter(card=declines).exists()
    assert Item.objects.get(pk=item.pk).status == item.status
    assert "1 unchanged" in run("import_loans", path, "--history", "--commit")
