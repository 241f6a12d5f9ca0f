"""The catalogue in a real browser: from the patron at the desk, find a
title, place a hold on any copy, and check a copy in to fill it."""

from __future__ import annotations

import pytest

from circulation.models import Hold, Item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AVERY_CARD = "20000000000014"  # seed_demo: Avery Stone, adult, Westfield
DUNE_HERE = "30000000000111"  # seed_demo: Dune, on the shelf at Westfield (3 copies)


def _wait_for_status(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel).innerText.includes(text)",
        arg=[selector, text],
    )


def test_place_a_title_hold_from_the_title_search_and_fill_it_at_check_in(browse, demo):
    page = browse.page
    browse.log_in("desk", demo.password)
    page.get_by_label("Scan a card or item barcode").fill(AVERY_CARD)
    page.get_by_role("button", name="Enter").click()
    page.get_by_role("heading", name="Avery Stone").wait_for()
    page.get_by_role("link", name="Find a title to hold (any copy)").click()
    page.get_by_role("heading", name="Find a title").wait_for()
    browse.audit("title search for a patron")
    # Words of the title and the author, the last one still being typed.
    page.get_by_label("Title, author or ISBN").fill("dune herb")
    page.get_by_role("button", name="Search").click()
    _wait_for_status(page, "#title-results-status", "1 title found")
    browse.audit("title search results")
    assert "0 of 3 on the shelf" not in page.locator("table").inner_text()
    page.get_by_role("link", name="Dune").click()
    page.get_by_role("heading", name="Dune", exact=True).wait_for()
    browse.audit("title page with its copies")
    copies = page.locator("table").inner_text()
    assert copies.count("On the shelf at") == 3, copies
    assert page.get_by_label("Pickup at").input_value() != ""
    page.get_by_role("button", name="Place a hold on any copy for Avery Stone").click()
    _wait_for_status(page, "#title-status", "Hold placed on Dune: number 1 in the queue")
    browse.audit("hold placed")
    hold = Hold.objects.get(patron__first_name="Avery", title_record__title="Dune")
    assert (hold.level, hold.status, hold.item_id) == ("title", Hold.Status.WAITING, None)
    # Back at the desk, with nobody in view, a copy of Dune is checked in.
    page.get_by_role("link", name="Back to the patron at the desk").click()
    page.get_by_role("heading", name="Avery Stone").wait_for()
    # The heading is in the HTML before the desk's deferred scripts run: the
    # Esc below needs their key handler (a late-evening CI pass pressed it first).
    page.wait_for_load_state("load")
    assert "Dune" in page.locator("#holds-heading").locator("..").inner_text()
    page.get_by_label("Scan a card or item barcode").press("Escape")
    _wait_for_status(page, "#desk-status", "Ready for the next patron")
    page.get_by_label("Scan a card or item barcode").fill(DUNE_HERE)
    page.get_by_role("button", name="Enter").click()
    _wait_for_status(page, "#desk-status", "Put it on the hold shelf for pickup at")
    browse.audit("checked in to the hold shelf")
    hold.refresh_from_db()
    copy = Item.objects.get(barcode=DUNE_HERE)
    assert (hold.status, hold.item_id) == (Hold.Status.READY, copy.pk)
    assert copy.status == Item.Status.ON_HOLD_SHELF
    # The copy's page lists the other copies and where they are.
    browse.visit(f"/circulation/copies/{copy.pk}/")
    text = page.locator("table").inner_text()
    assert "(this copy)" in text and "On the hold shelf" in text
    assert text.count("On the shelf at") == 2
