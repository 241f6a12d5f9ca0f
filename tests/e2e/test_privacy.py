"""The disclosure flow at the desk and the administrator's rule simulator."""

from __future__ import annotations

import pytest

from organisation.models import Branch
from organisation.roles import Role
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JAMIE_CARD = "20000000000022"  # seed_demo: Jamie Stone, 12, Westfield (US-NY)
TAYLOR_CARD = "20000000000048"  # seed_demo: Taylor Chen, 13, Millbury (US-MA)


def _ask_as_parent_with_the_childs_card(browse, card: str) -> str:  # type: ignore[no-untyped-def]
    page = browse.page
    page.get_by_label("Scan a card or item barcode").fill(card)
    page.get_by_role("button", name="Enter").click()
    page.locator("#disclosure-panel").wait_for()
    browse.audit("patron summary, minor")
    page.get_by_role("button", name="Parent or guardian, with the child's card").click()
    answer = page.locator("#disclosure-result .disclosure-answer")
    answer.wait_for()
    browse.audit("disclosure answer")
    return answer.inner_text()


def test_a_parent_asks_about_a_minor_in_new_york_and_in_massachusetts(browse, demo):
    """Same question, opposite answers, each with its statute."""
    page = browse.page
    browse.log_in("desk", demo.password)
    ny = _ask_as_parent_with_the_childs_card(browse, JAMIE_CARD)
    assert "under US-NY rules" in ny
    assert "May be told" in ny
    assert "CPLR 4509" in ny

    # A desk colleague at the Massachusetts branch.
    factories.staff_user(
        Role.DESK_STAFF.value, branch=Branch.objects.get(code="millbury"), username="desk-ma"
    )
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    browse.log_in("desk-ma", "pw-for-tests-1")
    ma = _ask_as_parent_with_the_childs_card(browse, TAYLOR_CARD)
    assert "under US-MA rules" in ma
    assert "Nothing may be told" in ma
    assert "May be told" not in ma
    assert "c.78 §7" in ma


def test_an_administrator_edits_a_rule_set_and_simulates_it(browse, demo):
    page = browse.page
    browse.log_in("admin", demo.password, totp_key=demo.key("admin"))
    browse.visit("/admin/privacy/jurisdictionruleset/")
    page.get_by_role("link", name="US-NY", exact=False).first.click()
    page.wait_for_load_state("load")
    browse.audit("rule set change form")
    # Parents of minors up to 17 may learn the current record; try 14 instead.
    page.get_by_label("Parent access max age").fill("14")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Simulate these rules").click()
    simulation = opened.value
    simulation.wait_for_load_state("load")
    text = simulation.locator("main").inner_text()
    assert "Nothing has been saved" in text
    assert "Changed:" in text
    browse.page = simulation
    browse.audit("simulator")
    browse.page = page
    simulation.close()
    # Nothing was saved by simulating.
    from privacy.models import JurisdictionRuleSet

    assert not JurisdictionRuleSet.objects.filter(
        jurisdiction_code="US-NY", parent_access_max_age=14
    ).exists()
