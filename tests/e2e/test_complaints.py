"""A concern logged at the desk, escalated by the supervisor, decided by the
Director, and the decision letter."""

from __future__ import annotations

import pytest

from complaints.models import Complaint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WHAT = "The returns slot was locked all weekend; two overdue fines followed."
REASONS = "The slot lock failed on Friday. Both fines are waived and the lock is replaced."


def _log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")


def test_a_concern_is_logged_escalated_and_decided_with_a_letter(browse, demo):
    page = browse.page
    before = set(Complaint.objects.values_list("pk", flat=True))

    browse.log_in("desk", demo.password)
    browse.visit("/complaints/new/")
    page.get_by_label("What happened").fill(WHAT)
    page.get_by_label("Category").select_option("service")
    page.get_by_label("Patron's name (if they give it)").fill("E2E Complainant")
    page.get_by_role("button", name="Log concern").click()
    page.wait_for_load_state("load")
    browse.audit("after logging")
    complaint = Complaint.objects.exclude(pk__in=before).get()
    assert complaint.status == Complaint.Status.OPEN
    _log_out(page)

    browse.log_in("supervisor", demo.password)
    browse.visit("/complaints/")
    browse.visit(f"/complaints/{complaint.pk}/")
    page.get_by_label("Assign to").select_option(str(demo.users["director"].pk))
    page.get_by_role("button", name="Escalate").click()
    page.wait_for_load_state("load")
    browse.audit("after escalating")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ESCALATED
    assert complaint.assignee_id == demo.users["director"].pk
    _log_out(page)

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit(f"/complaints/{complaint.pk}/")
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Reasons (these go into the letter)").fill(REASONS)
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state("load")
    browse.audit("after deciding")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DECIDED
    page.get_by_role("link", name="Decision letter").click()
    page.wait_for_load_state("load")
    browse.audit("decision letter")
    letter = page.locator("body").inner_text()
    assert REASONS in letter
    assert complaint.reference in letter


def test_the_directors_desk_pages_a_long_list_from_the_keyboard(browse, demo, monkeypatch):
    """More open cases than a page holds: the count, the pager, and the next
    page reached with the keyboard alone, each page passing axe."""
    from complaints import selectors, services

    monkeypatch.setattr(selectors, "REVIEW_PAGE_SIZE", 5)
    supervisor, director = demo.users["supervisor"], demo.users["director"]
    branch = supervisor.staff_profile.branch
    for n in range(7):
        complaint = services.complaint_log(
            branch=branch,
            logged_by=supervisor,
            category="service",
            description=f"E2E paging case {n}",
            patron_name="",
        )
        services.complaint_escalate(complaint=complaint, acting_user=supervisor, assignee=director)
    waiting = Complaint.objects.filter(status=Complaint.Status.ESCALATED).count()
    assert waiting > 5

    page = browse.page
    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit("/complaints/review/")
    heading = page.get_by_role("heading", name="Complaints by deadline")
    assert "waiting" in heading.inner_text()
    pager = page.get_by_role("navigation", name="Pages of complaints")
    assert "Page 1 of" in pager.inner_text()
    browse.audit("review desk, page 1")
    later = pager.get_by_role("link", name="Later deadlines")
    later.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/complaints/review/?page=2")
    assert "Page 2 of" in page.get_by_role("navigation", name="Pages of complaints").inner_text()
    browse.audit("review desk, page 2")
