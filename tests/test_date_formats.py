"""Each kind of date is written one way on every page."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.utils import formats

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A date, a date whose weekday matters, a moment, a deadline, a time of day
# (the end of a program that starts the same day); ISO for <time datetime>
# and for dates in produced files, and a bare year.
ALLOWED = {"j M Y", "D j M Y", "j M Y, H:i", "D j M Y, H:i", "H:i", "c", "Y-m-d", "Y"}
DATE_FILTER = re.compile(r'\|date:"([^"]*)"')


def test_templates_spell_dates_only_in_the_house_formats():
    found = {
        (path.relative_to(TEMPLATES).as_posix(), fmt)
        for path in TEMPLATES.rglob("*.*")
        for fmt in DATE_FILTER.findall(path.read_text(encoding="utf-8"))
    }
    assert found, "the scan found no date filter at all"
    assert sorted((p, f) for p, f in found if f not in ALLOWED) == []


def test_django_s_own_formats_are_the_house_ones():
    moment = datetime.datetime(2026, 11, 27, 23, 33)
    assert formats.date_format(moment.date()) == "27 Nov 2026"
    assert formats.date_format(moment, "DATETIME_FORMAT") == "27 Nov 2026, 23:33"


def test_the_desk_s_messages_write_a_due_date_as_the_templates_do():
    from desk.scan.messages import CHECKED_OUT

    text = CHECKED_OUT.format(title="Dune", due=datetime.datetime(2027, 1, 8, 23, 59))
    assert text == "Checked out: Dune. Due Fri 8 Jan 2027."
    assert formats.date_format(datetime.date(2027, 1, 8), "D j M Y") == "Fri 8 Jan 2027"
