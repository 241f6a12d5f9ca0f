"""One way to write each kind of date, on every page (Django's own pages,
the admin and bare {{ value }} included). Templates that spell a format out
use only these (tests/test_date_formats.py checks):

- a date: "j M Y" (27 Nov 2026);
- a date the weekday matters for (due, pickup, deadline): "D j M Y" (Fri 18 Dec 2026);
- a moment: "j M Y, H:i" (27 Nov 2026, 23:33), with "D " before it for deadlines.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
