"""Programs and public computers in a real browser, axe on every page:
the desk signs people up, cancels (the waitlist moves up and the desk is
told whom to call), takes attendance; runs the stations board, guest
passes and the queue; bad input is refused with the reason."""

from __future__ import annotations

import pytest

from computers.models import ComputerSession, GuestPass, QueueEntry
from patrons.barcodes import make_card_barcode
from programs.models import Program, ProgramSignup

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MORGAN_CARD = make_card_barcode(5)  # seed_demo: Morgan Okafor, adult
PAT_CARD = make_card_barcode(9)  # seed_demo: Pat Rivera, senior, Westfield
RILEY_CARD = make_card_barcode(3)  # seed_demo: Riley Chen, adult


def test_sign_ups_the_waitlist_and_attendance(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    page.get_by_role("link", name="Programs", exact=True).first.click()
    page.wait_for_load_state("load")
    browse.audit("program list")
    page.get_by_role("link", name="Family story time").click()
    page.wait_for_load_state("load")
    browse.audit("program detail")
    story = Program.objects.get(title="Family story time")

    # Full: a card scanned joins the waitlist, typed with the keyboard alone.
    page.get_by_label("Card barcode:", exact=True).focus()
    page.keyboard.type(MORGAN_CARD)
    page.keyboard.press("Enter")
    page.get_by_text("number 3 on the waitlist").wait_for()
    browse.audit("waitlisted")

    # Cancelling a place moves the first on the waitlist up: call them.
    page.get_by_role("button", name="Cancel Avery Stone").click()
    page.get_by_role("heading", name="To call: moved up from the waitlist").wait_for()
    browse.audit("to call")
    kim = ProgramSignup.objects.get(program=story, patron__first_name="Kim")
    assert kim.status == ProgramSignup.Status.CONFIRMED
    page.get_by_role("button", name="Called Kim Nguyen").click()
    page.get_by_text("Noted: Kim Nguyen was called.").wait_for()

    # Attendance waits for the program's day (three days away).
    page.get_by_text("Attendance is taken on the day of the program").wait_for()
    assert page.get_by_role("button", name="Save attendance").count() == 0

    # Today's program: tick one name, count walk-ins.
    story = Program.objects.get(title="Homework help")
    browse.visit(f"/programs/{story.pk}/")
    page.get_by_label("Came: Jamie Stone").check()
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_text("Attendance saved: 1 attending.").wait_for()
    page.get_by_label("Walk-ins (head count)").fill("2")
    page.get_by_role("button", name="Save head count").click()
    page.get_by_text("Walk-ins: 2.").wait_for()
    browse.audit("attendance")
    story.refresh_from_db()
    assert story.walk_ins == 2


def test_planning_a_program_that_ends_before_it_starts_is_refused(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    browse.visit("/programs/new/")
    page.get_by_label("Title").fill("Chess club")
    page.get_by_label("Starts").fill("2030-05-01T15:00")
    page.get_by_label("Ends").fill("2030-05-01T14:00")
    page.get_by_label("Capacity (places)").fill("-1")
    page.get_by_role("button", name="Save the program").click()
    page.get_by_text("The program must end after it starts").wait_for()
    page.get_by_text("Capacity must be at least 1 place.").wait_for()
    browse.audit("refused")
    assert not Program.objects.filter(title="Chess club").exists()


def test_the_stations_board_guest_passes_and_the_queue(browse, demo):
    page = browse.page
    browse.log_in("volunteer", demo.password)
    page.get_by_role("link", name="Computers", exact=True).click()
    page.wait_for_load_state("load")
    browse.audit("stations board")
    assert page.get_by_text("Out of order").count() >= 1

    page.get_by_label("Card barcode for PC 2").fill(PAT_CARD)
    page.get_by_role("button", name="Start on PC 2").click()
    page.get_by_text("Session started on PC 2").wait_for()
    browse.audit("session started")

    # An adult's guest pass needs the photo ID check.
    page.get_by_role("radio", name="Adult").check()
    page.get_by_role("button", name="Issue a guest pass").click()
    page.get_by_text("needs a photo ID check").wait_for()
    browse.audit("guest pass refused")
    assert not GuestPass.objects.exists()
    page.get_by_role("radio", name="Adult").check()
    page.get_by_label("I checked a photo ID (needed for adults)").check()
    page.get_by_role("button", name="Issue a guest pass").click()
    code = GuestPass.objects.get().code
    page.get_by_text(f"Guest pass {code} issued").wait_for()

    # Every adult station busy or broken: the next card joins the queue.
    page.get_by_label("Guest pass for Express 1").fill(code)
    page.get_by_role("button", name="Start on Express 1").click()
    page.get_by_text("Session started on Express 1").wait_for()
    queue = page.locator("form[action$='/computers/queue/']")
    queue.get_by_label("Card barcode").fill(RILEY_CARD)
    queue.get_by_label("Station type").select_option("adult")
    page.get_by_role("button", name="Add to the queue").click()
    page.get_by_text("is in the queue").wait_for()
    browse.audit("queued")
    entry = QueueEntry.objects.get(patron__first_name="Riley")
    assert entry.status == QueueEntry.Status.WAITING

    # Ending PC 2 reserves it for the ticket.
    page.get_by_role("button", name="End session on PC 2").click()
    page.get_by_text(f"for ticket {entry.ticket} until").first.wait_for()
    browse.audit("reserved")
    entry.refresh_from_db()
    assert entry.status == QueueEntry.Status.OFFERED
    assert ComputerSession.objects.filter(station__label="PC 2", ended_at__isnull=True).count() == 0


def test_the_supervisor_reads_the_counts_as_charts_and_csv(browse, demo):
    page = browse.page
    browse.log_in("supervisor", demo.password)
    page.get_by_role("link", name="Reports", exact=True).click()
    page.wait_for_load_state("load")
    browse.audit("reports index")
    page.get_by_role("link", name="Program attendance").click()
    page.get_by_role("heading", name="Attendance by age band").wait_for()
    browse.audit("program attendance")
    assert "Avery" not in page.content()
    page.goto("/reports/")
    page.get_by_role("link", name="Public-computer use").click()
    page.get_by_role("heading", name="Sessions by station type").wait_for()
    browse.audit("computer use")
    page.get_by_label("From").fill("2026-05-01")
    page.get_by_label("To").fill("2026-04-01")
    page.get_by_role("button", name="Show").click()
    page.get_by_text("swap them").wait_for()
    browse.audit("range refused")


def test_the_administrator_configures_stations_without_seeing_sessions(browse, demo):
    from computers.models import Station

    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit("/admin/computers/station/")
    assert "Kids 1" in page.content()
    assert page.goto("/admin/computers/computersession/").status == 404
    browse.visit("/admin/computers/computersettings/")
    browse.visit("/admin/programs/room/")
    # Issue a token for PC 1 at Westfield: shown once, stored hashed.
    browse.visit("/admin/computers/station/")
    pc1 = Station.objects.get(label="PC 1", branch__code="westfield")
    page.locator(f"input[name='_selected_action'][value='{pc1.pk}']").check()
    page.get_by_label("Action:").select_option("issue_token")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("heading", name="Station tokens").wait_for()
    browse.audit("token shown once")
    token = page.locator("dd code").inner_text()
    pc1.refresh_from_db()
    assert token and token not in pc1.token_hash
