"""Reads for complaints, reconsideration, comment cards and incidents.

Every selector starts from a policy queryset, so what a list, a count, a
chart or an export shows is exactly what the user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Least, TruncMonth
from django.utils import timezone

from complaints import policies
from complaints.bounds import opaque_id
from complaints.models import (
    CommentCard,
    Complaint,
    ComplaintEvent,
    Incident,
    ReconsiderationRequest,
)
from organisation import clock
from organisation.policies import directors, users_with_any_role, users_without_role
from organisation.roles import Role
from organisation.users import StaffUser

OPEN_STATES = (
    Complaint.Status.OPEN,
    Complaint.Status.ESCALATED,
    Complaint.Status.WAITING,
    Complaint.Status.DECIDED,
    Complaint.Status.APPEALED,
)


def complaints_list(
    *, user: StaffUser, status: str = "", search: str = "", limit: int = 200
) -> QuerySet[Complaint]:
    qs = policies.complaints_visible_to(user).select_related(
        "branch", "assignee__staff_profile", "logged_by__staff_profile"
    )
    if status == "active":
        qs = qs.filter(status__in=OPEN_STATES)
    elif status in Complaint.Status.values:
        qs = qs.filter(status=status)
    if search:
        term = search.strip()
        match = Q(description__icontains=term) | Q(patron_name__icontains=term)
        pk = opaque_id(term[2:] if term.upper().startswith("C-") else term)
        if pk is not None:
            match |= Q(pk=pk)
        qs = qs.filter(match)
    return qs.order_by("-created_at")[:limit]


def complaint_for_detail(*, user: StaffUser, complaint_id: int) -> Complaint:
    complaint = policies.access_complaint(user, complaint_id)
    return (
        Complaint.objects.select_related(
            "branch",
            "patron",
            "assignee__staff_profile",
            "logged_by__staff_profile",
            "resolved_by__staff_profile",
            "decided_by__staff_profile",
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ComplaintEvent.objects.select_related("actor__staff_profile"),
            ),
            "attachments",
            Prefetch(
                "staff_involved",
                queryset=get_user_model().objects.select_related("staff_profile"),
            ),
        )
        .get(pk=complaint.pk)
    )


def staff_at_branch(*, branch_id: int) -> QuerySet[Any]:
    """Staff a concern may name as involved: everyone with a profile at the branch."""
    at_branch = get_user_model().objects.filter(is_active=True, staff_profile__branch_id=branch_id)
    return (
        users_without_role(at_branch, Role.ADMINISTRATOR)
        .select_related("staff_profile")
        .order_by("staff_profile__display_name")
    )


def assignee_candidates(*, complaint: Complaint) -> QuerySet[Any]:
    """Who may be named as assignee: the Director first, then supervisors and
    desk staff; never someone the complaint is about."""
    about = complaint.staff_involved.values("pk")
    return (
        users_with_any_role((Role.DIRECTOR, Role.SUPERVISOR, Role.DESK_STAFF))
        .filter(is_active=True)
        .exclude(pk__in=about)
        .select_related("staff_profile")
        .prefetch_related("groups")
        .distinct()
        .order_by("staff_profile__display_name", "username")
    )


def default_assignee(candidates: QuerySet[StaffUser]) -> StaffUser | None:
    return candidates.filter(pk__in=directors().values("pk")).first()


# ---------------------------------------------------------------- review


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return self.x - 8

    @property
    def value_x(self) -> float:
        return self.x + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + self.height * 0.72


def bar_chart(rows: list[tuple[str, int]], *, width: int = 420, bar: int = 22) -> dict:
    """Horizontal bars as SVG geometry; the template draws them and a table."""
    top = max((v for _, v in rows), default=0) or 1
    label_w = 150
    room = width - label_w - 40
    bars = [
        Bar(
            label=label,
            value=value,
            x=label_w,
            y=i * (bar + 8),
            width=round(room * value / top, 1),
            height=bar,
        )
        for i, (label, value) in enumerate(rows)
    ]
    return {"bars": bars, "width": width, "height": max(len(rows), 1) * (bar + 8)}


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def complaint_counts(*, user: StaffUser, months: int = 6) -> dict[str, Any]:
    """Counts by category and by month of what `user` may see."""
    visible = policies.complaints_visible_to(user)
    by_cat = dict(
        visible.values_list("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    categories = [(label, by_cat.get(value, 0)) for value, label in Complaint.Category.choices]
    today = clock.server_day()
    first = _months_back(today, months)[0]
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    by_month_raw = (
        visible.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    by_month: dict[datetime.date, int] = {}
    for month, n in by_month_raw:
        key = month.date() if isinstance(month, datetime.datetime) else month
        by_month[key] = by_month.get(key, 0) + n
    month_rows = [(f"{m:%b %Y}", by_month.get(m, 0)) for m in _months_back(today, months)]
    return {
        "by_category": categories,
        "by_month": month_rows,
        "category_chart": bar_chart(categories),
        "month_chart": bar_chart(month_rows),
        "total": sum(n for _, n in categories),
    }


REVIEW_PAGE_SIZE = 50
# Stands in for "no running clock" when ordering by the next deadline.
_NO_DEADLINE = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


def review_complaints(*, user: StaffUser, page: Any = 1) -> Page:
    """Work in progress by nearest deadline, a page at a time: escalated
    ones for the Director and designees; all of the branch's open ones for
    supervisors. Missed deadlines first, then the earliest running clock
    (Complaint.next_deadline, computed here in SQL so that a consortium's
    thousands of open cases are ordered and cut by the database), then the
    oldest."""

    def _due(field: str, when: Q | None = None) -> Any:
        value = F(field) if when is None else Case(When(when, then=F(field)))
        return Coalesce(value, Value(_NO_DEADLINE))

    S = Complaint.Status
    qs = (
        policies.complaints_visible_to(user)
        .filter(status__in=OPEN_STATES)
        .select_related("branch", "assignee__staff_profile")
        .annotate(
            breached=Case(
                When(
                    Q(first_response_breached_at__isnull=False)
                    | Q(next_update_breached_at__isnull=False)
                    | Q(resolution_breached_at__isnull=False),
                    then=Value(0),
                ),
                default=Value(1),
            ),
            deadline=Case(
                When(
                    status=S.ESCALATED,
                    then=Least(
                        _due("first_response_due", Q(first_response_at__isnull=True)),
                        _due("next_update_due"),
                        _due("resolution_due"),
                    ),
                ),
                When(status=S.DECIDED, then=_due("appeal_due")),
                default=Value(_NO_DEADLINE),
            ),
        )
        .order_by("breached", "deadline", "created_at", "pk")
    )
    return Paginator(qs, REVIEW_PAGE_SIZE).get_page(page)


def review_reconsiderations(*, user: StaffUser) -> QuerySet[ReconsiderationRequest]:
    return (
        policies.reconsiderations_visible_to(user)
        .exclude(status=ReconsiderationRequest.Status.CLOSED)
        .select_related("item", "branch")
        .order_by("decision_due")
    )


CSV_HEADER = [
    "reference",
    "branch",
    "category",
    "channel",
    "status",
    "logged",
    "escalated",
    "assignee",
    "first_response_due",
    "first_response_at",
    "resolution_due",
    "decided",
    "decision",
    "breached",
]


def _iso(value: datetime.datetime | None, tz: str) -> str:
    """In the branch's own timezone, with its offset."""
    if value is None:
        return ""
    return clock.local_now(tz, value).isoformat(timespec="minutes")


def complaints_csv_rows(*, user: StaffUser) -> Iterator[list[str]]:
    """The visible complaints as rows under CSV_HEADER, one at a time, for
    `kernel.tabular` to write a line at a time: the whole history
    of a consortium's complaints (100,000 took 12 s) starts downloading at
    once and is never held in memory. No patron names or contact details."""
    qs = (
        policies.complaints_visible_to(user)
        .select_related("branch", "assignee__staff_profile")
        .order_by("created_at", "pk")
    )
    for c in qs.iterator(chunk_size=2000):
        assignee = ""
        if c.assignee is not None:
            profile = getattr(c.assignee, "staff_profile", None)
            assignee = profile.display_name if profile else c.assignee.get_username()
        yield [
            c.reference,
            c.branch.code,
            c.category,
            c.channel,
            c.status,
            _iso(c.created_at, c.branch.timezone),
            _iso(c.escalated_at, c.branch.timezone),
            assignee,
            _iso(c.first_response_due, c.branch.timezone),
            _iso(c.first_response_at, c.branch.timezone),
            _iso(c.resolution_due, c.branch.timezone),
            _iso(c.decided_at, c.branch.timezone),
            c.decision,
            "yes" if c.is_breached else "no",
        ]


# ------------------------------------------------- comment cards, incidents


def comment_cards_report(*, user: StaffUser, months: int = 6) -> dict[str, Any]:
    """Counts of cards by theme and month, and the latest cards."""
    visible = policies.comment_cards_visible_to(user)
    month_list = _months_back(clock.server_day(), months)
    counts = (
        visible.filter(received_on__gte=month_list[0])
        .annotate(month=TruncMonth("received_on"))
        .values_list("month", "theme")
        .annotate(n=Count("pk"))
        .values_list("month", "theme", "n")
    )
    grid: dict[tuple[datetime.date, str], int] = {}
    for month, theme, n in counts:
        key = month.date() if isinstance(month, datetime.datetime) else month
        grid[(key, theme)] = n
    rows = [
        {
            "theme": label,
            "counts": [grid.get((m, value), 0) for m in month_list],
            "total": sum(grid.get((m, value), 0) for m in month_list),
        }
        for value, label in CommentCard.Theme.choices
    ]
    return {
        "months": [f"{m:%b %Y}" for m in month_list],
        "rows": rows,
        "recent": visible.select_related("branch").order_by("-received_on", "-pk")[:50],
    }


def incidents_list(*, user: StaffUser, open_only: bool = False) -> QuerySet[Incident]:
    qs = policies.incidents_visible_to(user).select_related("branch", "reported_by__staff_profile")
    if open_only:
        qs = qs.filter(closed_at__isnull=True)
    return qs.order_by("-occurred_at")[:200]
