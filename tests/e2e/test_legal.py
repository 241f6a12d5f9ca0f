"""Legal requests in Chromium: a New York subpoena from the officer at the
desk to the production and the patron's notice; a search warrant; an
Illinois emergency; a request under a non-disclosure order. As desk staff,
the Director, a designee and an unrelated supervisor (who sees nothing),
with axe on every page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from legal import services
from legal.models import LegalRequest, PatronNotice, Production
from organisation.models import Branch
from organisation.roles import Role
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AVERY_CARD = "20000000000014"  # seed_demo: Avery Stone, 34, Westfield (US-NY)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")


def _desk_intake(browse, card: str, instrument: str, instrument_label: str) -> str:  # type: ignore[no-untyped-def]
    """At the desk: scan the card, answer "Law enforcement", the document
    shown, then log what the officer shows. Returns the confirmation."""
    page = browse.page
    browse.visit("/desk/")
    page.get_by_label("Scan a card or item barcode").fill(card)
    page.get_by_role("button", name="Enter").click()
    page.locator("#disclosure-panel").wait_for()
    page.get_by_role("button", name="Law enforcement").click()
    page.locator(".legal-intake-form").wait_for()
    if instrument != "none":
        page.locator(".instrument-form").get_by_role("button", name=instrument_label).click()
        page.locator(".disclosure-answer h4", has_text=instrument_label.lower()).wait_for()
    browse.audit("law-enforcement answer with the intake form")
    form = page.locator(".legal-intake-form")
    form.get_by_label("Officer's name").fill("Det. Ada Marsh")
    form.get_by_label("Badge or ID number").fill("4471")
    form.get_by_label("Agency").fill("County Sheriff")
    form.get_by_label("Officer's phone or e-mail").fill("555-0100")
    assert form.get_by_label("Document shown").input_value() == instrument
    form.get_by_label("Issuing court (if any)").fill("Supreme Court, Westfield County")
    form.get_by_label("Docket or warrant number (if any)").fill("2026-0419")
    if instrument != "none":
        form.get_by_label("Scan or photo of the document").set_input_files(
            {"name": "document.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
    form.get_by_role("button", name="Log the request and refer to the Director").click()
    done = page.locator(".legal-intake [role=status]")
    done.wait_for()
    browse.audit("intake confirmation")
    return done.inner_text()


def _latest() -> LegalRequest:
    return LegalRequest.objects.order_by("-pk").first()  # type: ignore[return-value]


def _build_as_the_worker() -> None:
    for production in Production.objects.filter(status=Production.Status.BUILDING):
        services.production_build(production_id=production.pk)


def test_a_new_york_subpoena_from_the_desk_to_production_and_notice(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    confirmation = _desk_intake(browse, AVERY_CARD, "subpoena", "Subpoena")
    request = _latest()
    assert f"request {request.reference}" in confirmation
    assert "Say:" in confirmation and "Avery" not in confirmation
    # The desk never sees the request again.
    assert page.goto(f"/legal/{request.pk}/").status == 404
    _log_out(page)

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit("/legal/")
    assert "Accepted here" in page.locator("main").inner_text()
    page.get_by_role("link", name=request.reference).click()
    page.wait_for_load_state("load")
    browse.audit("request page, received")
    page.get_by_label("Counsel's advice").fill("Valid subpoena; limit to this year's loans.")
    page.get_by_role("button", name="Record counsel's advice").click()
    page.wait_for_load_state("load")
    browse.audit("with counsel")

    # Name the supervisor as designee.
    page.get_by_label("Staff member").select_option(str(demo.users["supervisor"].pk))
    page.get_by_role("button", name="Name as designee").click()
    page.wait_for_load_state("load")

    # Scope: a backwards range first (refused, 400), then the real one.
    year = timezone.localdate().year
    page.get_by_label("Current loans").check()
    page.get_by_label("Loan history").check()
    page.get_by_label("First day of the range").fill(f"{year}-12-31")
    page.get_by_label("Last day of the range").fill(f"{year - 1}-01-01")
    page.get_by_role("button", name="Set the scope").click()
    page.wait_for_load_state("load")
    assert "ends before it starts" in page.locator("[role=alert]").inner_text()
    browse.audit("scope refused")
    page.get_by_label("First day of the range").fill(f"{year - 1}-01-01")
    page.get_by_label("Last day of the range").fill(f"{year}-12-31")
    page.get_by_role("button", name="Set the scope").click()
    page.wait_for_load_state("load")
    browse.audit("scope set, counts shown")
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.SCOPE_SET
    assert "Records the scope covers" in page.locator("main").inner_text()

    page.get_by_role("button", name="Produce the scoped records").click()
    page.wait_for_load_state("load")
    _build_as_the_worker()
    page.reload()
    browse.audit("production ready")
    assert page.get_by_role("link", name="Download the file set as one ZIP").count() == 1
    manifest = page.get_by_role("link", name="manifest.csv")
    assert manifest.count() == 1
    page.get_by_label("Handed to (name, badge and agency)").fill(
        "Det. Ada Marsh, 4471, County Sheriff"
    )
    page.get_by_role("button", name="Record the hand-over").click()
    page.wait_for_load_state("load")
    browse.audit("handed over")
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.PRODUCED
    notice = PatronNotice.objects.get(request=request)
    services.legal_notice_send(notice_id=notice.pk)
    notice.refresh_from_db()
    assert notice.state in (PatronNotice.State.SENT, PatronNotice.State.TO_PRINT)
    page.reload()
    page.get_by_role("link", name="Notice letter to patron").click()
    page.wait_for_load_state("load")
    browse.audit("patron notice letter")
    browse.visit("/legal/?state=all")
    _log_out(page)

    # The designee sees this request; an unrelated supervisor nothing.
    browse.log_in("supervisor", demo.password)
    browse.visit("/legal/")
    browse.visit(f"/legal/{request.pk}/")
    factories.staff_user(
        Role.SUPERVISOR.value, branch=Branch.objects.get(code="westfield"), username="sup-2"
    )
    _log_out(page)
    browse.log_in("sup-2", "pw-for-tests-1")
    assert page.goto("/legal/").status == 404
    assert page.goto(f"/legal/{request.pk}/").status == 404


def test_a_search_warrant_is_executed_at_once_and_items_taken_are_missing(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    confirmation = _desk_intake(browse, AVERY_CARD, "search_warrant", "Search warrant")
    assert "takes effect at once" in confirmation
    request = _latest()
    _log_out(page)

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit(f"/legal/{request.pk}/")
    page.get_by_label("Counsel was called").check()
    page.get_by_label("Staff present while it was executed").fill("Morgan (Director), Sam")
    page.get_by_label("Only what the warrant lists was searched or taken").check()
    page.get_by_role("button", name="Record the execution").click()
    page.wait_for_load_state("load")
    browse.audit("warrant executed")
    item = factories.ItemFactory(home_branch=Branch.objects.get(code="westfield"))
    page.get_by_label("Barcode of an item taken").fill(item.barcode)
    page.get_by_role("button", name="Mark the item missing").click()
    page.wait_for_load_state("load")
    browse.audit("item taken")
    item.refresh_from_db()
    assert item.status == "missing"
    assert "warrant 2026-0419" in page.locator("main").inner_text()


def test_an_illinois_emergency_needs_the_signed_acknowledgement(browse, demo):
    """At the Illinois branch: identity only, after the officer signs."""
    page = browse.page
    jones = Branch.objects.get(code="jones")
    factories.staff_user(Role.DESK_STAFF.value, branch=jones, username="desk-il")
    browse.log_in("desk-il", "pw-for-tests-1")
    morgan_card = "20000000000055"  # seed_demo: Morgan Okafor, 29, Jones (US-IL)
    _desk_intake(browse, morgan_card, "emergency", "Emergency")
    request = _latest()
    assert request.jurisdiction_code == "US-IL"
    _log_out(page)

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit(f"/legal/{request.pk}/")
    assert "Emergency rule applies" in page.locator("main").inner_text()
    page.get_by_role("link", name="Print the acknowledgement form").click()
    page.wait_for_load_state("load")
    browse.audit("acknowledgement form")
    browse.visit(f"/legal/{request.pk}/")
    today = timezone.localdate()
    page.get_by_label("Registration (identity and contact)").check()
    page.get_by_label("First day of the range").fill(str(today - datetime.timedelta(days=365)))
    page.get_by_label("Last day of the range").fill(str(today))
    page.get_by_role("button", name="Set the scope").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Produce the scoped records").click()
    page.wait_for_load_state("load")
    assert "signed emergency acknowledgement" in page.locator("[role=alert]").inner_text()
    browse.audit("refused without the acknowledgement")
    page.get_by_label("What it is").select_option("acknowledgement")
    page.get_by_label("Scan (PDF, PNG or JPEG, up to 10 MB)").set_input_files(
        {"name": "ack.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Attach").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Produce the scoped records").click()
    page.wait_for_load_state("load")
    _build_as_the_worker()
    page.reload()
    browse.audit("identity produced")
    assert page.get_by_role("link", name="01-registration.csv").count() == 1


def test_a_request_under_a_nondisclosure_order_stays_off_the_access_report(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    _desk_intake(browse, AVERY_CARD, "court_order", "Court order")
    request = _latest()
    _log_out(page)

    browse.log_in("director", demo.password, totp_key=demo.key("director"))
    browse.visit(f"/legal/{request.pk}/")
    page.get_by_label("An order is in force").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    assert "Non-disclosure order in force" in page.locator("main").inner_text()
    browse.audit("under a non-disclosure order")
    year = timezone.localdate().year
    page.get_by_label("Current loans").check()
    page.get_by_label("First day of the range").fill(f"{year - 1}-01-01")
    page.get_by_label("Last day of the range").fill(f"{year}-12-31")
    page.get_by_role("button", name="Set the scope").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Produce the scoped records").click()
    page.wait_for_load_state("load")
    _build_as_the_worker()
    page.reload()
    page.get_by_role("button", name="Record the hand-over").click()
    page.wait_for_load_state("load")
    assert PatronNotice.objects.get(request=request).state == PatronNotice.State.DEFERRED
    patron_id = request.scope.get().patron_id
    browse.visit(f"/privacy/patron/{patron_id}/access-report/")
    assert request.reference not in page.locator("main").inner_text()


def test_nothing_from_the_record_stays_on_screen_for_an_officer(browse, demo):
    """Issue 22: with an officer at the desk the patron's name, loans and
    contact leave the screen; the keyboard brings the record back or moves
    on."""
    page = browse.page
    browse.log_in("desk", demo.password)
    browse.visit("/desk/")
    page.get_by_label("Scan a card or item barcode").fill(AVERY_CARD)
    page.get_by_role("button", name="Enter").click()
    page.locator("#disclosure-panel").wait_for()
    assert "Avery" in page.locator("main").inner_text()
    page.get_by_role("button", name="Law enforcement").click()
    page.get_by_role("heading", name="Record hidden").wait_for()
    browse.audit("record hidden for an officer")
    main = page.locator("main").inner_text()
    assert "Avery" not in main and "Stone" not in main and "Current loans (" not in main
    show = page.get_by_role("link", name="Show the record again")
    show.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Avery Stone").wait_for()
    page.get_by_role("button", name="Law enforcement").click()
    page.get_by_role("heading", name="Record hidden").wait_for()
    page.get_by_role("button", name="Next patron").click()
    page.locator("#disclosure-panel").wait_for(state="detached")
