"""Shift this Python process's clock for CI's late-evening run.

`.ci/run` puts this directory on PYTHONPATH and sets
LIBRARY_CLOCK_OFFSET_SECONDS once, so every Python process of the run
(pytest and its xdist workers, Celery workers, gunicorn, live servers)
agrees on one shifted clock that moves on in real time. time-machine
shifts the wall clock only (time.time, datetime.now, date.today...);
monotonic clocks, sleeps and timeouts stay real, and a test that pins its
own time with time-machine still does. Nothing happens without the
variable.
"""

from __future__ import annotations

import os


def _shift() -> None:
    offset = os.environ.get("LIBRARY_CLOCK_OFFSET_SECONDS")
    if not offset:
        return
    import time

    import time_machine

    # A timestamp, not an aware datetime: time-machine would set the
    # process's TZ to the datetime's zone.
    time_machine.travel(time.time() + float(offset), tick=True).start()


_shift()
