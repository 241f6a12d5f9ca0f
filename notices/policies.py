"""Who sees a notice: its recipient, and nobody else."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from notices.models import Notice


def notices_visible_to(user: User) -> QuerySet[Notice]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user)


def access_notice(user: User, notice_id: int) -> Notice:
    """The notice, or 404 for one that is missing or someone else's."""
    notice = notices_visible_to(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return notice
