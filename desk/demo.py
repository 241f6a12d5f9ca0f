"""Demo data for the desk's own work, so that a fresh `make run` shows
something: four weeks of desk traffic at every branch (for the reports),
and at Westfield a few of today's inquiries, callbacks (one overdue) and
people waiting. Called by seed_demo; idempotent (each part is added once)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from desk import services
from desk.datasets import generate_desk_traffic
from desk.models import Callback, Inquiry, InquiryType, WaitingEntry
from organisation import clock

TRAFFIC_ROWS = 3_000
TRAFFIC_DAYS = 28


def seed(ctx: Any) -> None:
    if not Inquiry.objects.exists():
        n = generate_desk_traffic(
            rows=TRAFFIC_ROWS,
            days=TRAFFIC_DAYS,
            seed=12,
            as_of=ctx.today - datetime.timedelta(days=1),
            use_copy=False,
            branches=list(ctx.branches.values()),
        )
        ctx.say(f"Desk demo: {n:,} inquiries and tallies over the last {TRAFFIC_DAYS} days.")
    branch = ctx.branches["westfield"]
    desk_user = ctx.users.get("desk")
    volunteer = ctx.users.get("volunteer")
    if desk_user is None or volunteer is None:
        return
    desk = branch.desks.first()
    now = timezone.now()
    types = {t.label: t for t in InquiryType.objects.filter(branch=None)}
    if not Inquiry.objects.filter(local_day=clock.server_day(now), is_tally=False).exists():
        patrons = ctx.extra.get("patrons") or {}
        linked = next(iter(patrons.values()), None) if isinstance(patrons, dict) else None
        for user, kind, level, question, answer, patron in (
            (desk_user, "Research", 4, "Local history of the canal, 1820s", "Showed the "
             "county atlas; referred to the local history room.", linked),
            (desk_user, "Ready reference", 2, "Opening hours over the holidays", "Read "
             "them from the website.", None),
            (volunteer, "Technology", 3, "Setting up the e-book app", "Walked through "
             "the sign-in.", None),
        ):  # fmt: skip
            services.inquiry_record(
                acting_user=user,
                branch=branch,
                desk=desk,
                channel="in_person",
                inquiry_type=types.get(kind),
                read_level=level,
                minutes=5 * level,
                question=question,
                answer=answer,
                patron=patron,
                now=now - datetime.timedelta(minutes=30 * level),
            )
    if not Callback.objects.filter(branch=branch).exists():
        earlier = now - datetime.timedelta(hours=3)
        for name, phone, about, promised in (
            ("Morgan", "555-0161", "Wants to know if the book club kit is back", now - datetime.timedelta(hours=1)),  # noqa: E501
            ("Lee", "555-0175", "Interlibrary loan status", now + datetime.timedelta(hours=2)),
        ):  # fmt: skip
            services.callback_create(
                acting_user=desk_user,
                branch=branch,
                desk=desk,
                name=name,
                phone=phone,
                about=about,
                promised_at=promised,
                now=earlier,
            )
        ctx.say("Desk demo: two callbacks at Westfield, one of them overdue.")
    if not WaitingEntry.objects.filter(branch=branch, status=WaitingEntry.Status.WAITING).exists():
        for name, reason, in_person, ago in (
            ("Ticket 14", "Printing help", True, 6),
            ("Sam", "Renewal question", False, 3),
        ):
            services.waiting_add(
                acting_user=volunteer,
                branch=branch,
                desk=desk,
                name=name,
                reason=reason,
                in_person=in_person,
                now=now - datetime.timedelta(minutes=ago),
            )
