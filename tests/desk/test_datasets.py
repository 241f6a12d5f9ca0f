"""generate_dataset's desk traffic: the count asked for, deterministic,
with the daily and weekly peaks the reports should show."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from desk.datasets import traffic_rows
from desk.models import Inquiry

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 3, 29)


def test_the_command_adds_exactly_the_desk_traffic_asked_for(branch, other_branch):
    out = StringIO()
    call_command(
        "generate_dataset",
        "--patrons", "0", "--items", "0", "--loans", "0",
        "--desk-traffic", "5000", "--desk-days", "56",
        "--as-of", AS_OF.isoformat(), "--no-vacuum",
        stdout=out,
    )  # fmt: skip
    assert Inquiry.objects.count() == 5000
    assert {branch.pk, other_branch.pk} <= set(Inquiry.objects.values_list("branch_id", flat=True))
    first = AS_OF - datetime.timedelta(days=55)
    assert not Inquiry.objects.exclude(local_day__range=(first, AS_OF)).exists()
    assert not Inquiry.objects.exclude(question="").exists()
    assert "5,000" in out.getvalue()


def test_traffic_has_daily_and_weekly_peaks_and_is_deterministic(branch):
    rows = list(traffic_rows(rows=20_000, days=84, seed=3, as_of=AS_OF, branches=[branch]))
    assert len(rows) == 20_000
    again = list(traffic_rows(rows=20_000, days=84, seed=3, as_of=AS_OF, branches=[branch]))
    assert rows == again
    by_weekday = Counter(r[5] for r in rows)
    by_hour = Counter(r[4] for r in rows)
    assert by_weekday[5] > by_weekday[0] > by_weekday[6]  # Saturday busiest, Sunday quietest
    assert by_hour[11] > by_hour[9] and by_hour[16] > by_hour[13]
    tallies = sum(1 for r in rows if r[6])
    assert 0.45 < tallies / len(rows) < 0.65
