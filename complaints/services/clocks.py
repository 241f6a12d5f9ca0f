"""The clock check run by beat: reminders before a deadline, breaches after.

Safe to run twice: each reminder and each breach is recorded on the row,
under a row lock, before anyone is told, and a recorded one is never
repeated. Complaints waiting on the patron are skipped: their clocks are
stopped.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cases import clocks
from cases.workflow import Event, case_event
from complaints import notifications
from complaints.casetypes import COMPLAINT, settings_for
from complaints.models import Complaint, ReconsiderationRequest
from complaints.notifications import CLOCK_LABELS

RECON_OPEN = (
    ReconsiderationRequest.Status.RECEIVED,
    ReconsiderationRequest.Status.UNDER_REVIEW,
)


def _running(complaint: Complaint) -> list[str]:
    names = ["next_update", "resolution"]
    if complaint.first_response_at is None:
        names.insert(0, "first_response")
    return names


def complaints_check_clocks(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Remind assignees before a clock runs out and mark breaches, for
    complaints in formal review and open reconsideration requests."""
    now = now or timezone.now()
    counts = {"reminders": 0, "breaches": 0}
    ids = list(
        Complaint.objects.filter(status=Complaint.Status.ESCALATED).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update(of=("self",))
                .select_related("branch", "assignee__staff_profile")
                .filter(pk=pk, status=Complaint.Status.ESCALATED)
                .first()
            )
            if complaint is None:
                continue
            cfg = settings_for(complaint.branch.system_id)
            ticks, changed = clocks.clocks_tick(
                complaint,
                _running(complaint),
                now=now,
                lead=datetime.timedelta(hours=cfg.reminder_hours),
                cal=clocks.calendar(complaint.branch),
            )
            if changed:
                complaint.save(update_fields=changed)
            for tick in ticks:
                label = CLOCK_LABELS[tick.clock]
                if tick.what == clocks.BREACH:
                    case_event(COMPLAINT, complaint, Event.BREACH, None, label, now)
                    counts["breaches"] += 1
                else:
                    case_event(COMPLAINT, complaint, Event.REMINDER, None, label, now)
                    notifications.remind_assignee(complaint, tick.clock)
                    counts["reminders"] += 1
    counts.update(reconsiderations_check_clocks(now=now))
    return counts


def reconsiderations_check_clocks(*, now: datetime.datetime) -> dict[str, int]:
    """Remind the Directors before a written decision is due, and mark missed
    deadlines; each at most once per request."""
    counts = {"reconsideration_reminders": 0, "reconsideration_breaches": 0}
    ids = list(
        ReconsiderationRequest.objects.filter(status__in=RECON_OPEN)
        .filter(decision_breached_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            request = (
                ReconsiderationRequest.objects.select_for_update(of=("self",))
                .select_related("branch")
                .filter(pk=pk, status__in=RECON_OPEN)
                .first()
            )
            if request is None:
                continue
            cfg = settings_for(request.branch.system_id)
            ticks, changed = clocks.clocks_tick(
                request,
                ["decision"],
                now=now,
                # A decision takes a committee: remind a full business day ahead.
                lead=datetime.timedelta(hours=max(cfg.reminder_hours, 8)),
                cal=clocks.calendar(request.branch),
            )
            if changed:
                request.save(update_fields=changed)
            for tick in ticks:
                if tick.what == clocks.BREACH:
                    counts["reconsideration_breaches"] += 1
                else:
                    notifications.remind_directors(request)
                    counts["reconsideration_reminders"] += 1
    return counts
