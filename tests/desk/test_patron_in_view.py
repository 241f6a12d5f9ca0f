"""Which patron a desk action is for: only a POST (with its CSRF token)
changes it; a GET, such as a link followed from another site, only shows.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from circulation.models import Hold, Loan
from desk.scan import views
from tests import factories

pytestmark = pytest.mark.django_db

SCAN = "/desk/scan/"


@pytest.fixture
def desk_client(client, desk_staff):
    client.force_login(desk_staff)
    return client


@pytest.fixture
def dana(branch):
    """The patron at the desk."""
    return factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))


@pytest.fixture
def riley(branch):
    """Another patron, whose page a link from elsewhere opens."""
    return factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))


def scan(client, barcode, **fields):
    return client.post(SCAN, {"barcode": barcode, **fields}, HTTP_HX_REQUEST="true")


def test_a_get_of_another_patron_does_not_change_who_the_desk_shows(desk_client, dana, riley):
    scan(desk_client, dana.barcode)
    desk_client.get(reverse("desk:patron", args=[riley.patron_id]))
    assert desk_client.session[views.SESSION_PATRON] == dana.patron_id
    html = desk_client.get(reverse("desk:screen")).content.decode()
    assert dana.patron.full_name in html
    assert riley.patron.full_name not in html


def test_the_next_scan_after_a_cross_site_get_lends_to_the_patron_in_view(desk_client, dana, riley):
    """The desk page's scan form carries Dana; a GET of Riley's desk URL in
    between (a link on another site) must not send "Dune" to Riley."""
    scan(desk_client, dana.barcode)
    desk_client.get(reverse("desk:patron", args=[riley.patron_id]))
    dune = factories.ItemFactory(title="Dune")
    response = scan(desk_client, dune.barcode, patron=dana.patron_id, card=dana.pk)
    assert response.status_code == 200
    assert Loan.objects.get(item=dune).patron_id == dana.patron_id


def test_a_scanner_only_form_without_the_patron_field_acts_for_the_last_post(
    desk_client, dana, riley
):
    scan(desk_client, dana.barcode)
    desk_client.get(reverse("desk:patron", args=[riley.patron_id]))
    dune = factories.ItemFactory(title="Dune")
    scan(desk_client, dune.barcode)
    assert Loan.objects.get(item=dune).patron_id == dana.patron_id


def test_the_page_a_get_shows_carries_its_patron_into_the_scan_form(desk_client, dana, riley):
    scan(desk_client, dana.barcode)
    html = desk_client.get(reverse("desk:patron", args=[riley.patron_id])).content.decode()
    assert f'<input type="hidden" name="patron" value="{riley.patron_id}" form="scan-form">' in html
    # Staff who opened Riley's page on purpose lend to Riley from it.
    book = factories.ItemFactory()
    scan(desk_client, book.barcode, patron=riley.patron_id, card="")
    assert Loan.objects.get(item=book).patron_id == riley.patron_id
    assert desk_client.session[views.SESSION_PATRON] == riley.patron_id


def test_an_empty_patron_field_means_nobody_in_view_and_checks_in(desk_client, dana):
    scan(desk_client, dana.barcode)
    loan = factories.LoanFactory(patron=dana.patron)
    response = scan(desk_client, loan.item.barcode, patron="", card="")
    assert response.status_code == 200
    loan.refresh_from_db()
    assert loan.returned_at is not None


def test_a_form_for_a_patron_the_user_may_not_open_is_refused(desk_client, dana, branch):
    gone = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    gone.patron.deidentified_at = timezone.now()
    gone.patron.save(update_fields=["deidentified_at"])
    book = factories.ItemFactory()
    response = scan(desk_client, book.barcode, patron=gone.patron_id)
    assert response.status_code == 404
    assert escape(views.PATRON_GONE) in response.content.decode()
    assert not Loan.objects.filter(item=book).exists()


def test_a_hold_is_placed_for_the_patron_its_form_carries(desk_client, dana, riley):
    scan(desk_client, dana.barcode)
    desk_client.get(reverse("desk:patron", args=[riley.patron_id]))
    wanted = factories.ItemFactory(status="on_loan")
    response = desk_client.post(
        reverse("desk:hold_place"),
        {"barcode": wanted.barcode, "patron": dana.patron_id, "card": dana.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Hold.objects.get(item=wanted).patron_id == dana.patron_id


@pytest.mark.parametrize(
    "url_name",
    ["desk:screen", "desk:patron", "patrons:detail", "privacy:access_report"],
)
def test_get_views_leave_the_session_as_it_was(desk_client, dana, riley, url_name):
    scan(desk_client, dana.barcode)
    before = dict(desk_client.session.items())
    args = [] if url_name == "desk:screen" else [riley.patron_id]
    assert desk_client.get(reverse(url_name, args=args)).status_code == 200
    after = dict(desk_client.session.items())
    assert {k: after.get(k) for k in views.DESK_SESSION_KEYS} == {
        k: before.get(k) for k in views.DESK_SESSION_KEYS
    }
