"""Demo concerns, a reconsideration request, comment cards and an incident.

Called by seed_demo after patrons and circulation. Idempotent: each row is
found by its demo text before it is created. One complaint names the `desk`
user, so logging in as `desk` shows that it stays invisible to them.

Each concern has a history that reads right: it is logged, during opening
hours, on an open day of the branch before it is escalated, and every
deadline is counted by the services on the branch's calendar from then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from complaints import services
from complaints.models import (
    CommentCard,
    Complaint,
    ComplaintEvent,
    Incident,
    ReconsiderationRequest,
)
from notices.models import Notice
from organisation.calendar import BusinessCalendar, calendar_for_branch


def _open_days_ago(cal: BusinessCalendar, today: datetime.date, n: int, hour: int) -> Any:
    """`hour` o'clock, branch time, on the n-th open day before `today`.

    Counting open days (not calendar days) keeps the order of events: n + 1
    open days ago is always a day before n open days ago.
    """
    day = today
    for _ in range(n):
        day -= datetime.timedelta(days=1)
        while not cal.is_open_day(day):
            day -= datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=cal.tz)


def _complaint(
    ctx: Any, description: str, logged_at: datetime.datetime | None = None, **kwargs: Any
) -> tuple[Complaint, bool]:
    found = Complaint.objects.filter(description=description).first()
    if found is not None:
        return found, False
    params = {
        "branch": ctx.branches["westfield"],
        "logged_by": ctx.users["desk"],
        "category": "service",
        "description": description,
    }
    params.update(kwargs)
    complaint = services.complaint_log(**params)
    if logged_at is not None:
        # The desk logs a concern as it is told, so the service stamps "now";
        # the demo's past concerns move their log entry back to when it
        # happened.
        Complaint.objects.filter(pk=complaint.pk).update(created_at=logged_at)
        ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.LOGGED).update(
            at=logged_at
        )
        complaint.refresh_from_db()
    return complaint, True


def seed(ctx: Any) -> None:
    users = ctx.users
    director, supervisor, desk = users["director"], users["supervisor"], users["desk"]
    now = timezone.now()
    cal = calendar_for_branch(ctx.branches["westfield"])
    today = cal.local_date(now)

    def days_ago(n: int, hour: int) -> datetime.datetime:
        return _open_days_ago(cal, today, n, hour)

    ago = days_ago(8, 10)

    _complaint(
        ctx,
        "Waited twenty minutes at the desk while two staff members chatted.",
        channel="in_person",
        patron_name="A. Visitor",
    )

    _complaint(
        ctx,
        "The patron says Dana refused to help with the printer and was curt.",
        logged_at=days_ago(1, 15),
        category="staff_conduct",
        logged_by=supervisor,
        patron_name="Printer patron",
        staff_involved=[desk],
    )

    resolved, created = _complaint(
        ctx, "Could not find the large-print section.", category="facilities"
    )
    if created:
        services.complaint_resolve_informally(
            complaint=resolved,
            acting_user=desk,
            explanation="Walked the patron to large print; signs are being reviewed.",
            alternative="Offered to set large-print holds for pickup.",
        )

    review, created = _complaint(
        ctx,
        "Charged a replacement fee for a book the patron says was returned.",
        logged_at=days_ago(4, 11),
        category="policy",
        channel="phone",
        patron_name="Fee patron",
        contact_phone="555-0142",
    )
    if created:
        services.complaint_escalate(
            complaint=review, acting_user=supervisor, assignee=director, now=days_ago(3, 10)
        )
        services.complaint_record_update(
            complaint=review,
            acting_user=director,
            note="Called back; checking the shelves for the item.",
            now=days_ago(3, 13),
        )

    waiting, created = _complaint(
        ctx,
        "Meeting room booking was cancelled without notice.",
        logged_at=days_ago(9, 14),
        category="facilities",
        channel="email",
        contact_email="room.patron@example.org",
    )
    if created:
        services.complaint_escalate(
            complaint=waiting, acting_user=supervisor, assignee=director, now=ago
        )
        services.complaint_pause(
            complaint=waiting,
            acting_user=director,
            note="Asked the patron for the booking confirmation.",
            now=days_ago(7, 12),
        )

    late, created = _complaint(
        ctx,
        "Noise from the teen area during study hours.",
        logged_at=days_ago(27, 11),
        category="facilities",
        logged_by=users["volunteer"],
    )
    if created:
        services.complaint_escalate(
            complaint=late,
            acting_user=supervisor,
            assignee=director,
            now=days_ago(26, 10),
        )
        services.complaints_check_clocks(now=now)

    decided, created = _complaint(
        ctx,
        "The library removed the evening story time without asking families.",
        logged_at=days_ago(10, 16),
        category="policy",
        channel="written",
        patron_name="Story time parent",
    )
    if created:
        services.complaint_escalate(
            complaint=decided, acting_user=supervisor, assignee=director, now=ago
        )
        services.complaint_decide(
            complaint=decided,
            acting_user=director,
            decision="partly_upheld",
            now=days_ago(2, 15),
            reasons=(
                "Story time moved to Saturday mornings because of staffing. We should have "
                "told families sooner; an evening session returns once a month from January."
            ),
        )

    item = ctx.extra.get("items", {}).get(2) if isinstance(ctx.extra.get("items"), dict) else None
    if item is None:
        from circulation.models import Item
        from patrons.barcodes import make_item_barcode

        item = Item.objects.filter(barcode=make_item_barcode(2)).first()
    patrons = ctx.extra.get("patrons") or {}
    requester = patrons.get(1)
    if (
        item is not None
        and requester is not None
        and not ReconsiderationRequest.objects.filter(item=item).exists()
    ):
        try:
            services.reconsideration_request(
                item=item,
                branch=ctx.branches["westfield"],
                logged_by=desk,
                requester_name=requester.full_name,
                requester_patron=requester,
                is_resident=True,
                objection="Finds the themes unsuitable for the children's room.",
                requested_action="Move it to the young adult collection.",
            )
        except services.ServiceError as exc:
            ctx.say(f"complaints demo: reconsideration request skipped: {exc.message}")

    for theme, text in (
        ("praise", "Dana found exactly the book my son needed. Thank you!"),
        ("hours", "Please open earlier on Saturdays."),
        ("technology", "The public computers are slow in the afternoon."),
    ):
        if not CommentCard.objects.filter(text=text).exists():
            services.comment_card_log(
                branch=ctx.branches["westfield"], logged_by=desk, theme=theme, text=text
            )

    child = "A child of about six was alone in the picture-book area for twenty minutes."
    if not Incident.objects.filter(description=child).exists():
        services.incident_report(
            branch=ctx.branches["westfield"],
            reported_by=desk,
            type="unattended_child",
            description=child,
            called_911=False,
            location="Children's room",
            action_taken="Stayed with the child; paged the caregiver, who arrived.",
        )
    # The demo's history is not news: the notices it caused start read, so
    # each role lands on its own page at the first log-in.
    Notice.objects.filter(created_at__gte=now, read_at__isnull=True).update(read_at=timezone.now())
