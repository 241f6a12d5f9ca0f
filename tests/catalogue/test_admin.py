"""The catalogue in the admin: administrators read titles and copies, and
nothing there tells them who has a copy, who waits for one or who owes for
one (DESIGN section 4: administrators see no patron data)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from circulation.models import Hold, Item
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def borrowed(branch, other_branch):
    """A title with a copy on loan to a patron, a copy waiting on the hold
    shelf for another, and a fee for the loan."""
    title = factories.TitleFactory(title="Beloved", author="Morrison, Toni", isbn="1400033411")
    out = factories.ItemFactory(
        title_record=title,
        title=title.title,
        status=Item.Status.ON_LOAN,
        call_number="FIC MOR",
        shelving_location="Fiction",
    )
    waiting = factories.ItemFactory(
        title_record=title,
        title=title.title,
        home_branch=other_branch,
        status=Item.Status.ON_HOLD_SHELF,
        shelving_location="New books",
    )
    borrower = factories.PatronFactory(first_name="Zenobia", last_name="Quarrington")
    card = factories.CardFactory(patron=borrower)
    loan = factories.LoanFactory(patron=borrower, card=card, item=out)
    holder = factories.PatronFactory(first_name="Ignatius", last_name="Wolfenden")
    factories.HoldFactory(
        patron=holder, item=waiting, status=Hold.Status.READY, level="copy", title_record=title
    )
    factories.FeeFactory(patron=borrower, loan=loan)
    return {"title": title, "out": out, "waiting": waiting, "card": card, "loan": loan}


PATRON_WORDS = ("Zenobia", "Quarrington", "Ignatius", "Wolfenden", "Loan #", "Hold #", "Fee #")


def _pages(borrowed) -> list[str]:
    title, out = borrowed["title"], borrowed["out"]
    return [
        reverse("admin:catalogue_title_changelist"),
        reverse("admin:catalogue_title_changelist") + "?q=Beloved",
        reverse("admin:catalogue_title_change", args=[title.pk]),
        reverse("admin:catalogue_title_history", args=[title.pk]),
        reverse("admin:circulation_item_changelist"),
        reverse("admin:circulation_item_changelist") + "?status__exact=on_loan",
        reverse("admin:circulation_item_change", args=[out.pk]),
        reverse("admin:circulation_item_history", args=[out.pk]),
    ]


def test_an_administrator_reads_titles_and_their_copies(admin_client, borrowed):
    title = borrowed["title"]
    page = admin_client.get(reverse("admin:catalogue_title_change", args=[title.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in ("Beloved", "Morrison, Toni", "1400033411", "FIC MOR", "Fiction", "New books"):
        assert shown in text
    assert borrowed["out"].barcode in text and "On loan" in text
    listing = admin_client.get(reverse("admin:circulation_item_changelist") + "?q=FIC+MOR")
    assert listing.status_code == 200 and borrowed["out"].barcode in listing.content.decode()


def test_no_catalogue_page_in_the_admin_names_or_links_a_patron(admin_client, borrowed):
    card = borrowed["card"]
    for url in _pages(borrowed):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for word in (*PATRON_WORDS, card.barcode):
            assert word not in text, (url, word)
        links = ("/admin/circulation/loan/", "/admin/circulation/hold/", "/admin/circulation/fee/")
        for prefix in (*links, "/admin/patrons/patron/", "/admin/patrons/card/"):
            assert prefix not in text, (url, prefix)


def test_the_catalogue_is_read_only_in_the_admin(admin_client, borrowed):
    title, out = borrowed["title"], borrowed["out"]
    assert admin_client.get(reverse("admin:catalogue_title_add")).status_code == 403
    assert admin_client.get(reverse("admin:circulation_item_add")).status_code == 403
    changed = admin_client.post(
        reverse("admin:circulation_item_change", args=[out.pk]),
        {"status": Item.Status.AVAILABLE, "shelving_location": "Elsewhere"},
    )
    assert changed.status_code == 403
    out.refresh_from_db()
    assert (out.status, out.shelving_location) == (Item.Status.ON_LOAN, "Fiction")
    deleted = admin_client.post(
        reverse("admin:catalogue_title_delete", args=[title.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
