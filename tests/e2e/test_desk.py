"""The desk in a real browser: scan a card, check an item out and in."""

from __future__ import annotations

import pytest

from circulation.models import Loan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AVERY_CARD = "20000000000014"  # seed_demo: Avery Stone, adult, Westfield
DUNE = "30000000000111"  # seed_demo: Dune, on the shelf at Westfield
RILEY_CARD = "20000000000030"  # seed_demo: Riley Chen, adult, Millbury


def _wait_for_status(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the desk's status message says `text`."""
    page.wait_for_function(
        "text => document.querySelector('#desk-status').innerText.includes(text)", arg=text
    )


def test_scan_a_card_then_check_an_item_out_and_in(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    assert page.url.endswith("/desk/")
    scan = page.get_by_label("Scan a card or item barcode")
    scan.fill(AVERY_CARD)
    page.get_by_role("button", name="Enter").click()
    page.get_by_text("Avery", exact=False).first.wait_for()
    browse.audit("patron summary")
    page.get_by_label("Scan a card or item barcode").fill(DUNE)
    page.get_by_role("button", name="Enter").click()
    _wait_for_status(page, "Checked out: Dune")
    browse.audit("checked out")
    assert Loan.objects.filter(item__barcode=DUNE, returned_at__isnull=True).count() == 1
    # A second scan straight after is a double read: nothing changes.
    page.get_by_label("Scan a card or item barcode").fill(DUNE)
    page.get_by_role("button", name="Enter").click()
    _wait_for_status(page, "Already on this card: Dune")
    browse.audit("double read")
    assert Loan.objects.filter(item__barcode=DUNE, returned_at__isnull=True).count() == 1
    page.get_by_role("button", name="Check it in").click()
    _wait_for_status(page, "Checked in: Dune")
    browse.audit("checked in")
    assert Loan.objects.filter(item__barcode=DUNE, returned_at__isnull=True).count() == 0


def _ready_to_scan(page) -> None:  # type: ignore[no-untyped-def]
    """The swap has settled and the scan field has the focus again.

    static/js/app.js selects the field's text after each swap; typing before
    that would have its first keystrokes selected and overwritten.
    """
    page.wait_for_function(
        "() => document.activeElement.id === 'scan-barcode'"
        " && !document.querySelector('.htmx-settling, .htmx-swapping, .htmx-request')"
    )
    page.wait_for_timeout(150)


def test_the_desk_flow_with_the_keyboard_alone(browse, demo):
    """Log in, scan a card, check an item out and in: keyboard.type/press only."""
    page = browse.page
    keyboard = page.keyboard
    browse.visit("/accounts/login/")
    # The username field has the focus on arrival.
    assert page.evaluate("document.activeElement.id") == "id_username"
    keyboard.type("desk")
    keyboard.press("Tab")
    keyboard.type(demo.password)
    keyboard.press("Enter")
    page.wait_for_url("**/desk/")
    browse.audit("desk, keyboard")
    # The scan field has the focus on arrival and after every scan.
    assert page.evaluate("document.activeElement.id") == "scan-barcode"
    keyboard.type(AVERY_CARD)
    keyboard.press("Enter")
    page.get_by_text("Avery", exact=False).first.wait_for()
    _ready_to_scan(page)
    keyboard.type(DUNE)
    keyboard.press("Enter")
    _wait_for_status(page, "Checked out: Dune")
    _ready_to_scan(page)
    keyboard.type(DUNE)
    keyboard.press("Enter")
    _wait_for_status(page, "Already on this card: Dune")
    # Escape from the empty scan field sends the patron away; the same scan
    # with nobody in view is a return.
    _ready_to_scan(page)
    keyboard.press("Escape")
    _wait_for_status(page, "Ready for the next patron")
    _ready_to_scan(page)
    keyboard.type(DUNE)
    keyboard.press("Enter")
    _wait_for_status(page, "Checked in: Dune")
    assert Loan.objects.filter(item__barcode=DUNE, returned_at__isnull=True).count() == 0


def _open_avery(browse, demo, login="desk"):  # type: ignore[no-untyped-def]
    page = browse.page
    browse.log_in(login, demo.password)
    page.keyboard.type(AVERY_CARD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Avery Stone").wait_for()
    _ready_to_scan(page)
    return page


def test_a_scan_after_a_disclosure_answer_lands_in_the_scan_field(browse, demo):
    """Alt+1 answers "the cardholder, with card" and moves the focus to the
    answer's heading; the scanner's next barcode still checks an item out."""
    page = _open_avery(browse, demo)
    page.keyboard.press("Alt+1")
    page.locator("#disclosure-answer-h").wait_for()
    page.wait_for_function("() => document.activeElement.id === 'disclosure-answer-h'")
    page.keyboard.type(DUNE)
    page.keyboard.press("Enter")
    _wait_for_status(page, "Checked out: Dune")
    assert Loan.objects.get(item__barcode=DUNE, returned_at__isnull=True).patron.first_name == (
        "Avery"
    )


def test_a_scan_into_another_text_field_is_taken_out_of_it_and_scanned(browse, demo):
    """A scanner's burst typed into a reason field goes to the scan field;
    the reason keeps what was typed by hand."""
    # A supervisor may waive Avery's open fee: the waiver has a reason field.
    page = _open_avery(browse, demo, login="supervisor")
    reason = page.locator("input[name='reason']").first
    reason.click()
    page.keyboard.type("Patron says", delay=120)
    page.keyboard.type(DUNE)  # a burst, as a scanner types
    page.keyboard.press("Enter")
    _wait_for_status(page, "Checked out: Dune")
    assert page.locator("input[name='reason']").first.input_value() in ("", "Patron says")


def test_alt_0_and_escape_bring_the_focus_back_to_the_scan_field(browse, demo):
    page = _open_avery(browse, demo)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "scan-barcode"
    page.keyboard.press("Alt+0")
    assert page.evaluate("document.activeElement.id") == "scan-barcode"
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "scan-barcode"
    # Avery is still in view: Escape away from the field did not dismiss her.
    assert page.get_by_role("heading", name="Avery Stone").is_visible()


def test_the_skip_link_leads_past_the_header_to_the_scan_field(browse, demo):
    page = browse.page
    keyboard = page.keyboard
    browse.log_in("desk", demo.password)
    assert page.evaluate("document.activeElement.id") == "scan-barcode"
    for _ in range(20):  # backwards through the header to its first stop
        keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to main content":
            break
    else:
        pytest.fail("no skip link before the header")
    keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "scan-barcode"


def test_declaring_an_item_lost_keeps_the_scanner_away_from_the_charge(browse, demo):
    """The confirmation leaves the focus in the scan field (a scanner's Enter
    must never confirm a charge); Tab reaches the button; after it, the next
    scan goes to the scan field again."""
    from circulation.models import Fee

    page = browse.page
    keyboard = page.keyboard
    browse.log_in("desk", demo.password)
    keyboard.type(AVERY_CARD)
    keyboard.press("Enter")
    page.get_by_text("Avery", exact=False).first.wait_for()
    _ready_to_scan(page)
    page.get_by_role("button", name="Declare Spirited Away lost").click()
    page.locator("#lost-heading").wait_for()
    _ready_to_scan(page)
    browse.audit("lost confirmation")
    assert not Fee.objects.filter(kind=Fee.Kind.LOST).exists()
    keyboard.press("Tab")
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Declare lost and charge")
    keyboard.press("Enter")
    _wait_for_status(page, "Declared lost: Spirited Away")
    _ready_to_scan(page)
    assert Fee.objects.filter(kind=Fee.Kind.LOST, loan__item__title="Spirited Away").count() == 1


def test_a_link_to_another_patron_opened_elsewhere_does_not_change_the_desk(browse, demo):
    """The desk shows Avery; another tab follows a link to Riley's desk page
    (as a link on another site could). The next scan in the desk's own tab
    still lends to Avery."""
    from patrons.models import Card

    page = browse.page
    browse.log_in("desk", demo.password)
    page.get_by_label("Scan a card or item barcode").fill(AVERY_CARD)
    page.get_by_role("button", name="Enter").click()
    page.get_by_role("heading", name="Avery Stone").wait_for()
    riley = Card.objects.select_related("patron").get(barcode=RILEY_CARD).patron
    other_tab = page.context.new_page()
    other_tab.goto(f"/desk/patron/{riley.pk}/")
    other_tab.get_by_role("heading", name="Riley Chen").wait_for()
    other_tab.close()
    _ready_to_scan(page)
    page.get_by_label("Scan a card or item barcode").fill(DUNE)
    page.get_by_role("button", name="Enter").click()
    _wait_for_status(page, "Checked out: Dune")
    loan = Loan.objects.get(item__barcode=DUNE, returned_at__isnull=True)
    assert loan.patron.first_name == "Avery"


def test_alt_l_opens_log_a_concern_for_the_patron_in_view(browse, demo):
    page = _open_avery(browse, demo)
    page.keyboard.press("Alt+L")
    page.wait_for_url("**/complaints/**")
    assert "patron=" in page.url


def test_the_fee_row_names_the_item_the_fee_is_for(browse, demo):
    page = _open_avery(browse, demo)
    assert page.get_by_role("cell", name="Overdue: Matilda").count() == 1


def test_a_row_button_reached_by_keyboard_acts_on_its_own_row(browse, demo):
    """The summary has one "paid" form; each fee row's button names its fee.
    Focused and pressed with Enter, it records that fee alone, by htmx, and
    the scan field has the focus again."""
    from circulation.models import Fee

    page = _open_avery(browse, demo)
    fee = Fee.objects.get(
        patron__first_name="Avery", status=Fee.Status.OPEN, loan__item__title="Matilda"
    )
    others = set(
        Fee.objects.filter(patron=fee.patron, status=Fee.Status.OPEN)
        .exclude(pk=fee.pk)
        .values_list("pk", flat=True)
    )
    button = page.locator(f'button[form="desk-fee-pay"][value="{fee.pk}"]')
    assert button.get_attribute("aria-label") == f"Paid ${fee.amount:.2f} (record the payment)"
    button.focus()
    page.keyboard.press("Enter")
    _wait_for_status(page, f"Payment of ${fee.amount:.2f} recorded.")
    _ready_to_scan(page)
    browse.audit("after a row action")
    assert Fee.objects.get(pk=fee.pk).status == Fee.Status.PAID
    still_open = Fee.objects.filter(pk__in=others, status=Fee.Status.OPEN)
    assert set(still_open.values_list("pk", flat=True)) == others
    assert page.get_by_role("cell", name="Overdue: Matilda").count() == 0
