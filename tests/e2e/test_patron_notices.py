"""Patron notices in Chromium: desk staff set a patron's preferred channel
on the patron's record; an administrator edits a notice's wording and
previews it with invented data. Every page is checked by axe-core."""

from __future__ import annotations

import pytest

from patronnotices.models import NoticePreference, NoticeTemplate
from patrons.models import Patron

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JAMIE_CARD = "20000000000022"  # seed_demo: Jamie Stone, 12, Westfield (US-NY)


def test_desk_staff_set_the_preferred_channel_on_the_patrons_record(browse, demo):
    page = browse.page
    patron = Patron.objects.get(cards__barcode=JAMIE_CARD)
    browse.log_in("desk", demo.password)
    browse.visit(f"/patrons/{patron.pk}/")
    notices = page.get_by_role("region", name="Notices")
    notices.get_by_label("Text message (SMS)").check()
    notices.get_by_label("Contact is shared or a guardian's").check()
    with page.expect_navigation():
        notices.get_by_role("button", name="Save notice choices").click()
    assert "Saved: how this patron hears from the library." in page.locator("main").inner_text()
    browse.audit("patron record after saving the notice choices")
    preference = NoticePreference.objects.get(patron=patron)
    assert (preference.channel, preference.contact_is_shared, preference.include_titles) == (
        "sms",
        True,
        False,
    )
    # The saved choice is what the form shows next time.
    assert page.get_by_label("Text message (SMS)").is_checked()


def test_the_channel_can_be_chosen_by_keyboard_alone(browse, demo):
    page = browse.page
    patron = Patron.objects.get(cards__barcode=JAMIE_CARD)
    browse.log_in("desk", demo.password)
    browse.visit(f"/patrons/{patron.pk}/")
    page.get_by_label("Printed letter").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save notice choices").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert NoticePreference.objects.get(patron=patron).channel == "print"


def test_an_administrator_edits_and_previews_a_notice(browse, demo):
    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit("/admin/patronnotices/noticetemplate/add/")
    page.get_by_label("Library:", exact=True).select_option(index=1)
    page.get_by_label("Kind").select_option("hold_ready")
    page.get_by_label("Subject").fill("Waiting for you: {% if title %}{{ title }}{% endif %}")
    page.get_by_label("Body").fill("Dear {{ first_name }}, collect it by {{ pickup_by }}.")
    page.get_by_label("Text message").fill("{{ library }}: your hold is in.")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview these texts").click()
    preview = opened.value
    preview.wait_for_load_state("load")
    text = preview.locator("main").inner_text()
    assert "Waiting for you: An Invented Book Title" in text
    assert "Dear Sample, collect it by March 14, 2026." in text
    assert "nothing was saved or sent" in text
    browse.page = preview
    browse.audit("notice preview")
    browse.page = page
    preview.close()
    assert not NoticeTemplate.objects.exists()  # previewing saved nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    browse.audit("notice wording list")
    saved = NoticeTemplate.objects.get()
    assert saved.kind == "hold_ready" and saved.branch is None
