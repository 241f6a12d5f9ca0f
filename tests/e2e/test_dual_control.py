"""Dual control in Chromium (DESIGN section 4, issue 21): the administrator
proposes a desk role for a new staff member, the Director confirms it, and
the new member chooses a password by the link and reaches the desk; and a
refusal. Every page is checked by axe-core (Browse.audit)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browse import Browse
from tests.smtp import smtp_server  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _another(browser, live_server) -> Browse:  # type: ignore[no-untyped-def]
    """A second person at another computer: a browser context of their own."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    return Browse(page=context.new_page(), base_url=live_server.url)


def _celery_eager():  # type: ignore[no-untyped-def]
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    return app, before


def test_a_desk_role_proposed_confirmed_and_the_new_member_at_the_desk(
    browse,
    browser,
    live_server,
    demo,
    smtp_server,  # noqa: F811
):
    from django.contrib.auth import get_user_model

    from organisation.models import PendingStaffChange

    app, before = _celery_eager()
    try:
        # The administrator proposes.
        page = browse.page
        browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
        page.locator("a.addlink[aria-describedby='staff-and-roles-user']").click()
        page.wait_for_load_state("load")
        page.get_by_label("Username").fill("jordan")
        page.get_by_label("First name").fill("Jordan")
        page.get_by_label("Email address").fill("jordan@example.org")
        page.get_by_label("Desk staff:", exact=False).check()
        page.get_by_label("Reason for giving this role").fill("Joins the Westfield desk on Monday.")
        page.locator("#id_branch").select_option(label="Westfield (Patterson Library)")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state("load")
        browse.audit("role proposed")
        assert "Waiting for a Director" in page.content()
        jordan = get_user_model().objects.get(username="jordan")
        assert not jordan.groups.exists()
        assert smtp_server.to("jordan@example.org") == []

        # The Director confirms, from the staff-access page.
        director = _another(browser, live_server)
        director.log_in("director", demo.password, totp_key=demo.key("director"))
        dpage = director.page
        dpage.get_by_role("link", name="Staff access").click()
        dpage.wait_for_load_state("load")
        director.audit("staff access")
        dpage.get_by_role("link", name="Changes waiting for confirmation").click()
        dpage.wait_for_load_state("load")
        director.audit("changes waiting")
        dpage.get_by_role("link", name="Roles of jordan become: Desk staff").click()
        dpage.wait_for_load_state("load")
        director.audit("one change")
        assert "jordan@example.org" in dpage.content()
        dpage.get_by_role("button", name="Confirm the change").click()
        dpage.wait_for_load_state("load")
        director.audit("confirmed")
        assert "Confirmed: Roles of jordan become: Desk staff" in dpage.content()
        assert PendingStaffChange.objects.get(user=jordan).status == "confirmed"

        # The new member chooses a password by the link and reaches the desk.
        (mail,) = smtp_server.to("jordan@example.org")
        path = re.search(r"https?://[^/\s]+(/accounts/set-password/\S+)", mail.text())
        assert path, mail.text()
        member = _another(browser, live_server)
        member.visit(path.group(1))
        mpage = member.page
        mpage.get_by_label("New password", exact=True).fill("Quiet-Reading-Room-7")
        mpage.get_by_label("New password confirmation").fill("Quiet-Reading-Room-7")
        mpage.get_by_role("button", name="Save my password").click()
        mpage.wait_for_load_state("load")
        member.audit("password chosen")
        member.log_in("jordan", "Quiet-Reading-Room-7")
        if "/notices/" in mpage.url:
            member.visit("/desk/")
        assert "/desk/" in mpage.url
        member.audit("at the desk")
        for session in (director, member):
            assert session.console_problems() == []
            session.page.context.close()
    finally:
        app.conf.task_always_eager = before


def test_the_director_refuses_a_proposed_role(browse, demo):
    from django.contrib.auth import get_user_model

    from organisation import dual_control
    from organisation.models import StaffAccessEvent
    from organisation.roles import Role

    newcomer = get_user_model().objects.create_user("casey", email="casey@example.org")
    dual_control.staff_roles_propose(
        user=newcomer,
        roles=[Role.SUPERVISOR],
        acting_user=demo.users["admin"],
        reason="Acting supervisor.",
    )
    page = browse.page
    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit("/staff-access/pending/")
    page.get_by_role("link", name="Roles of casey become: Supervisor").click()
    page.wait_for_load_state("load")
    browse.audit("one change")
    page.get_by_label("Note (optional)").fill("No supervisor post is open.")
    page.get_by_role("button", name="Refuse the change").click()
    page.wait_for_load_state("load")
    browse.audit("refused")
    assert "Refused: Roles of casey become: Supervisor" in page.content()
    assert not newcomer.groups.exists()
    refused = StaffAccessEvent.objects.get(kind=StaffAccessEvent.Kind.CHANGE_REFUSED)
    assert refused.reason == "No supervisor post is open."
    browse.visit("/staff-access/")
    assert "Change refused" in page.content()
