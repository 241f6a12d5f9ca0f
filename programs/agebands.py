"""Age bands for statistics: what a sign-up or a computer session keeps of
its patron's age once the patron link is erased (counts by age band).

A pure function of a date of birth and a day; shared by programs and
public computers so that both report the same bands.
"""

from __future__ import annotations

import datetime

from django.db import models


class AgeBand(models.TextChoices):
    CHILD = "child", "Child (0-12)"
    TEEN = "teen", "Teen (13-17)"
    ADULT = "adult", "Adult (18-64)"
    SENIOR = "senior", "Senior (65+)"
    UNKNOWN = "unknown", "Not known"


def age_band_for(date_of_birth: datetime.date | None, on: datetime.date) -> str:
    """The band of someone born on `date_of_birth`, on the day `on`."""
    if date_of_birth is None:
        return AgeBand.UNKNOWN
    age = (
        on.year
        - date_of_birth.year
        - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    )
    if age < 13:
        return AgeBand.CHILD
    if age < 18:
        return AgeBand.TEEN
    if age < 65:
        return AgeBand.ADULT
    return AgeBand.SENIOR
