"""Moving out: the export follows patrons' privacy choices and is logged as
an access by the operator. The round trip (export, empty, import, compare
table by table) is `test_round_trip.py`."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from organisation.roles import Role
from patrons.models import Card, Patron
from tests import factories

pytestmark = pytest.mark.django_db


def seed(branch, other_branch) -> None:
    """A small library: patrons with and without history, a lost card, a
    de-identified patron, titles with several copies, a loan, a hold, a fee."""
    keeps = factories.PatronFactory(
        home_branch=branch,
        keeps_loan_history=True,
        email="keeps@example.org",
        phone="555-0100",
        address_line="1 Main St",
        city="Albany",
        postal_code="12207",
        date_of_birth=datetime.date(1984, 2, 29),
        notes="=SUM(A1)",  # a formula-looking note survives the CSV
    )
    factories.CardFactory(patron=keeps)
    plain = factories.PatronFactory(home_branch=other_branch, category="juvenile")
    factories.CardFactory(patron=plain)
    lost = factories.PatronFactory(home_branch=branch, category="senior")
    factories.CardFactory(patron=lost, status=Card.Status.LOST)
    gone = factories.PatronFactory(home_branch=branch, deidentified_at=timezone.now())
    factories.CardFactory(patron=gone)
    novel = factories.TitleFactory(title="Things Fall Apart", author="Achebe, Chinua", year=1958)
    for n, where in enumerate((branch, other_branch, branch)):
        factories.ItemFactory(
            title_record=novel,
            title=novel.title,
            author=novel.author,
            home_branch=where,
            call_number=f"FIC ACH {n}",
        )
    dvd = factories.TitleFactory(title="Black Orpheus", author="", format="dvd")
    disc = factories.ItemFactory(
        title_record=dvd, title=dvd.title, author="", format="dvd", home_branch=branch
    )
    loaned = factories.LoanFactory(
        patron=keeps, item=novel.copies.first(), branch=branch, card=keeps.cards.first()
    )
    factories.LoanFactory(
        patron=keeps,
        item=disc,
        branch=branch,
        card=keeps.cards.first(),
        returned_at=timezone.now(),
    )
    factories.LoanFactory(
        patron=plain, item=novel.copies.last(), branch=branch, returned_at=timezone.now()
    )
    factories.HoldFactory(patron=plain, item=disc)
    factories.FeeFactory(patron=keeps, loan=loaned, branch=branch)


def export(folder: Path, operator: str) -> str:
    out = io.StringIO()
    call_command("export_library", str(folder), f"--operator={operator}", stdout=out)
    return out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_export_follows_privacy_choices_and_is_logged_as_an_access(
    tmp_path, branch, other_branch, director
):
    seed(branch, other_branch)
    export(tmp_path, director.username)
    exported = read_csv(tmp_path / "patrons.csv")
    gone = Patron.objects.get(deidentified_at__isnull=False)
    assert gone.cards.get().barcode not in {row["cardnumber"] for row in exported}
    # Loan history only of the patron who chose to keep it.
    history = read_csv(tmp_path / "loan_history.csv")
    keeps = Patron.objects.get(keeps_loan_history=True)
    assert [row["cardnumber"] for row in history] == [keeps.cards.get().barcode]
    assert len(read_csv(tmp_path / "loans.csv")) == 1
    assert len(read_csv(tmp_path / "holds.csv")) == 1
    assert len(read_csv(tmp_path / "fees.csv")) == 1
    accesses = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=director, additional_data__record="library_export"
    )
    assert sorted(int(e.object_pk) for e in accesses) == sorted(
        Patron.objects.filter(deidentified_at__isnull=True).values_list("pk", flat=True)
    )


def test_only_a_director_may_export(tmp_path, make_staff, branch):
    admin = make_staff(Role.ADMINISTRATOR, username="t-admin")
    with pytest.raises(CommandError, match="Refused"):
        export(tmp_path, admin.username)
    with pytest.raises(CommandError, match="Refused"):
        export(tmp_path, "nobody")
    assert not (tmp_path / "patrons.csv").exists()
