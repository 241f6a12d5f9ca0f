"""Patron pages: register, edit, search, cards, guardians, proxies."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from organisation.roles import Role
from patrons import forms, services
from patrons.barcodes import make_card_barcode
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization
from tests import factories

pytestmark = pytest.mark.django_db

NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


@pytest.fixture
def staff_client(client, desk_staff):
    client.force_login(desk_staff)
    return client


def registration(branch, **over):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "date_of_birth": "2001-02-03",
        "category": "adult",
        "home_branch": branch.pk,
        "email": "ada@example.org",
        "phone": "555-0100",
        "card_barcode": make_card_barcode(31337),
    }
    data.update(over)
    return data


def test_register_page_has_labelled_fields(staff_client):
    response = staff_client.get(reverse("patrons:register"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("first_name", "last_name", "date_of_birth", "card_barcode"):
        assert f'<label for="id_{name}"' in html


def test_registering_creates_the_patron_and_card_and_redirects_by_id(staff_client, branch):
    response = staff_client.post(reverse("patrons:register"), registration(branch))
    patron = Patron.objects.get(last_name="Lovelace")
    assert response.status_code == 302
    assert response["Location"] == reverse("patrons:detail", args=[patron.pk])
    assert patron.cards.get().barcode == make_card_barcode(31337)


def _ten_years_ago() -> str:
    today = timezone.localdate()
    return today.replace(year=today.year - 10, day=1).isoformat()


def test_a_ten_year_old_registered_as_adult_is_stopped_with_the_reason(staff_client, branch):
    data = registration(branch, date_of_birth=_ten_years_ago(), category="adult")
    response = staff_client.post(reverse("patrons:register"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "makes this patron 10" in html and "Choose Juvenile" in html
    assert 'name="keep_category"' in html
    assert not Patron.objects.filter(last_name="Lovelace").exists()


def test_staff_may_keep_a_category_that_disagrees_by_ticking_the_box(staff_client, branch):
    data = registration(branch, date_of_birth=_ten_years_ago(), category="adult")
    response = staff_client.post(reverse("patrons:register"), {**data, "keep_category": "on"})
    assert response.status_code == 302
    assert Patron.objects.get(last_name="Lovelace").category == "adult"


@pytest.mark.parametrize(
    ("years", "expected"), [(10, "juvenile"), (17, "juvenile"), (18, "adult"), (70, "adult")]
)
def test_the_category_left_unset_comes_from_the_age(staff_client, branch, years, expected):
    today = timezone.localdate()
    dob = today.replace(year=today.year - years, day=1) - datetime.timedelta(days=40)
    data = registration(branch, date_of_birth=dob.isoformat(), category="")
    assert staff_client.post(reverse("patrons:register"), data).status_code == 302
    assert Patron.objects.get(last_name="Lovelace").category == expected


def test_the_register_form_offers_the_category_from_the_age_by_default(staff_client):
    html = staff_client.get(reverse("patrons:register")).content.decode()
    assert '<option value="" selected>Set from the date of birth</option>' in html


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"date_of_birth": "2999-01-01"}, forms.DOB_IN_FUTURE),
        ({"date_of_birth": "1800-01-01"}, forms.DOB_TOO_OLD),
        ({"date_of_birth": "31/31/2020"}, "Enter a valid date."),
        ({"card_barcode": "20000000000015"}, "check digit"),
        ({"card_barcode": "30000000000012"}, "starting with 2"),
        ({"first_name": ""}, "This field is required."),
        ({"card_expires_on": "2001-01-01"}, forms.EXPIRY_NOT_FUTURE),
        ({"email": "not-an-email"}, "Enter a valid email address."),
    ],
)
def test_bad_registrations_are_rerendered_with_400_and_nothing_saved(
    staff_client, branch, over, message
):
    response = staff_client.post(reverse("patrons:register"), registration(branch, **over))
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not Patron.objects.exists()


def test_a_taken_barcode_is_reported_on_the_form(staff_client, branch, card):
    response = staff_client.post(
        reverse("patrons:register"), registration(branch, card_barcode=card.barcode)
    )
    assert response.status_code == 400
    assert services.BARCODE_TAKEN in response.content.decode()
    assert Patron.objects.count() == 1


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.ADMINISTRATOR])
def test_roles_that_may_not_manage_patrons_are_refused(client, make_staff, patron, role):
    client.force_login(make_staff(role))
    for url in (
        reverse("patrons:register"),
        reverse("patrons:search"),
        reverse("patrons:detail", args=[patron.pk]),
        reverse("patrons:edit", args=[patron.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert patron.last_name not in response.content.decode()


def test_the_patron_page_shows_cards_guardians_proxies_and_contact(staff_client, card):
    factories.GuardianLinkFactory(patron=card.patron)
    factories.ProxyAuthorizationFactory(cardholder=card.patron, proxy_name="Chris Rivera")
    response = staff_client.get(reverse("patrons:detail", args=[card.patron.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert card.patron.email in html
    assert f"ending {card.barcode[-4:]}" in html
    assert "Chris Rivera" in html and "Parent:" in html


def test_missing_patron_is_404(staff_client):
    assert staff_client.get(reverse("patrons:detail", args=[424242])).status_code == 404


def test_editing_saves_changes(staff_client, patron):
    data = registration(patron.home_branch, first_name="Grace", last_name="Hopper")
    data.pop("card_barcode")
    response = staff_client.post(reverse("patrons:edit", args=[patron.pk]), data)
    assert response.status_code == 302
    patron.refresh_from_db()
    assert patron.full_name == "Grace Hopper"


def test_an_invalid_edit_changes_nothing(staff_client, patron):
    name = patron.first_name
    data = registration(patron.home_branch, first_name="X", date_of_birth="2999-01-01")
    response = staff_client.post(reverse("patrons:edit", args=[patron.pk]), data)
    assert response.status_code == 400
    patron.refresh_from_db()
    assert patron.first_name == name


def test_search_by_name_or_card_is_a_post_and_links_by_id(
    staff_client, branch, card, django_assert_max_num_queries
):
    factories.PatronFactory(home_branch=branch, last_name="Yon")
    for n in range(30):
        factories.PatronFactory(home_branch=branch, last_name=f"Zed{n}")
    # The session's first request records its activity (one write); measure
    # the requests after it, as a desk makes them all day.
    staff_client.post(reverse("patrons:search"), {"q": "warm"})
    counts = []
    for q in ("yon", "zed"):
        with django_assert_max_num_queries(12) as captured:
            response = staff_client.post(reverse("patrons:search"), {"q": q})
        counts.append(len(captured))
    html = response.content.decode()
    assert response.status_code == 200
    assert "30 found" in html
    assert counts[0] == counts[1]
    response = staff_client.post(reverse("patrons:search"), {"q": card.barcode})
    assert reverse("patrons:detail", args=[card.patron.pk]) in response.content.decode()
    assert "1 found" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "message"),
    [("", forms.SEARCH_EMPTY), ("a", forms.SEARCH_TOO_SHORT), ("20000000000015", "check digit")],
)
def test_bad_searches_get_a_400_with_a_message(staff_client, q, message):
    response = staff_client.post(reverse("patrons:search"), {"q": q})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_issuing_a_replacement_card_blocks_the_old_one(staff_client, card):
    response = staff_client.post(
        reverse("patrons:card_new", args=[card.patron.pk]),
        {"barcode": make_card_barcode(8080), "reason": "lost"},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Card.Status.LOST
    assert card.patron.cards.get(status=Card.Status.ACTIVE).barcode == make_card_barcode(8080)


def test_a_new_card_without_replacing_is_refused_when_one_is_active(staff_client, card):
    response = staff_client.post(
        reverse("patrons:card_new", args=[card.patron.pk]), {"barcode": make_card_barcode(8081)}
    )
    assert response.status_code == 400
    assert escape(services.CARD_ALREADY_ACTIVE) in response.content.decode()


def test_a_guardian_found_by_card_is_linked_with_the_verifier(staff_client, desk_staff, patron):
    guardian_card = factories.CardFactory()
    response = staff_client.post(
        reverse("patrons:guardian_add", args=[patron.pk]),
        {"guardian_card": guardian_card.barcode, "relationship": "parent", "proof": "photo_id"},
    )
    assert response.status_code == 302
    link = GuardianLink.objects.get(patron=patron)
    assert link.guardian_patron == guardian_card.patron and link.verified_by == desk_staff


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"relationship": "parent", "proof": "photo_id"}, forms.GUARDIAN_ONE_OF),
        (
            {
                "guardian_card": make_card_barcode(999123),
                "relationship": "parent",
                "proof": "photo_id",
            },
            forms.GUARDIAN_CARD_UNKNOWN,
        ),
        ({"guardian_name": "Al", "relationship": "uncle", "proof": "photo_id"}, "Select a valid"),
    ],
)
def test_bad_guardian_input_is_a_400(staff_client, patron, data, message):
    response = staff_client.post(reverse("patrons:guardian_add", args=[patron.pk]), data)
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not GuardianLink.objects.exists()


def test_proxies_are_added_and_revoked(staff_client, patron):
    response = staff_client.post(
        reverse("patrons:proxy_add", args=[patron.pk]),
        {"proxy_name": "Chris Rivera", "may_borrow": "on", "expires_on": NEXT_YEAR},
    )
    assert response.status_code == 302
    proxy = ProxyAuthorization.objects.get(cardholder=patron)
    assert proxy.may_borrow and not proxy.may_pick_up_holds
    response = staff_client.post(reverse("patrons:proxy_revoke", args=[patron.pk, proxy.pk]))
    assert response.status_code == 302
    proxy.refresh_from_db()
    assert proxy.revoked_at is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"proxy_name": "A", "may_borrow": "on", "expires_on": "2001-01-01"},
            forms.EXPIRY_NOT_FUTURE,
        ),
        ({"proxy_name": "A", "expires_on": NEXT_YEAR}, forms.PROXY_CHOOSE),
        ({"proxy_name": "", "may_borrow": "on", "expires_on": NEXT_YEAR}, "required"),
        ({"proxy_name": "A", "may_borrow": "on", "expires_on": "tomorrow"}, "valid date"),
    ],
)
def test_bad_proxy_input_is_a_400(staff_client, patron, data, message):
    response = staff_client.post(reverse("patrons:proxy_add", args=[patron.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProxyAuthorization.objects.exists()


def test_revoking_another_patrons_proxy_is_404(staff_client, patron):
    proxy = factories.ProxyAuthorizationFactory()
    url = reverse("patrons:proxy_revoke", args=[patron.pk, proxy.pk])
    assert staff_client.post(url).status_code == 404


def test_the_edit_form_keeps_history_on_even_if_the_box_is_unticked(staff_client, patron):
    """The edit page cannot erase history by accident: the box is locked on."""
    patron.keeps_loan_history = True
    patron.save()
    data = {
        "first_name": patron.first_name,
        "last_name": patron.last_name,
        "category": patron.category,
        "home_branch": patron.home_branch_id,
        "email": "",
        "phone": "555-0199",
    }
    response = staff_client.post(reverse("patrons:edit", args=[patron.pk]), data)
    assert response.status_code == 302
    patron.refresh_from_db()
    assert patron.keeps_loan_history is True and patron.phone == "555-0199"
    page = staff_client.get(reverse("patrons:edit", args=[patron.pk])).content.decode()
    assert "Stop keeping loan history" in page
