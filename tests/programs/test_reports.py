"""Attendance and computer-use counts for supervisors and the Director:
charts and CSV by branch, month, age band and station type, no names, and
the counts survive retention."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from computers.models import ComputerSession
from programs.models import Program, ProgramSignup
from retention.services import retention_expunge
from tests.computers.helpers import station

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(branch, patron):
    starts = timezone.now() - datetime.timedelta(days=45)
    p = Program.objects.create(
        branch=branch,
        title="Knitting circle",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        capacity=5,
        walk_ins=3,
    )
    ProgramSignup.objects.create(
        program=p,
        branch=branch,
        patron=patron,
        status="confirmed",
        attended_at=starts,
        age_band="adult",
    )
    ProgramSignup.objects.create(
        program=p,
        branch=branch,
        guest_name="Ada",
        guest_phone="5",
        status="confirmed",
        age_band="unknown",
    )
    pc = station(branch, "Express 1", "express")
    day = timezone.localdate() - datetime.timedelta(days=3)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    ComputerSession.objects.create(
        station=pc,
        branch=branch,
        patron=patron,
        day=day,
        started_at=start,
        ends_at=start + datetime.timedelta(minutes=15),
        ended_at=start + datetime.timedelta(minutes=12),
        age_band="adult",
    )
    return p


def test_attendance_counts_by_branch_month_and_age_band_survive_retention(
    client, supervisor, history, patron
):
    retention_expunge()
    assert not ProgramSignup.objects.filter(patron=patron).exists()
    client.force_login(supervisor)
    html = client.get(reverse("programs:report")).content.decode()
    assert "Attendance by branch" in html and "Attendance by age band" in html
    assert "<svg" in html and "Main Branch" in html
    assert patron.last_name not in html
    csv = client.get(reverse("programs:report") + "?format=csv").content.decode()
    month = history.starts_at.strftime("%Y-%m")
    assert f"Main Branch,{month},Adult (18-64),1,1" in csv
    assert f"Main Branch,{month},Walk-ins (age not asked),0,3" in csv
    assert "Ada" not in csv


def test_computer_use_by_station_type_with_minutes(client, director, history, patron):
    client.force_login(director)
    html = client.get(reverse("computers:report")).content.decode()
    assert "Sessions by station type" in html and "Minutes by station type" in html
    csv = client.get(reverse("computers:report") + "?format=csv").content.decode()
    assert ",Express,Adult (18-64),1,12" in csv
    assert patron.last_name not in csv


def test_a_backwards_range_is_refused_with_the_reason(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("computers:report"), {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400 and "swap them" in response.content.decode()


def test_desk_staff_and_administrators_see_no_reports(client, desk_staff, administrator):
    for user in (desk_staff, administrator):
        client.force_login(user)
        assert client.get(reverse("programs:report")).status_code == 403
        assert client.get(reverse("computers:report")).status_code == 403


def test_both_sections_are_on_the_reports_index(client, supervisor):
    client.force_login(supervisor)
    html = client.get(reverse("reports:index")).content.decode()
    assert "Program attendance" in html and "Public-computer use" in html
