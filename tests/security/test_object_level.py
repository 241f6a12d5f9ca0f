"""Object-level authorization: the rows a role may reach, not only the URLs.

Another branch's complaint, a complaint about oneself, and records under a
legal hold. Each is driven through the HTTP layer as the user would.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from organisation.roles import Role
from tests import factories
from tests.security.world import _open_weekdays

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _complaint(branch, logged_by, **kwargs):  # type: ignore[no-untyped-def]
    _open_weekdays(branch)
    return complaint_services.complaint_log(
        branch=branch,
        logged_by=logged_by,
        category="staff_conduct",
        description="Refused to help with the printer.",
        patron_name="Object Level",
        **kwargs,
    )


def _complaint_pages(complaint) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    pk = complaint.pk
    return [
        ("get", reverse("complaints:detail", args=[pk])),
        ("get", reverse("complaints:letter", args=[pk])),
        ("post", reverse("complaints:resolve", args=[pk])),
        ("post", reverse("complaints:escalate", args=[pk])),
        ("post", reverse("complaints:attachment_upload", args=[pk])),
    ]


def _assert_hidden(client, complaint) -> None:  # type: ignore[no-untyped-def]
    for method, url in _complaint_pages(complaint):
        response = getattr(client, method)(url, {})
        assert response.status_code == 404, f"{method} {url}: {response.status_code}"
    listing = client.get(reverse("complaints:list")).content.decode()
    assert complaint.reference not in listing
    assert complaint.description not in listing
    found = client.post(reverse("complaints:list"), {"q": complaint.reference}).content.decode()
    assert complaint.description not in found


def test_a_supervisor_cannot_reach_another_branchs_complaint(
    make_staff, branch, other_branch, supervisor
):
    there = make_staff(Role.DESK_STAFF, at=other_branch, username="t-desk-there")
    complaint = _complaint(other_branch, there)
    client = _client(supervisor)
    _assert_hidden(client, complaint)
    review = client.get(reverse("complaints:review")).content.decode()
    assert complaint.reference not in review
    csv = b"".join(client.get(reverse("complaints:review_csv")).streaming_content).decode()
    assert complaint.reference not in csv
    # The other branch's supervisor does see it: the refusal is about the branch.
    theirs = make_staff(Role.SUPERVISOR, at=other_branch, username="t-sup-there")
    assert _client(theirs).get(reverse("complaints:detail", args=[complaint.pk])).status_code == 200


def test_a_supervisor_never_sees_a_complaint_about_themselves(supervisor, desk_staff):
    complaint = _complaint(supervisor.staff_profile.branch, desk_staff, staff_involved=[supervisor])
    _assert_hidden(_client(supervisor), complaint)
    # Its logger sees it: the refusal is about who the complaint names.
    assert (
        _client(desk_staff).get(reverse("complaints:detail", args=[complaint.pk])).status_code
        == 200
    )


def test_the_director_never_sees_a_complaint_about_the_director(director, desk_staff, branch):
    complaint = _complaint(branch, desk_staff, staff_involved=[director])
    _assert_hidden(_client(director), complaint)


def test_the_subject_of_a_complaint_cannot_read_its_attachment(supervisor, desk_staff):
    from django.core.files.base import ContentFile

    from complaints.models import ComplaintAttachment

    complaint = _complaint(supervisor.staff_profile.branch, desk_staff, staff_involved=[supervisor])
    attachment = ComplaintAttachment(
        complaint=complaint,
        original_name="statement.txt",
        content_type="text/plain",
        size=9,
        uploaded_by=desk_staff,
    )
    attachment.file.save("statement.txt", ContentFile(b"statement"), save=False)
    attachment.save()
    url = reverse("complaints:attachment", args=[attachment.pk])
    assert _client(supervisor).get(url).status_code == 404
    assert _client(desk_staff).get(url).status_code == 200


def test_withdrawing_history_spares_loans_under_a_legal_hold(desk_staff, branch):
    from circulation.models import Loan
    from retention.models import LegalHold

    patron = factories.PatronFactory(
        home_branch=branch,
        keeps_loan_history=True,
        keeps_loan_history_since=timezone.now() - datetime.timedelta(days=400),
    )
    returned = timezone.now() - datetime.timedelta(days=3)
    held_loans = [
        factories.LoanFactory(patron=patron, branch=branch, returned_at=returned) for _ in range(2)
    ]
    LegalHold.objects.create(patron=patron, reason="Preservation letter", created_by=None)
    client = _client(desk_staff)
    url = reverse("patrons:withdraw_history", args=[patron.pk])
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    for loan in held_loans:
        loan.refresh_from_db()
        assert loan.patron_id == patron.pk, "a loan under a legal hold lost its patron"
    assert Loan.objects.filter(patron=patron, returned_at__isnull=False).count() == 2


def test_a_legal_hold_is_not_shown_to_administrators(administrator, branch):
    from retention.models import LegalHold

    administrator.is_staff = True
    administrator.save(update_fields=["is_staff"])
    hold = LegalHold.objects.create(
        patron=factories.PatronFactory(home_branch=branch, last_name="Heldpatron"),
        reason="Subpoena matter 12",
    )
    client = _client(administrator)
    for url in (
        reverse("admin:retention_legalhold_changelist"),
        reverse("admin:retention_legalhold_change", args=[hold.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Heldpatron" not in response.content.decode()
        assert "Subpoena" not in response.content.decode()
