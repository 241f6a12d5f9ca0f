"""Two desks at once: row locks keep the rules true under real concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from complaints import services
from complaints.models import Complaint, ComplaintEvent, ReconsiderationRequest
from organisation.roles import Role
from tests.factories import CardFactory, ItemFactory, PatronFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _race(work, n: int = 2) -> list:
    barrier = threading.Barrier(n)
    results: list = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_desks_cannot_both_file_a_request_for_the_same_item(branch, make_staff):
    desk = make_staff(Role.DESK_STAFF, username="t-race-desk")
    item = ItemFactory(home_branch=branch)
    patron = PatronFactory(home_branch=branch)
    CardFactory(patron=patron)

    results = _race(
        lambda: services.reconsideration_request(
            item=item,
            branch=branch,
            logged_by=desk,
            requester_name="Racer",
            requester_patron=patron,
            objection="x",
        )
    )
    assert ReconsiderationRequest.objects.filter(item=item).count() == 1
    refusals = [r for r in results if isinstance(r, services.ServiceError)]
    assert len(refusals) == 1 and "already the subject of a request" in refusals[0].message


def test_two_supervisors_escalating_at_once_start_the_clocks_once(branch, make_staff):
    desk = make_staff(Role.DESK_STAFF, username="t-race-desk2")
    sup = make_staff(Role.SUPERVISOR, username="t-race-sup")
    director = make_staff(Role.DIRECTOR, username="t-race-dir")
    complaint = services.complaint_log(
        branch=branch, logged_by=desk, category="service", description="Race."
    )
    results = _race(
        lambda: services.complaint_escalate(complaint=complaint, acting_user=sup, assignee=director)
    )
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.status == Complaint.Status.ESCALATED
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ESCALATED).count() == 1
    refusals = [r for r in results if isinstance(r, services.ServiceError)]
    assert len(refusals) == 1 and refusals[0].message == services.ALREADY_ASSIGNED
