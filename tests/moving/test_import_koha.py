"""A real Koha file with 952 holdings, written by no one here: Koha's own
sample catalogue (`tests/data/marc/koha/sample_usmarc.mrc`, Koha 2.2,
MARC-8, 2,646 records, 5,112 copies; see its README). Every record is
accounted for: imported, or rejected with a plain reason; so is every copy.

Koha 2.2's framework put the home branch in 952 $b and the replacement
price in $r (today's Koha: $a and $v), so the file is read through the
subfield map, as a library's settings file would say (`MOVING_HOLDINGS`).
Its barcodes are 14 digits starting with 3 without a check digit: the
library's item scheme says so.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue.models import Title
from circulation.models import Item
from moving.readers import read_marc
from patrons import schemes
from patrons.models import BarcodeScheme
from tests import factories

pytestmark = pytest.mark.django_db

FILE = Path(__file__).resolve().parents[1] / "data" / "marc" / "koha" / "sample_usmarc.mrc"
KOHA_22 = {"952": {"barcode": "p", "branch": "b", "price": "r", "lost": "1", "withdrawn": "0"}}
REJECTED = re.compile(r"^record (\d+): rejected: (.+)$", re.MULTILINE)


@pytest.fixture
def koha_library(settings, branch):
    settings.MOVING_HOLDINGS = KOHA_22
    for code in ("MAIN", "LB1", "LB2"):
        factories.BranchFactory(code=code, system=branch.system)
    BarcodeScheme.objects.create(
        system=branch.system,
        applies_to=BarcodeScheme.AppliesTo.ITEM,
        length=14,
        prefix="3",
        check_digit=BarcodeScheme.CheckDigit.NONE,
    )
    schemes.clear()
    yield
    schemes.clear()


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_marc", str(FILE), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_kohas_sample_catalogue_imports_with_every_record_and_copy_accounted_for(
    koha_library,
):
    with FILE.open("rb") as handle:
        entries = list(read_marc(handle))
    unreadable = {e.number for e in entries if e.error}
    assert len(entries) == 2646

    dry = _run("--source", "koha")
    report = _run("--source", "koha", "--commit")
    # The dry run told the truth.
    assert REJECTED.findall(dry) == REJECTED.findall(report)
    assert "2646 read, 7753 would be created, 0 would be updated" in dry

    rejected = REJECTED.findall(report)
    whole = {int(n): reason for n, reason in rejected if not reason.startswith("copy ")}
    of_copies = [(int(n), reason) for n, reason in rejected if reason.startswith("copy ")]
    # Every record: a title, or rejected with its reason.
    assert unreadable <= set(whole)
    assert Title.objects.count() + len(whole) == len(entries)
    # Every copy of a record that became a title: a copy, or rejected with
    # its reason.
    copies_of_titles = sum(
        len(e.data[0].get_fields("952")) for e in entries if e.number not in whole
    )
    assert Item.objects.count() + len(of_copies) == copies_of_titles

    # What the report says of this file.
    assert whole == {
        # 0xC9 is no character of ANSEL (MARC-8's Latin set): a bad byte in
        # the author's name, so the title is left for the cataloguer.
        207: "encoding error in field 100: byte 0xc9 is no character of its MARC-8 set",
        # The file's last record is an ISBN and two local fields, no title.
        2646: "the record has no title (245 $a)",
    }
    assert of_copies == [
        (1773, "copy 3 (952) has no barcode"),
        (1773, "copy 5 (952) has no barcode"),
    ]
    assert (Title.objects.count(), Item.objects.count()) == (2644, 5109)
    assert "2646 read, 7753 created, 0 updated, 0 unchanged, 4 rejected" in report

    # A copy as Koha 2.2 described it: barcode, home branch, price.
    copy = Item.objects.select_related("home_branch", "title_record").get(barcode="34000000013475")
    assert (copy.home_branch.code, copy.replacement_cost) == ("LB2", Decimal("2.00"))
    assert copy.title_record.source_system == "koha" and copy.status == Item.Status.AVAILABLE

    # A second run changes nothing.
    again = _run("--source", "koha", "--commit")
    assert " 0 created, 0 updated, " in again
