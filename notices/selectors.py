from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from notices import policies
from notices.models import Notice


def notices_for(*, user: User, limit: int = 100) -> QuerySet[Notice]:
    """The user's newest notices, unread first."""
    return policies.notices_visible_to(user).order_by("read_at", "-created_at", "-pk")[:limit]


def notices_unread_count(*, user: User) -> int:
    return policies.notices_visible_to(user).filter(read_at__isnull=True).count()
