"""The desk's own work in a real browser: every new page axe-clean, and a
keyboard-only run that records an inquiry, a tally, a callback and a
waiting patron, then scans a card and checks an item out."""

from __future__ import annotations

import pytest

from circulation.models import Loan
from desk.models import Callback, Inquiry, WaitingEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AVERY_CARD = "20000000000014"  # seed_demo: Avery Stone, adult, Westfield
DUNE = "30000000000111"  # seed_demo: Dune, on the shelf at Westfield


def _wait_for_work_status(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "text => (document.querySelector('#work-status') || {innerText: ''}).innerText"
        ".includes(text)",
        arg=text,
    )


def _wait_for_desk_status(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "text => document.querySelector('#desk-status').innerText.includes(text)", arg=text
    )


def _settled(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => !document.querySelector('.htmx-settling, .htmx-swapping, .htmx-request')"
    )
    page.wait_for_timeout(150)


def _focused(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("document.activeElement.id")


def test_desk_work_with_the_keyboard_alone(browse, demo):
    page = browse.page
    keyboard = page.keyboard
    browse.visit("/accounts/login/")
    keyboard.type("desk")
    keyboard.press("Tab")
    keyboard.type(demo.password)
    keyboard.press("Enter")
    page.wait_for_url("**/desk/")
    browse.audit("desk with the work region")
    assert _focused(page) == "scan-barcode"
    before = Inquiry.objects.filter(is_tally=False).count()

    # An inquiry: Alt+Shift+I, then the fields in order.
    keyboard.press("Alt+Shift+KeyI")
    assert _focused(page) == "id_inq-channel"
    keyboard.type("Ph")  # Phone
    keyboard.press("Tab")
    keyboard.type("Res")  # Research
    keyboard.press("Tab")
    # READ 3 with the arrows: a digit typed outside a text field is a scan
    # (static/js/scan-capture.js) and goes to the scan field.
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    keyboard.press("Tab")
    keyboard.type("12")  # minutes
    keyboard.press("Enter")
    _wait_for_work_status(page, "Inquiry recorded: Research, READ 3.")
    _settled(page)
    inquiry = Inquiry.objects.filter(is_tally=False).latest("id")
    assert Inquiry.objects.filter(is_tally=False).count() == before + 1
    assert (inquiry.channel, inquiry.read_level, inquiry.minutes) == ("phone", 3, 12)
    assert inquiry.inquiry_type.label == "Research"
    assert _focused(page) == "scan-barcode"

    # Record and keep: Ctrl+Enter keeps the choices and focuses the button.
    keyboard.press("Alt+Shift+KeyI")
    keyboard.press("Control+Enter")
    _wait_for_work_status(page, "The form is kept for the next one")
    _settled(page)
    assert _focused(page) == "inquiry-keep"
    browse.audit("inquiry form kept")

    # A tally: one key.
    tallies = Inquiry.objects.filter(is_tally=True).count()
    keyboard.press("Alt+Shift+Digit2")
    _wait_for_work_status(page, "Counted: Printer and copier")
    assert Inquiry.objects.filter(is_tally=True).count() == tallies + 1

    # A callback with the same-day target.
    keyboard.press("Alt+Shift+KeyC")
    assert _focused(page) == "id_cb-name"
    keyboard.type("Jordan")
    keyboard.press("Tab")
    keyboard.type("555-0123")
    keyboard.press("Enter")
    _wait_for_work_status(page, "Callback added: call Jordan")
    _settled(page)
    assert Callback.objects.filter(name="Jordan", phone="555-0123").exists()

    # A waiting patron, then call the next one (in person first).
    keyboard.press("Alt+Shift+KeyW")
    assert _focused(page) == "id_wait-name"
    keyboard.type("Ticket 99")
    keyboard.press("Enter")
    _wait_for_work_status(page, "Ticket 99 added to the waiting list.")
    _settled(page)
    assert WaitingEntry.objects.filter(name="Ticket 99", status="waiting").exists()
    page.get_by_text("Ticket 99", exact=False).first.wait_for()
    keyboard.press("Alt+Shift+KeyN")
    _wait_for_work_status(page, "Next: Ticket 14.")
    _settled(page)

    # Focus is back in the scan field: a card, then an item out.
    assert _focused(page) == "scan-barcode"
    keyboard.type(AVERY_CARD)
    keyboard.press("Enter")
    page.get_by_text("Avery", exact=False).first.wait_for()
    _settled(page)
    assert _focused(page) == "scan-barcode"
    keyboard.type(DUNE)
    keyboard.press("Enter")
    _wait_for_desk_status(page, "Checked out: Dune")
    assert Loan.objects.filter(item__barcode=DUNE, returned_at__isnull=True).count() == 1
    browse.audit("after desk work and a checkout")


def test_every_new_page_is_axe_clean(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    for path in ("/desk/inquiries/", "/desk/callbacks/", "/desk/waiting/"):
        browse.visit(path)
        page.get_by_text("Overdue", exact=False).first.wait_for()
    # A form sent back with its errors.
    browse.visit("/desk/callbacks/")
    page.get_by_role("button", name="Add callback").click()
    _wait_for_work_status(page, "Nothing was saved")
    browse.audit("callback form with errors")
    page.get_by_role("button", name="Log out").click()

    browse.log_in("supervisor", demo.password)
    browse.visit("/reports/")
    page.get_by_role("link", name="Desk statistics").click()
    page.wait_for_url("**/desk/stats/")
    browse.audit("desk statistics")
    assert page.locator("svg.report-chart").count() >= 8
    assert page.locator("table.report-table").count() >= 8
    browse.visit("/desk/stats/?start=2026-03-10&end=2026-03-01", audit=False)
    page.get_by_text("The end date is before the start date").wait_for()
    browse.audit("desk statistics, backwards range")


def test_an_administrator_edits_the_desks_lists_without_patron_data(browse, demo):
    from desk.models import InquiryType

    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit("/admin/desk/inquirytype/")
    browse.visit("/admin/desk/inquirytype/add/")
    page.get_by_label("Label").fill("Genealogy")
    page.locator("#id_branch").select_option(label="Westfield (Patterson Library)")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/desk/inquirytype/")
    browse.audit("inquiry types after adding one")
    assert InquiryType.objects.filter(label="Genealogy", branch__code="westfield").exists()
    browse.visit("/admin/desk/referraltarget/")
    # Administrators see no patron data: the desk's own pages are closed.
    response = page.goto("/desk/inquiries/")
    assert response is not None and response.status == 403


def test_a_volunteer_records_and_reads_only_their_own_text(browse, demo):
    page = browse.page
    browse.log_in("volunteer", demo.password)
    browse.visit("/desk/inquiries/")
    # The desk user's questions seeded today are counted, their text is not shown.
    assert "Local history of the canal" not in page.content()
    assert "Setting up the e-book app" in page.content()  # the volunteer's own
    page.get_by_label("Type").select_option(label="Directional")
    page.get_by_label("Question (optional, confidential)").fill("Where is the restroom key?")
    page.get_by_role("button", name="Record", exact=True).click()
    _wait_for_work_status(page, "Inquiry recorded: Directional, READ 1.")
    browse.audit("volunteer after recording")


def test_a_tally_never_pulls_the_focus_from_a_form_being_typed_in(browse, demo):
    """With nothing waiting and nothing overdue too (the panel's top line is
    empty), a one-key tally leaves the focus where the typing is."""
    from desk.models import Callback, WaitingEntry

    Callback.objects.all().delete()
    WaitingEntry.objects.all().delete()
    page = browse.page
    keyboard = page.keyboard
    browse.log_in("desk", demo.password)
    keyboard.press("Alt+Shift+KeyW")
    keyboard.type("Ti")
    keyboard.press("Alt+Shift+Digit1")
    _wait_for_work_status(page, "Counted: Directions")
    _settled(page)
    keyboard.type("cket 5")
    assert _focused(page) == "id_wait-name"
    assert page.input_value("#id_wait-name") == "Ticket 5"
