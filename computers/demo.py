"""Demo stations and sessions: Westfield's adult, children's and express
stations with a few in use, Millbury's two, and yesterday's sessions for
the retention job to purge. Called by seed_demo after patrons."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from computers import services
from computers.models import ComputerSession, ComputerSettings, Station
from organisation.models import LibrarySystem
from programs.agebands import age_band_for

STATIONS = [
    # branch, label, kind
    ("westfield", "PC 1", Station.Kind.ADULT),
    ("westfield", "PC 2", Station.Kind.ADULT),
    ("westfield", "PC 3", Station.Kind.ADULT),
    ("westfield", "Kids 1", Station.Kind.CHILDREN),
    ("westfield", "Express 1", Station.Kind.EXPRESS),
    ("millbury", "PC 1", Station.Kind.ADULT),
    ("millbury", "PC 2", Station.Kind.ADULT),
]


def seed(ctx: Any) -> None:
    for system in LibrarySystem.objects.all():
        ComputerSettings.objects.get_or_create(system=system)
    stations = {}
    for branch, label, kind in STATIONS:
        stations[(branch, label)], _ = Station.objects.get_or_create(
            branch=ctx.branches[branch], label=label, defaults={"kind": kind}
        )
    Station.objects.filter(pk=stations[("westfield", "PC 3")].pk).update(out_of_order=True)
    patrons = ctx.extra["patrons"]
    now = timezone.now()
    # In use now (a fresh run starts them again once their time is up).
    for key, number in (
        (("westfield", "PC 1"), 1),
        (("westfield", "Kids 1"), 2),
        (("millbury", "PC 1"), 3),
    ):
        patron = patrons[number]
        running = ComputerSession.objects.filter(ended_at__isnull=True)
        if running.filter(station=stations[key]).exists() or running.filter(patron=patron).exists():
            continue
        card = patron.cards.filter(status="active").first()
        try:
            services.session_start(station=stations[key], card=card, now=now)
        except services.Refusal:
            continue  # the demo patron's allowance is used up today
    # Yesterday's, for the daily purge and the reports.
    yesterday = ctx.today - datetime.timedelta(days=1)
    if not ComputerSession.objects.filter(day=yesterday).exists():
        for i, (key, number) in enumerate(
            ((("westfield", "PC 2"), 9), (("westfield", "Express 1"), 10))
        ):
            patron = patrons[number]
            start = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(14 + i)))
            ComputerSession.objects.create(
                station=stations[key],
                branch=stations[key].branch,
                patron=patron,
                day=yesterday,
                started_at=start,
                ends_at=start + datetime.timedelta(minutes=45),
                ended_at=start + datetime.timedelta(minutes=45),
                end_reason=ComputerSession.EndReason.PATRON,
                age_band=age_band_for(patron.date_of_birth, yesterday),
                patron_category=patron.category,
            )
    ctx.say(
        "Demo stations: Westfield PC 1-3 (PC 3 out of order), Kids 1, Express 1; Millbury PC 1-2."
    )
