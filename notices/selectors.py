from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from notices import policies
from notices.models import Notice


def notices_for(*, user: Any, limit: int = 100) -> QuerySet[Notice]:
    """The user's newest notices, unread first."""
    return policies.notices_visible_to(user).order_by("read_at", "-created_at", "-pk")[:limit]


def notices_unread_count(*, user: Any) -> int:
    return policies.notices_visible_to(user).filter(read_at__isnull=True).count()
