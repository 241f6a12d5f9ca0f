"""A title-level hold links a patron to a title: the `holds` record type
covers it like any other hold (disclosure, retention, legal production,
legal holds)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

import recordtypes
from circulation.models import Hold
from legal.records import Scope
from organisation import clock
from retention.models import LegalHold
from retention.services import retention_expunge
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Quietly Unusual Mushroom Atlas"


@pytest.fixture
def title_hold(patron, branch):
    title = factories.TitleFactory(title=TITLE)
    factories.ItemFactory(title_record=title, title=TITLE, home_branch=branch)
    return Hold.objects.create(
        title_record=title,
        level=Hold.Level.TITLE,
        patron=patron,
        pickup_branch=branch,
        patron_category=patron.category,
    )


def test_the_cardholder_is_told_of_a_title_hold_by_its_title(
    client, desk_staff, patron, title_hold
):
    factories.CardFactory(patron=patron)
    client.force_login(desk_staff)
    html = client.post(
        reverse("privacy:disclose"),
        {"patron": patron.pk, "ask": "cardholder:card"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f"{TITLE}: Waiting" in html


def test_a_third_party_is_not_told_of_it(client, desk_staff, patron, title_hold):
    factories.CardFactory(patron=patron)
    client.force_login(desk_staff)
    html = client.post(
        reverse("privacy:disclose"),
        {"patron": patron.pk, "ask": "third_party:none"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert TITLE not in html


def test_a_legal_production_has_its_row_with_no_copy(patron, title_hold):
    declaration = recordtypes.get("holds")
    assert declaration is not None and declaration.production is not None
    # The scope's days are the requesting branch's: the hold was placed today there.
    today = clock.local_day("America/New_York")
    scope = Scope(
        patron_ids=(patron.pk,),
        record_types=("holds",),
        starts_on=today,
        ends_on=today,
        tz="America/New_York",
    )
    rows = declaration.production.rows(scope)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        (str(patron.pk), str(title_hold.pk), "", TITLE, "waiting")
    ]
    assert declaration.production.count(scope) == 1


def test_retention_removes_the_patron_from_a_finished_title_hold_and_keeps_an_open_one(
    patron, branch, title_hold
):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    finished = Hold.objects.create(
        title_record=title_hold.title_record,
        level=Hold.Level.TITLE,
        patron=factories.PatronFactory(home_branch=branch),
        pickup_branch=branch,
        status=Hold.Status.CANCELLED,
        placed_at=long_ago,
        closed_at=long_ago,
    )
    Hold.objects.filter(pk=title_hold.pk).update(placed_at=long_ago)
    retention_expunge()
    finished.refresh_from_db()
    title_hold.refresh_from_db()
    assert finished.patron_id is None and finished.anonymized_at is not None
    assert finished.title_record_id == title_hold.title_record_id  # statistics survive
    assert title_hold.patron_id == patron.pk  # still waiting: kept


def test_a_legal_hold_keeps_a_finished_title_hold(patron, branch, title_hold):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Hold.objects.filter(pk=title_hold.pk).update(
        status=Hold.Status.CANCELLED, placed_at=long_ago, closed_at=long_ago
    )
    LegalHold.objects.create(patron=patron, reason="Preservation letter")
    retention_expunge()
    title_hold.refresh_from_db()
    assert title_hold.patron_id == patron.pk
