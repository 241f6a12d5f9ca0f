"""Program attendance and computer use as confidential record types: the
desk's disclosure answer under the rules, and retention (who attended
erased 30 days after the program, who used a station after one day; the
counts kept; legal holds respected)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from computers import services as computer_services
from computers.models import ComputerSession
from programs.models import Program, ProgramSignup
from retention.services import legal_hold_place, retention_expunge
from retention.vocabulary import KeptReason, RecordType
from tests import factories
from tests.computers.helpers import station

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
PROGRAM_TITLE = "Lantern-making workshop"
STATION = "Dormer PC 7"


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=40)


def _program(branch, *, ended_days_ago: float = -3) -> Program:
    ends = timezone.now() - datetime.timedelta(days=ended_days_ago)
    return Program.objects.create(
        branch=branch,
        title=PROGRAM_TITLE,
        starts_at=ends - datetime.timedelta(hours=1),
        ends_at=ends,
        capacity=10,
    )


def _attended(patron, program) -> ProgramSignup:
    return ProgramSignup.objects.create(
        program=program,
        branch=program.branch,
        patron=patron,
        status=ProgramSignup.Status.CONFIRMED,
        attended_at=program.starts_at,
        age_band="child",
        patron_category=patron.category,
    )


def _session(patron, pc, *, ended_days_ago: float) -> ComputerSession:
    end = timezone.now() - datetime.timedelta(days=ended_days_ago)
    return ComputerSession.objects.create(
        station=pc,
        branch=pc.branch,
        patron=patron,
        day=end.date(),
        started_at=end - datetime.timedelta(minutes=30),
        ends_at=end,
        ended_at=end,
        age_band="child",
        patron_category=patron.category,
    )


@pytest.fixture
def minor_with_records(branch):
    patron = factories.PatronFactory(
        home_branch=branch, date_of_birth=_years_ago(12), category="juvenile"
    )
    factories.CardFactory(patron=patron)
    factories.GuardianLinkFactory(patron=patron)
    _attended(patron, _program(branch))
    _session(patron, station(branch, STATION), ended_days_ago=0)
    return patron


def ask(client, patron, value):
    response = client.post(reverse("privacy:disclose"), {"patron": patron.pk, "ask": value}, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cardholder_learns_both(client, desk_staff, minor_with_records):
    client.force_login(desk_staff)
    html = ask(client, minor_with_records, "cardholder:card")
    assert PROGRAM_TITLE in html and "attended" in html
    assert STATION in html


def test_a_parent_in_new_york_learns_neither(client, desk_staff, minor_with_records):
    """US-NY lets a parent learn the current circulation record only."""
    client.force_login(desk_staff)
    html = ask(client, minor_with_records, "guardian:card")
    assert PROGRAM_TITLE not in html
    assert STATION not in html


def test_a_third_party_learns_neither(client, desk_staff, minor_with_records):
    client.force_login(desk_staff)
    html = ask(client, minor_with_records, "third_party:none")
    assert PROGRAM_TITLE not in html and STATION not in html


# -- retention ------------------------------------------------------------


def test_who_attended_is_erased_30_days_after_the_program_and_the_counts_stay(branch, patron):
    old = _attended(patron, _program(branch, ended_days_ago=31))
    recent = _attended(patron, _program(branch, ended_days_ago=29))
    guest = ProgramSignup.objects.create(
        program=old.program,
        branch=branch,
        guest_name="Walk-up Visitor",
        guest_phone="555-0142",
        status=ProgramSignup.Status.CONFIRMED,
    )
    dry = retention_expunge(dry_run=True)
    assert dry.record_types[RecordType.PROGRAM_SIGNUPS].expunged == 2
    report = retention_expunge()
    signups = report.record_types[RecordType.PROGRAM_SIGNUPS]
    assert signups.expunged == 2
    assert signups.kept[KeptReason.RETENTION_PERIOD] == 1
    old.refresh_from_db()
    guest.refresh_from_db()
    recent.refresh_from_db()
    assert old.patron is None and old.card is None and old.anonymized_at is not None
    assert old.attended_at is not None and old.age_band == "child"  # counts kept
    assert guest.guest_name == "" and guest.guest_phone == ""
    assert recent.patron == patron


def test_who_used_a_station_is_erased_after_one_day(branch, patron):
    pc = station(branch)
    old = _session(patron, pc, ended_days_ago=2)
    today = _session(patron, pc, ended_days_ago=0)
    report = retention_expunge()
    assert report.record_types[RecordType.COMPUTER_SESSIONS].expunged == 1
    old.refresh_from_db()
    today.refresh_from_db()
    assert old.patron is None and old.station == pc and old.age_band == "child"
    assert today.patron == patron


def test_a_legal_hold_keeps_both(branch, patron):
    signup = _attended(patron, _program(branch, ended_days_ago=40))
    session = _session(patron, station(branch), ended_days_ago=3)
    legal_hold_place(patron=patron, reason="Court order 12")
    report = retention_expunge()
    assert report.record_types[RecordType.PROGRAM_SIGNUPS].kept[KeptReason.LEGAL_HOLD] == 1
    assert report.record_types[RecordType.COMPUTER_SESSIONS].kept[KeptReason.LEGAL_HOLD] == 1
    signup.refresh_from_db()
    session.refresh_from_db()
    assert signup.patron == patron and session.patron == patron


def test_the_queue_forgets_whom_it_was_for_after_a_day(branch, patron, desk_staff):
    pc = station(branch)
    computer_services.session_start(station=pc, card=factories.CardFactory(patron=patron))
    other = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    entry = computer_services.queue_join(branch=branch, card=other, acting_user=desk_staff)
    type(entry).objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    retention_expunge()
    entry.refresh_from_db()
    assert entry.patron is None and entry.card is None and entry.ticket == 1


def test_expunge_json_reports_both_as_available(branch, patron):
    import json
    from io import StringIO

    from django.core.management import call_command

    _attended(patron, _program(branch, ended_days_ago=31))
    out = StringIO()
    call_command("expunge", "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())["record_types"]
    assert data["program_signups"]["available"] is True
    assert data["program_signups"]["expunged"] == 1
    assert data["computer_sessions"]["available"] is True


def test_a_legal_hold_with_dates_keeps_only_the_records_in_its_range(branch, patron):
    inside = _attended(patron, _program(branch, ended_days_ago=40))
    outside = _attended(patron, _program(branch, ended_days_ago=100))
    old_session = _session(patron, station(branch), ended_days_ago=3)
    day = timezone.localdate()
    legal_hold_place(
        patron=patron,
        reason="Subpoena 7",
        starts_on=day - datetime.timedelta(days=50),
        ends_on=day - datetime.timedelta(days=2),
    )
    retention_expunge()
    inside.refresh_from_db()
    outside.refresh_from_db()
    old_session.refresh_from_db()
    assert inside.patron == patron and old_session.patron == patron
    assert outside.patron is None
