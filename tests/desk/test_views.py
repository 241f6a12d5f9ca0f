"""The desk screen: scanning cards and items, blocks, overrides, bad input."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from circulation.models import Fee, Hold, Item, Loan
from desk.scan import forms, views
from patrons.barcodes import BAD_CHECK_DIGIT, make_card_barcode, make_item_barcode
from patrons.models import Card
from tests import factories

pytestmark = pytest.mark.django_db

SCAN = "/desk/scan/"


@pytest.fixture
def desk_client(client, desk_staff):
    client.force_login(desk_staff)
    return client


def scan(client, barcode, htmx=False, **extra):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(SCAN, {"barcode": barcode, **extra}, **headers)


def test_scan_url_contract_is_stable():
    assert reverse("desk:scan") == SCAN


def test_desk_screen_has_one_focused_labelled_scan_field(desk_client, desk_staff):
    response = desk_client.get(reverse("desk:screen"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="scan-barcode">' in html
    assert 'id="scan-barcode" name="barcode"' in html
    scan_field = html[html.index('id="scan-barcode"') :].split(">", 1)[0]
    assert "data-autofocus" in scan_field and " autofocus" in scan_field
    assert html.count(" autofocus") == 1
    assert f'action="{SCAN}"' in html and f'hx-post="{SCAN}"' in html
    assert desk_staff.staff_profile.display_name in html


def test_scanning_a_card_opens_the_patron_summary(desk_client, card):
    response = scan(desk_client, card.barcode)
    html = response.content.decode()
    assert response.status_code == 200
    assert card.patron.full_name in html
    assert "Current loans (0)" in html
    assert '<section id="disclosure-panel"' in html
    assert 'aria-labelledby="disclosure-heading"' in html and 'name="ask"' in html
    assert desk_client.session[views.SESSION_PATRON] == card.patron_id


def test_htmx_scan_returns_the_panel_and_pushes_an_opaque_url(desk_client, card):
    response = scan(desk_client, card.barcode, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="desk"' in html and 'hx-swap-oob="innerHTML"' in html
    assert response["HX-Push-Url"] == f"/desk/patron/{card.patron_id}/"
    assert card.barcode not in response["HX-Push-Url"]


def test_an_item_scan_with_a_patron_in_view_checks_it_out(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    response = scan(desk_client, item.barcode)
    assert response.status_code == 200
    assert "Checked out: " in response.content.decode()
    loan = Loan.objects.get(item=item, returned_at__isnull=True)
    assert loan.patron_id == card.patron_id and loan.card_id == card.pk


def test_an_item_on_loan_is_checked_in_whether_or_not_a_patron_is_in_view(desk_client, card):
    loan = factories.LoanFactory(
        patron=card.patron, checked_out_at=timezone.now() - datetime.timedelta(days=3)
    )
    scan(desk_client, card.barcode)
    response = scan(desk_client, loan.item.barcode)
    assert "Checked in: " in response.content.decode()
    loan.refresh_from_db()
    assert loan.returned_at is not None
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.AVAILABLE


def test_a_double_read_of_an_item_just_lent_does_not_check_it_back_in(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    assert "Checked out: " in scan(desk_client, item.barcode, htmx=True).content.decode()
    again = scan(desk_client, item.barcode, htmx=True)
    html = again.content.decode()
    assert again.status_code == 200
    assert "Already on this card" in html and "Checked in" not in html
    assert "Check it in" in html
    loan = Loan.objects.get(item=item)
    assert loan.returned_at is None
    assert Item.objects.get(pk=item.pk).status == Item.Status.ON_LOAN


def test_checking_in_an_item_just_lent_takes_the_deliberate_button(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    scan(desk_client, item.barcode)
    patron = {"patron": card.patron_id, "card": card.pk}
    response = scan(desk_client, item.barcode, checkin="on", **patron)
    assert "Checked in: " in response.content.decode()
    assert Loan.objects.get(item=item).returned_at is not None


def test_an_item_just_lent_to_someone_else_is_still_checked_in(desk_client, card):
    """Only the patron in view's own fresh loan is protected: an item lent a
    minute ago to another patron and brought back is a return."""
    other = factories.LoanFactory()
    scan(desk_client, card.barcode)
    assert "Checked in: " in scan(desk_client, other.item.barcode).content.decode()


def test_the_double_read_window_is_a_setting(desk_client, card, settings):
    settings.DESK_RESCAN_WINDOW_SECONDS = 0
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    scan(desk_client, item.barcode)
    assert "Checked in: " in scan(desk_client, item.barcode).content.decode()


def test_an_item_scan_with_nobody_in_view_checks_in(desk_client):
    loan = factories.LoanFactory()
    response = scan(desk_client, loan.item.barcode, htmx=True)
    assert response.status_code == 200
    assert "Checked in: " in response.content.decode()
    assert Loan.objects.get(pk=loan.pk).returned_at is not None


def test_checkin_tells_staff_to_put_a_held_item_on_the_hold_shelf(desk_client, branch, desk_staff):
    loan = factories.LoanFactory(item__home_branch=branch, branch=branch)
    factories.HoldFactory(item=loan.item, pickup_branch=branch)
    response = scan(desk_client, loan.item.barcode)
    assert f"Put it on the hold shelf for pickup at {branch.name}" in response.content.decode()


def test_a_blocked_checkout_shows_the_reasons_and_no_override_for_desk_staff(desk_client, card):
    factories.FeeFactory(patron=card.patron, amount=Decimal("25.00"))
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    response = scan(desk_client, item.barcode)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Open fees of $25.00 are over the $10.00 limit" in html
    assert 'action="/desk/override/"' not in html
    assert "A supervisor can override" in html
    assert not Loan.objects.filter(item=item).exists()


def test_a_supervisor_overrides_a_block_with_a_reason(client, supervisor, card):
    client.force_login(supervisor)
    factories.FeeFactory(patron=card.patron, amount=Decimal("25.00"))
    item = factories.ItemFactory()
    scan(client, card.barcode)
    blocked = scan(client, item.barcode)
    html = blocked.content.decode()
    assert 'action="/desk/override/"' in html
    # The reason field, not the scan field, takes the focus.
    assert (
        'id="override-reason" name="reason" type="text" maxlength="300" required autofocus' in html
    )
    assert html.count(" autofocus") == 1
    missing = client.post("/desk/override/", {"barcode": item.barcode, "reason": ""})
    assert missing.status_code == 400
    assert forms.REASON_REQUIRED in missing.content.decode()
    # The next item scanned into the focused reason field (its Enter submits)
    # is refused: a barcode is no reason.
    other = factories.ItemFactory()
    for scanned in (other.barcode, f" {card.barcode} "):
        refused = client.post("/desk/override/", {"barcode": item.barcode, "reason": scanned})
        assert refused.status_code == 400
        assert escape(forms.REASON_IS_A_BARCODE) in refused.content.decode()
    assert not Loan.objects.filter(item=item).exists()
    response = client.post(
        "/desk/override/", {"barcode": item.barcode, "reason": "Paying next visit"}
    )
    assert response.status_code == 200
    loan = Loan.objects.get(item=item)
    assert loan.override_reason == "Paying next visit" and loan.override_by == supervisor


def test_desk_staff_cannot_post_an_override(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    response = desk_client.post("/desk/override/", {"barcode": item.barcode, "reason": "x"})
    assert response.status_code == 403
    assert not Loan.objects.filter(item=item).exists()


def test_an_item_already_on_loan_elsewhere_offers_no_override(client, supervisor, card):
    client.force_login(supervisor)
    item = factories.ItemFactory(status=Item.Status.AVAILABLE)
    factories.LoanFactory(item=item)  # status says available, a loan is open
    Item.objects.filter(pk=item.pk).update(status=Item.Status.AVAILABLE)
    scan(client, card.barcode)
    response = scan(client, item.barcode)
    assert response.status_code == 409
    assert "already on loan" in response.content.decode()
    assert 'action="/desk/override/"' not in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "status", "message"),
    [
        ("", 400, forms.EMPTY_SCAN),
        ("   ", 400, forms.EMPTY_SCAN),
        ("abc", 400, forms.NOT_DIGITS),
        ("2000000000001", 400, forms.WRONG_LENGTH.format(n=13)),
        ("200000000000144", 400, forms.WRONG_LENGTH.format(n=15)),
        ("20000000000015", 400, BAD_CHECK_DIGIT),
        ("40000000000010", 400, forms.WRONG_PREFIX),
        ("9" * 5000, 400, forms.TOO_LONG),
        ("٢٠٠٠٠٠٠٠٠٠٠٠١٤", 400, forms.NOT_DIGITS),
        ("2000\x0000000014", 400, None),
        ("<script>alert(1)</script>", 400, forms.NOT_DIGITS),
        (make_card_barcode(777_777), 404, views.UNKNOWN_CARD),
        (make_item_barcode(777_777), 404, views.UNKNOWN_ITEM),
    ],
)
def test_bad_and_unknown_barcodes_get_a_clear_message(desk_client, raw, status, message):
    response = scan(desk_client, raw)
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="notice notice-bad"' in html
    if message:
        assert message in html
    assert "<script>alert" not in html


def test_next_patron_clears_the_patron_in_view(desk_client, card):
    scan(desk_client, card.barcode)
    response = desk_client.post(reverse("desk:next"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert views.SESSION_PATRON not in desk_client.session
    assert card.patron.full_name not in response.content.decode()
    assert response["HX-Push-Url"] == "/desk/"


def test_the_next_patron_button_is_keyboard_reachable_without_inline_js(desk_client, card):
    html = scan(desk_client, card.barcode).content.decode()
    assert "data-next-patron" in html and 'aria-keyshortcuts="Escape"' in html
    assert "onclick" not in html and "onkeydown" not in html and 'style="' not in html
    assert "js/desk.js" in html


def test_a_volunteer_never_receives_contact_details(client, volunteer, card):
    patron = card.patron
    patron.email = "secret.person@example.org"
    patron.phone = "555-0199"
    patron.address_line = "12 Hidden Lane"
    patron.save()
    client.force_login(volunteer)
    html = scan(client, card.barcode).content.decode()
    assert patron.full_name in html
    for value in ("secret.person@example.org", "555-0199", "12 Hidden Lane", "Contact"):
        assert value not in html


def test_desk_staff_see_contact_details(desk_client, card):
    html = scan(desk_client, card.barcode).content.decode()
    assert card.patron.email in html


def test_administrators_have_no_desk(client, administrator, card):
    client.force_login(administrator)
    assert client.get(reverse("desk:screen")).status_code == 403
    response = scan(client, card.barcode)
    assert response.status_code == 403
    assert card.patron.last_name not in response.content.decode()


def test_the_patron_url_is_opaque_and_forbidden_ids_are_404(desk_client, card):
    response = desk_client.get(reverse("desk:patron", args=[card.patron_id]))
    assert response.status_code == 200 and card.patron.full_name in response.content.decode()
    assert desk_client.get(reverse("desk:patron", args=[999999])).status_code == 404


def _load(patron, n, branch):
    for _ in range(n):
        factories.LoanFactory(patron=patron, item__home_branch=branch, branch=branch)
        factories.HoldFactory(patron=patron, item__home_branch=branch)
        factories.FeeFactory(patron=patron, amount=Decimal("0.10"))
        factories.ProxyAuthorizationFactory(cardholder=patron)
        factories.GuardianLinkFactory(patron=patron)


def test_scan_to_summary_query_count_is_small_and_independent_of_data(
    client, desk_staff, branch, django_assert_max_num_queries
):
    small = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    large = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    _load(small.patron, 1, branch)
    _load(large.patron, 25, branch)
    counts = []
    for card in (small, large):
        client.force_login(desk_staff)
        with django_assert_max_num_queries(12) as captured:
            response = scan(client, card.barcode, htmx=True)
        assert response.status_code == 200
        counts.append(len(captured))
    html = response.content.decode()
    assert "Current loans (25)" in html and "Holds (25)" in html
    assert "Fees: $2.50 open" in html
    assert html.count("Proxy: ") == 25 + 25  # the list and the borrower choice
    assert html.count("Parent: ") == 25
    assert counts[0] == counts[1] <= 12


def test_overdue_loans_are_highlighted_and_renewable(desk_client, card):
    past = timezone.now() - datetime.timedelta(days=30)
    loan = factories.LoanFactory(patron=card.patron, checked_out_at=past)
    html = scan(desk_client, card.barcode).content.decode()
    assert 'class="overdue"' in html and "Overdue" in html
    response = desk_client.post(reverse("desk:renew", args=[loan.pk]))
    assert response.status_code == 200
    assert "Renewed: " in response.content.decode()
    loan.refresh_from_db()
    assert loan.renewals == 1 and loan.due_at > timezone.now()


def test_a_loan_made_today_offers_no_renewal_and_refuses_one_with_the_reason(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    scan(desk_client, item.barcode)
    loan = Loan.objects.get(item=item, returned_at__isnull=True)
    html = scan(desk_client, card.barcode).content.decode()
    assert "Renewable nearer the due date" in html
    assert reverse("desk:renew", args=[loan.pk]) not in html
    response = desk_client.post(reverse("desk:renew", args=[loan.pk]))
    assert response.status_code == 409
    assert "would not move the due date" in response.content.decode()
    loan.refresh_from_db()
    assert loan.renewals == 0


def test_place_and_cancel_a_hold_from_the_desk(desk_client, card):
    item = factories.ItemFactory()
    scan(desk_client, card.barcode)
    response = desk_client.post(reverse("desk:hold_place"), {"barcode": item.barcode})
    assert response.status_code == 200
    hold = Hold.objects.get(item=item, patron=card.patron)
    again = desk_client.post(reverse("desk:hold_place"), {"barcode": item.barcode})
    assert again.status_code == 409
    bad = desk_client.post(reverse("desk:hold_place"), {"barcode": card.barcode})
    assert bad.status_code == 400 and forms.NOT_AN_ITEM in bad.content.decode()
    desk_client.post(reverse("desk:hold_cancel", args=[hold.pk]))
    assert Hold.objects.get(pk=hold.pk).status == Hold.Status.CANCELLED


def test_hold_placement_needs_a_patron_in_view(desk_client):
    item = factories.ItemFactory()
    response = desk_client.post(reverse("desk:hold_place"), {"barcode": item.barcode})
    assert response.status_code == 400
    assert escape(views.NO_PATRON_IN_VIEW) in response.content.decode()


def test_fees_are_paid_by_desk_staff_and_waived_only_by_supervisors(
    client, desk_staff, supervisor, card
):
    fee = factories.FeeFactory(patron=card.patron, amount=Decimal("3.00"))
    other = factories.FeeFactory(patron=card.patron, amount=Decimal("4.00"))
    client.force_login(desk_staff)
    scan(client, card.barcode)
    assert client.post(reverse("desk:fee_pay", args=[fee.pk])).status_code == 200
    assert Fee.objects.get(pk=fee.pk).status == Fee.Status.PAID
    assert (
        client.post(reverse("desk:fee_waive", args=[other.pk]), {"reason": "x"}).status_code == 403
    )
    client.force_login(supervisor)
    assert client.post(reverse("desk:fee_waive", args=[other.pk]), {}).status_code == 400
    response = client.post(reverse("desk:fee_waive", args=[other.pk]), {"reason": "Hardship"})
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.status == Fee.Status.WAIVED and other.waive_reason == "Hardship"


def test_a_lost_card_shows_its_block_and_cannot_borrow_even_with_override(client, supervisor, card):
    Card.objects.filter(pk=card.pk).update(status=Card.Status.LOST)
    client.force_login(supervisor)
    html = scan(client, card.barcode).content.decode()
    assert "reported lost" in html
    item = factories.ItemFactory()
    response = scan(client, item.barcode)
    assert response.status_code == 409
    assert 'action="/desk/override/"' not in response.content.decode()
    forced = client.post("/desk/override/", {"barcode": item.barcode, "reason": "please"})
    assert forced.status_code == 409
    assert not Loan.objects.filter(item=item).exists()


def test_a_proxy_chosen_at_the_desk_borrows_on_the_card_and_stays_chosen(desk_client, card):
    proxy = factories.ProxyAuthorizationFactory(cardholder=card.patron, proxy_name="Chris Rivera")
    html = scan(desk_client, card.barcode).content.decode()
    assert 'form="scan-form"' in html and "Proxy: Chris Rivera" in html
    item = factories.ItemFactory()
    response = scan(desk_client, item.barcode, proxy=str(proxy.pk))
    assert response.status_code == 200
    assert Loan.objects.get(item=item).proxy == proxy
    assert f'<option value="{proxy.pk}" selected>' in response.content.decode()


def test_a_pickup_only_proxy_is_refused_with_the_reason(desk_client, card):
    proxy = factories.ProxyAuthorizationFactory(cardholder=card.patron, may_borrow=False)
    scan(desk_client, card.barcode)
    item = factories.ItemFactory()
    response = scan(desk_client, item.barcode, proxy=str(proxy.pk))
    assert response.status_code == 409
    assert "not authorized to borrow" in response.content.decode()
    assert not Loan.objects.filter(item=item).exists()


def test_a_proxy_of_someone_else_is_refused(desk_client, card):
    other = factories.ProxyAuthorizationFactory()
    scan(desk_client, card.barcode)
    item = factories.ItemFactory()
    response = scan(desk_client, item.barcode, proxy=str(other.pk))
    assert response.status_code == 409
    assert escape(views.PROXY_UNKNOWN) in response.content.decode()


def test_declaring_an_item_lost_asks_first_then_charges_its_replacement_cost(desk_client, card):
    loan = factories.LoanFactory(
        patron=card.patron, item__title="Atlas of Rivers", item__replacement_cost=Decimal("42.50")
    )
    scan(desk_client, card.barcode)
    url = reverse("desk:loan_lost", args=[loan.pk])
    summary = scan(desk_client, card.barcode).content.decode()
    # The summary's one "lost" form, and the loan's row button naming the loan.
    chosen = reverse("desk:loan_lost_chosen")
    assert f'id="desk-lost" method="post" action="{chosen}" hx-post="{chosen}"' in summary
    assert f'form="desk-lost" name="loan" value="{loan.pk}"' in summary
    by_button = desk_client.post(chosen, {"loan": str(loan.pk)})
    assert by_button.status_code == 200
    assert "Declare Atlas of Rivers lost?" in by_button.content.decode()
    assert f'action="{url}"' in by_button.content.decode()

    asked = desk_client.post(url)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Declare Atlas of Rivers lost?" in html and "$42.50" in html
    assert not Fee.objects.exists() and Loan.objects.get(pk=loan.pk).returned_at is None
    for odd in ("YES", "no", "yes\x00", "x" * 5000):
        assert (
            "Declare Atlas of Rivers lost?"
            in desk_client.post(url, {"confirm": odd}).content.decode()
        )
    assert not Fee.objects.exists()

    done = desk_client.post(url, {"confirm": "yes"})
    assert done.status_code == 200
    assert "Declared lost: Atlas of Rivers. A lost-item fee of $42.50 was charged." in (
        done.content.decode()
    )
    fee = Fee.objects.get()
    assert (fee.kind, fee.amount, fee.status, fee.patron_id, fee.loan_id) == (
        Fee.Kind.LOST,
        Decimal("42.50"),
        Fee.Status.OPEN,
        card.patron_id,
        loan.pk,
    )
    loan.refresh_from_db()
    assert loan.returned_at is not None
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.LOST
    # Twice is refused, and charges nothing more.
    again = desk_client.post(url, {"confirm": "yes"})
    assert again.status_code == 409 and Fee.objects.count() == 1


def test_declaring_lost_tells_staff_about_patrons_waiting_for_the_item(desk_client, card):
    loan = factories.LoanFactory(patron=card.patron, item__replacement_cost=Decimal("10.00"))
    url = reverse("desk:loan_lost", args=[loan.pk])
    scan(desk_client, card.barcode)
    quiet = desk_client.post(url, {"confirm": "yes"}).content.decode()
    assert "waiting for this item" not in quiet

    other = factories.LoanFactory(patron=card.patron, item__replacement_cost=Decimal("10.00"))
    factories.HoldFactory(item=other.item)
    factories.HoldFactory(item=other.item)
    factories.HoldFactory(item=other.item, status=Hold.Status.CANCELLED)
    html = desk_client.post(
        reverse("desk:loan_lost", args=[other.pk]), {"confirm": "yes"}
    ).content.decode()
    assert "2 patrons are waiting for this item." in html
    assert Hold.objects.filter(item=other.item, status=Hold.Status.WAITING).count() == 2


def test_a_lost_item_checked_in_cancels_its_unpaid_fee(desk_client, card, desk_staff):
    from circulation import services as circ

    loan = factories.LoanFactory(patron=card.patron, item__replacement_cost=Decimal("30.00"))
    fee = circ.loan_declare_lost(
        loan=loan, acting_user=desk_staff, branch=desk_staff.staff_profile.branch
    )
    response = scan(desk_client, loan.item.barcode)
    assert "the lost-item fee of $30.00 is cancelled" in response.content.decode()
    fee.refresh_from_db()
    assert fee.status == Fee.Status.WAIVED and fee.closed_by == desk_staff
    assert fee.waive_reason == circ.LOST_RETURNED_REASON
    assert Item.objects.get(pk=loan.item_id).status == Item.Status.AVAILABLE


def test_a_lost_item_whose_fee_was_paid_tells_staff_to_refund(desk_client, card, desk_staff):
    from circulation import services as circ

    loan = factories.LoanFactory(patron=card.patron, item__replacement_cost=Decimal("30.00"))
    fee = circ.loan_declare_lost(
        loan=loan, acting_user=desk_staff, branch=desk_staff.staff_profile.branch
    )
    circ.fee_pay(fee=fee, acting_user=desk_staff)
    response = scan(desk_client, loan.item.barcode)
    assert "its fee of $30.00 was already paid" in response.content.decode()
    assert Fee.objects.get(pk=fee.pk).status == Fee.Status.PAID


def test_volunteers_cannot_declare_an_item_lost(client, volunteer, card):
    loan = factories.LoanFactory(patron=card.patron)
    client.force_login(volunteer)
    page = scan(client, card.barcode).content.decode()
    assert reverse("desk:loan_lost", args=[loan.pk]) not in page
    assert client.post(reverse("desk:loan_lost", args=[loan.pk])).status_code == 403
    assert not Fee.objects.exists()
