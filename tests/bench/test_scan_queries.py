"""The scan-to-summary request runs a fixed number of queries, however much
data the library holds and however busy the patron's record is."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from circulation.models import Fee, Hold, Item
from tests import factories

MAX_QUERIES = 12


def scan_queries(client: Client, barcode: str) -> list[str]:
    """The SQL of one scan, without the savepoints of the test's own
    transaction (in production the request runs in autocommit)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("desk:scan"), {"barcode": barcode}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]


def give_records(patron, card, branch, *, loans: int, holds: int, fees: int) -> None:
    now = timezone.now()
    for n in range(loans):
        factories.LoanFactory(
            item=factories.ItemFactory(home_branch=branch, status=Item.Status.ON_LOAN),
            patron=patron,
            card=card,
            branch=branch,
            checked_out_at=now - datetime.timedelta(days=n),
            due_at=now + datetime.timedelta(days=21 - 2 * n),
        )
    for _ in range(holds):
        factories.HoldFactory(item=factories.ItemFactory(home_branch=branch), patron=patron)
    for _ in range(fees):
        factories.FeeFactory(patron=patron, branch=branch, amount="1.50", status=Fee.Status.OPEN)


@pytest.mark.django_db
def test_scan_query_count_is_the_same_on_a_small_and_a_larger_library(desk_staff, branch):
    call_command("generate_dataset", patrons=40, items=80, loans=400, seed=5, verbosity=0)
    patron = factories.PatronFactory(home_branch=branch)
    card = factories.CardFactory(patron=patron)
    give_records(patron, card, branch, loans=1, holds=1, fees=1)
    other = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    client = Client()
    client.force_login(desk_staff)
    # Scanning another card first puts both measurements in the same state:
    # a patron in view, a new card scanned.
    scan_queries(client, other.barcode)
    small = scan_queries(client, card.barcode)

    call_command("generate_dataset", patrons=400, items=1500, loans=8000, seed=6, verbosity=0)
    give_records(patron, card, branch, loans=20, holds=6, fees=5)
    assert Hold.objects.filter(patron=patron).count() == 7
    scan_queries(client, other.barcode)
    large = scan_queries(client, card.barcode)

    assert len(large) == len(small), "\n".join(large)
    assert len(large) <= MAX_QUERIES, "\n".join(large)
