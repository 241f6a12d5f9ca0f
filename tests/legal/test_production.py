"""Production: exactly the scoped records, the same bytes for the same
scope, and no file set from a build that died halfway."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

from circulation.models import Fee, Hold
from legal import policies, services
from legal.models import LegalDocument, Production
from legal.services import production as production_module
from privacy import disclosure
from privacy.disclosure import DisclosedLine
from tests import factories
from tests.legal.conftest import open_request, scan

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 3, 31)
EVERY_TYPE = [
    "registration",
    "current_loans",
    "loan_history",
    "holds",
    "fees",
    "program_attendance",
    "computer_use",
    "reference",
]


def day(d: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour)))


INSIDE = [day(START, 0), day(datetime.date(2026, 3, 15)), day(END, 23)]
OUTSIDE = [day(START - datetime.timedelta(days=1), 23), day(END + datetime.timedelta(days=1), 0)]


@pytest.fixture
def reference_provider():
    """Reference questions kept by another app: one inside, one outside.
    Stands in for the desk's provider for the test, then puts it back."""
    previous = disclosure.PROVIDERS.pop("reference", None)

    @disclosure.provides("reference")
    def questions(patron, limit):
        return [
            DisclosedLine(when=day(datetime.date(2026, 3, 10)), text=f"IN question {patron.pk}"),
            DisclosedLine(when=day(datetime.date(2026, 4, 10)), text=f"OUT question {patron.pk}"),
        ]

    yield
    disclosure.withdraw("reference")
    if previous is not None:
        disclosure.PROVIDERS["reference"] = previous


def records_everywhere(patron, branch) -> dict[str, set[int]]:
    """Records of every type at the edges of the range and outside it;
    returns the ids that are inside."""
    from computers.models import ComputerSession, Station
    from programs.models import Program, ProgramSignup

    inside: dict[str, set[int]] = {
        "current_loans": set(),
        "loan_history": set(),
        "holds": set(),
        "fees": set(),
        "program_attendance": set(),
    }
    station = Station.objects.create(branch=branch, label=f"Scope PC {patron.pk}")
    for when, is_in in [(w, True) for w in INSIDE] + [(w, False) for w in OUTSIDE]:
        current = factories.LoanFactory(
            patron=patron, checked_out_at=when, item=factories.ItemFactory(home_branch=branch)
        )
        returned = factories.LoanFactory(
            patron=patron,
            checked_out_at=when,
            returned_at=when + datetime.timedelta(hours=1),
            item=factories.ItemFactory(home_branch=branch),
        )
        hold = factories.HoldFactory(
            patron=patron,
            placed_at=when,
            item=factories.ItemFactory(home_branch=branch),
            status=Hold.Status.FULFILLED,
        )
        fee = factories.FeeFactory(
            patron=patron,
            created_at=when,
            loan=returned,
            status=Fee.Status.PAID,
            closed_at=when + datetime.timedelta(hours=2),
        )
        program = Program.objects.create(
            branch=branch,
            title=f"Program {when:%Y-%m-%d %H}h",
            starts_at=when,
            ends_at=when + datetime.timedelta(minutes=30),
            capacity=5,
        )
        ProgramSignup.objects.create(
            program=program,
            branch=branch,
            patron=patron,
            status=ProgramSignup.Status.CONFIRMED,
        )
        ComputerSession.objects.create(
            station=station,
            branch=branch,
            patron=patron,
            day=timezone.localtime(when).date(),
            started_at=when,
            ends_at=when + datetime.timedelta(minutes=30),
            ended_at=when + datetime.timedelta(minutes=30),
        )
        if is_in:
            inside["program_attendance"].add(program.title)
            inside["current_loans"].add(current.pk)
            inside["loan_history"].add(returned.pk)
            inside["holds"].add(hold.pk)
            inside["fees"].add(fee.pk)
    return inside


def build(request, director):
    production = services.production_request(request=request, acting_user=director)
    return services.production_build(production_id=production.pk)


def files_of(production) -> dict[str, bytes]:
    return {f.name: default_storage.open(f.file.name).read() for f in production.files.all()}


def parse(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode())))


@pytest.fixture
def scoped_request(ny_branch, desk_staff, director, patron, reference_provider):
    inside = records_everywhere(patron, ny_branch)
    bystander = factories.PatronFactory(home_branch=ny_branch)
    records_everywhere(bystander, ny_branch)
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    counts = services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=EVERY_TYPE,
        starts_on=START,
        ends_on=END,
    )
    services.legal_counsel_note(request=request, acting_user=director, note="Valid subpoena.")
    return request, inside, counts


def test_nothing_outside_the_scope_is_ever_produced(scoped_request, director, patron):
    request, inside, counts = scoped_request
    assert counts == {
        "registration": 1,
        "current_loans": 3,
        "loan_history": 3,
        "holds": 3,
        "fees": 3,
        # Kept by the programs and computers apps, read through their
        # disclosure providers.
        "program_attendance": 3,
        "computer_use": 3,
        "reference": 1,
    }
    files = files_of(build(request, director))

    assert sorted(files) == [
        "01-registration.csv",
        "02-current_loans.csv",
        "03-loan_history.csv",
        "04-holds.csv",
        "05-fees.csv",
        "06-program_attendance.csv",
        "07-computer_use.csv",
        "08-reference.csv",
        "cover-letter.txt",
        "manifest.csv",
        "records.xlsx",
    ]
    for name, key, record_type in [
        ("02-current_loans.csv", "loan", "current_loans"),
        ("03-loan_history.csv", "loan", "loan_history"),
        ("04-holds.csv", "hold", "holds"),
        ("05-fees.csv", "fee", "fees"),
    ]:
        rows = parse(files[name])
        assert {int(r[key]) for r in rows} == inside[record_type], name
        assert {r["patron"] for r in rows} == {str(patron.pk)}
    registration = parse(files["01-registration.csv"])
    assert [r["patron"] for r in registration] == [str(patron.pk)]
    reference = parse(files["08-reference.csv"])
    assert [r["record"] for r in reference] == [f"IN question {patron.pk}"]
    programs = parse(files["06-program_attendance.csv"])
    assert {r["patron"] for r in programs} == {str(patron.pk)}
    assert {r["record"].split(" at ")[0] for r in programs} == inside["program_attendance"]
    sessions = parse(files["07-computer_use.csv"])
    assert {r["patron"] for r in sessions} == {str(patron.pk)}
    # One session on each day inside the range, none on the days either side.
    assert sorted(r["date"] for r in sessions) == ["2026-03-01", "2026-03-15", "2026-03-31"]
    assert sorted(r["date"] for r in programs) == ["2026-03-01", "2026-03-15", "2026-03-31"]


def test_the_manifest_counts_and_digests_every_file(scoped_request, director):
    request, _inside, _counts = scoped_request
    files = files_of(build(request, director))
    manifest = {r["file"]: r for r in parse(files["manifest.csv"])}
    assert set(manifest) == set(files) - {"manifest.csv"}
    for name, row in manifest.items():
        assert row["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert int(row["bytes"]) == len(files[name])
        if name.endswith(".csv"):
            assert int(row["rows"]) == len(parse(files[name]))


def test_the_same_scope_twice_gives_byte_identical_files(scoped_request, director):
    request, _inside, _counts = scoped_request
    first = files_of(build(request, director))
    second = files_of(build(request, director))
    assert first == second


def test_a_build_that_dies_halfway_leaves_nothing_to_hand_over_and_a_rerun_completes_it(
    scoped_request, director, monkeypatch
):
    request, _inside, _counts = scoped_request
    clean = files_of(build(request, director))
    production = services.production_request(request=request, acting_user=director)

    class DiesOnTheThirdFile:
        """The storage, killed as it writes the third file."""

        calls = 0

        def save(self, name, content, **kwargs):
            self.calls += 1
            if self.calls == 3:
                raise OSError("worker killed")
            return default_storage.save(name, content, **kwargs)

    monkeypatch.setattr(production_module, "default_storage", DiesOnTheThirdFile())
    with pytest.raises(OSError):
        services.production_build(production_id=production.pk)
    monkeypatch.undo()

    production.refresh_from_db()
    assert production.status == Production.Status.BUILDING
    assert not production.files.exists()
    # Nothing of it can be served or handed over.
    with pytest.raises(services.LegalError):
        services.production_hand_over(production=production, acting_user=director, handed_to="X")

    done = services.production_build(production_id=production.pk)
    assert done.status == Production.Status.READY and done.attempts == 2
    assert files_of(done) == clean
    for f in done.files.all():
        assert policies.access_production_file(director, f.pk) == f


def test_files_are_served_only_to_those_who_may_see_the_request(
    scoped_request, director, supervisor, administrator
):
    request, _inside, _counts = scoped_request
    production = build(request, director)
    f = production.files.first()
    for user in (supervisor, administrator):
        with pytest.raises(Http404):
            policies.access_production_file(user, f.pk)
    services.legal_designee_name(request=request, acting_user=director, designee=supervisor)
    assert policies.access_production_file(supervisor, f.pk) == f


def test_an_illinois_emergency_needs_the_signed_acknowledgement_first(
    il_branch, make_staff, patron
):
    desk = make_staff("desk_staff", at=il_branch, username="il-desk")
    director = make_staff("director", at=il_branch, username="il-director")
    request = open_request(staff=desk, patron=patron, branch=il_branch, instrument="emergency")
    services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=["registration"],
        starts_on=START,
        ends_on=END,
    )
    with pytest.raises(services.LegalError) as exc:
        services.production_request(request=request, acting_user=director)
    assert exc.value.message == production_module.NO_ACKNOWLEDGEMENT
    services.legal_document_add(
        request=request,
        acting_user=director,
        kind=LegalDocument.Kind.ACKNOWLEDGEMENT,
        upload=scan("ack.pdf"),
        content_type="application/pdf",
    )
    files = files_of(build(request, director))
    assert sorted(files) == [
        "01-registration.csv",
        "cover-letter.txt",
        "manifest.csv",
        "records.xlsx",
    ]


def test_a_warrant_is_produced_only_after_its_execution_is_recorded(
    ny_branch, desk_staff, director, patron
):
    factories.LoanFactory(patron=patron, checked_out_at=day(datetime.date(2026, 3, 5)))
    request = open_request(
        staff=desk_staff, patron=patron, branch=ny_branch, instrument="search_warrant"
    )
    services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=["current_loans"],
        starts_on=START,
        ends_on=END,
    )
    with pytest.raises(services.LegalError) as exc:
        services.production_request(request=request, acting_user=director)
    assert exc.value.message == production_module.WARRANT_NOT_EXECUTED


def test_the_zip_holds_exactly_the_file_set_and_is_the_same_every_time(scoped_request, director):
    import zipfile

    from legal import selectors

    request, _inside, _counts = scoped_request
    production = build(request, director)
    first = selectors.production_zip(production=production)
    assert selectors.production_zip(production=production) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    inside = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    assert inside == files_of(production)
