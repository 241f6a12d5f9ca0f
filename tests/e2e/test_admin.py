"""The administration, as the demo's administrator uses it in Chromium:
every page it reaches is checked by axe-core (no serious or critical
violation, through Browse.audit)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from organisation.admin_site import SECTIONS, SITE_NAME

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _hrefs(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        urlsplit(href).path + (f"?{urlsplit(href).query}" if urlsplit(href).query else "")
        for href in page.locator(selector).evaluate_all("els => els.map(e => e.href)")
    ]


def test_every_admin_page_the_administrator_reaches_is_axe_clean(browse, demo):
    """The index, then each list it links to, the first object of each list
    with its history and delete confirmation, and each add form; collapsed
    sections are opened and audited too."""
    from retention.services import retention_expunge

    retention_expunge(dry_run=True)  # a run, so its page is audited too
    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    assert page.url.endswith("/admin/")
    browse.audit("index")
    assert page.locator("#site-name").inner_text() == SITE_NAME
    headings = page.locator("#content-main caption").all_inner_texts()
    # Shown in capitals by Django's style sheet.
    assert [h.split("\n")[0].strip().lower() for h in headings] == [
        s.title.lower() for s in SECTIONS
    ]

    lists = _hrefs(page, "#content-main th[scope=row] a")
    adds = _hrefs(page, "#content-main a.addlink")
    assert "/admin/auth/user/" in lists and "/admin/retention/retentionrule/" in lists
    visited = []
    for path in lists:
        browse.visit(path)
        visited.append(path)
        rows = _hrefs(page, "#result_list tbody tr th a, #result_list tbody tr td.field-__str__ a")
        if rows:
            browse.visit(rows[0])
            visited.append(rows[0])
            if page.locator("fieldset details").count():
                page.locator("fieldset details").evaluate_all(
                    "els => els.forEach(e => { e.open = true; })"
                )
                browse.audit("every section open")
            for link in _hrefs(page, "a.historylink") + _hrefs(page, "a.deletelink"):
                browse.visit(link)
                visited.append(link)
    for path in adds:
        browse.visit(path)
        visited.append(path)
    # The staff member's own pages (the link and second-factor
    # confirmations), one's own password, and Django's per-application pages.
    desk = demo.users["desk"]
    app_pages = sorted({"/".join(path.split("/")[:3]) + "/" for path in lists})
    for path in (
        f"/admin/auth/user/{desk.pk}/send-password-link/",
        f"/admin/auth/user/{desk.pk}/reset-second-factor/",
        "/admin/password_change/",
        *app_pages,
    ):
        browse.visit(path)
        visited.append(path)
    assert len(visited) >= 2 * len(lists)


def test_the_administrator_gives_a_new_staff_member_a_desk_role_from_one_form(browse, demo):
    from django.contrib.auth import get_user_model

    from notices.models import Notice
    from organisation.models import StaffAccessEvent

    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    page.locator("a.addlink[aria-describedby='staff-and-roles-user']").click()
    page.wait_for_load_state("load")
    browse.audit("add a staff member")
    page.get_by_label("Username").fill("jordan")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Email address").fill("jordan@example.org")
    page.get_by_label("Desk staff:", exact=False).check()
    page.get_by_label("Reason for giving this role").fill("Joins the Westfield desk on Monday.")
    page.locator("#id_branch").select_option(label="Westfield (Patterson Library)")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("load")
    browse.audit("staff member saved")
    assert "The Director was told" in page.content()
    jordan = get_user_model().objects.get(username="jordan")
    assert jordan.staff_profile.display_name == "Jordan"
    assert StaffAccessEvent.objects.filter(user=jordan, acting_username="admin").exists()
    assert Notice.objects.filter(recipient=demo.users["director"]).exists()


def test_the_retention_periods_are_edited_in_the_list_by_their_names(browse, demo):
    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit("/admin/retention/retentionrule/")
    field = page.get_by_label("Days kept: Finished holds, every jurisdiction without its own rule")
    field.fill("45")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    browse.audit("retention periods saved")
    from retention.models import RetentionRule

    assert (
        RetentionRule.objects.get(record_type="finished_holds", jurisdiction_code="*").period_days
        == 45
    )
