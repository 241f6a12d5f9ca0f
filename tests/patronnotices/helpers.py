"""A small library for notice tests: branches in New York and
Massachusetts, patrons, and one of each thing a notice is about."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from circulation.models import Fee, Hold, Item
from organisation import clock
from patronnotices.models import NoticePreference
from tests import factories
from tests.clock import at

# A Tuesday morning in New York: no daylight-saving change near it.
NOW = at("2026-03-10 10:00")
TITLE = "The Lighthouse Keeper's Almanac"
OWN_EMAIL = "reader@example.org"
GUARDIAN_EMAIL = "parent@example.org"


def ny_branch():
    return factories.BranchFactory(code="nyc", name="Hudson Branch", jurisdiction_code="US-NY")


def ma_branch():
    return factories.BranchFactory(code="wor", name="Worcester Branch", jurisdiction_code="US-MA")


def patron(branch, **kwargs):
    kwargs.setdefault("email", OWN_EMAIL)
    kwargs.setdefault("phone", "")
    return factories.PatronFactory(home_branch=branch, **kwargs)


def prefer(patron, channel="email", *, titles=False, shared=False):
    return NoticePreference.objects.update_or_create(
        patron=patron,
        defaults={"channel": channel, "include_titles": titles, "contact_is_shared": shared},
    )[0]


def item(branch, title=TITLE):
    return factories.ItemFactory(home_branch=branch, title=title, status=Item.Status.ON_LOAN)


def loan_due(patron, branch, days: int, *, hour: int = 17):
    """A loan still out, due `days` after NOW's local day at `hour`."""
    day = clock.local_day(branch, NOW) + datetime.timedelta(days=days)
    due = clock.at(branch, day, datetime.time(hour))
    return factories.LoanFactory(
        patron=patron, item=item(branch), branch=branch, due_at=due, checked_out_at=due - _21
    )


_21 = datetime.timedelta(days=21)


def hold_ready(patron, branch, *, ready_at=None):
    it = factories.ItemFactory(home_branch=branch, title=TITLE, status=Item.Status.ON_HOLD_SHELF)
    ready_at = ready_at or NOW - datetime.timedelta(hours=1)
    return factories.HoldFactory(
        patron=patron,
        item=it,
        pickup_branch=branch,
        status=Hold.Status.READY,
        ready_at=ready_at,
        pickup_by=clock.local_day(branch, ready_at) + datetime.timedelta(days=7),
    )


def fee(patron, branch, *, created_at=None, amount=Decimal("3.75")):
    return factories.FeeFactory(
        patron=patron,
        branch=branch,
        amount=amount,
        kind=Fee.Kind.DAMAGE,
        created_at=created_at or NOW - datetime.timedelta(hours=2),
    )


def card_expiring(patron, days: int):
    return factories.CardFactory(
        patron=patron, expires_on=clock.server_day(NOW) + datetime.timedelta(days=days)
    )


def now_plus(**delta) -> datetime.datetime:
    return NOW + datetime.timedelta(**delta)


__all__ = ["NOW", "timezone"]
