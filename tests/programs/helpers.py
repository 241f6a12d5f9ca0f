"""Builders for the programs tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from programs.models import Program


def program(*, branch: Any, capacity: int = 2, days_ahead: float = 3, **kwargs: Any) -> Program:
    starts = timezone.now() + datetime.timedelta(days=days_ahead)
    kwargs.setdefault("title", "Story time")
    return Program.objects.create(
        branch=branch,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        capacity=capacity,
        **kwargs,
    )
