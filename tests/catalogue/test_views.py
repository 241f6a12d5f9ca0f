"""The catalogue pages: search, a title and its copies, a copy, and placing
a title-level hold; bad input gets a 4xx and a plain message."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from circulation import views
from circulation.models import Hold, Item
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(desk_staff):
    client = Client()
    client.force_login(desk_staff)
    return client


@pytest.fixture
def dune(branch, other_branch):
    title = factories.TitleFactory(title="Dune", author="Frank Herbert", isbn="0441172717")
    for home, status in (
        (branch, Item.Status.AVAILABLE),
        (other_branch, Item.Status.ON_LOAN),
        (branch, Item.Status.IN_TRANSIT),
    ):
        factories.ItemFactory(title_record=title, title="Dune", home_branch=home, status=status)
    return title


def test_search_lists_titles_with_their_copies_on_the_shelf(desk, dune):
    response = desk.post(reverse("circulation:title_search"), {"q": "dune herb"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "1 title found" in text and "1 of 3 on the shelf" in text
    assert reverse("circulation:title_detail", args=[dune.pk]) in text


@pytest.mark.parametrize(
    ("q", "status", "message"),
    [
        ("x" * 301, 400, "at most 300 characters"),
        ("!!!", 400, views.NO_WORDS),
        ("nosuchword", 200, views.NOTHING_FOUND),
        ("dune\x00", 400, "Null characters are not allowed."),
    ],
)
def test_search_with_bad_or_empty_words_says_so(desk, dune, q, status, message):
    response = desk.post(reverse("circulation:title_search"), {"q": q})
    assert response.status_code == status
    assert message in response.content.decode()


def test_the_title_page_shows_every_copy_and_where_it_is(desk, dune, branch, other_branch):
    travelling = dune.copies.get(status=Item.Status.IN_TRANSIT)
    factories.HoldFactory(
        item=travelling, pickup_branch=other_branch, status=Hold.Status.IN_TRANSIT
    )
    response = desk.get(reverse("circulation:title_detail", args=[dune.pk]))
    text = response.content.decode()
    assert "On the shelf at Main Branch" in text
    assert "On loan" in text
    assert "In transit to Other Branch" in text


def test_the_title_page_says_where_on_the_shelves_each_copy_is(desk, dune, other_branch):
    dune.copies.filter(status=Item.Status.AVAILABLE).update(shelving_location="Science fiction")
    dune.copies.filter(status=Item.Status.ON_LOAN).update(shelving_location="Stacks")
    response = desk.get(reverse("circulation:title_detail", args=[dune.pk]))
    text = response.content.decode()
    assert '<th scope="col">Shelving location</th>' in text
    assert "On the shelf at Main Branch, Science fiction" in text
    # A copy out on loan still shows where it goes back to.
    assert "<td>Stacks</td>" in text and "On loan" in text


def test_the_copy_page_marks_the_copy_among_the_others(desk, dune):
    copy = dune.copies.first()
    response = desk.get(reverse("circulation:copy_detail", args=[copy.pk]))
    text = response.content.decode()
    assert "(this copy)" in text and text.count("/circulation/copies/") == 2


def test_placing_a_title_hold_for_the_patron(desk, dune, patron, other_branch):
    url = reverse("circulation:title_hold", args=[dune.pk])
    response = desk.post(url, {"patron": patron.pk, "pickup_branch": other_branch.pk})
    assert response.status_code == 200
    assert "Hold placed on Dune: number 1 in the queue, pickup at Other Branch." in (
        response.content.decode()
    )
    hold = Hold.objects.get(patron=patron)
    assert (hold.level, hold.title_record, hold.pickup_branch) == ("title", dune, other_branch)
    # A second time: refused, nothing saved twice.
    again = desk.post(url, {"patron": patron.pk, "pickup_branch": other_branch.pk})
    assert again.status_code == 409
    assert "already has a hold on this title" in again.content.decode()
    assert Hold.objects.filter(patron=patron).count() == 1


def test_a_hold_with_a_bad_branch_or_patron_is_refused_and_not_saved(desk, dune, patron):
    url = reverse("circulation:title_hold", args=[dune.pk])
    bad_branch = desk.post(url, {"patron": patron.pk, "pickup_branch": "999999"})
    assert bad_branch.status_code == 400
    assert "Choose a pickup branch from the list." in bad_branch.content.decode()
    assert desk.post(url, {"patron": "abc", "pickup_branch": "1"}).status_code == 404
    assert desk.post(url, {"patron": "999999", "pickup_branch": "1"}).status_code == 404
    missing = reverse("circulation:title_hold", args=[999999])
    assert desk.post(missing, {"patron": patron.pk}).status_code == 404
    assert not Hold.objects.exists()


def test_the_search_page_for_a_patron_names_them_and_links_back(desk, dune, patron):
    response = desk.post(reverse("circulation:title_search"), {"q": "dune", "patron": patron.pk})
    text = response.content.decode()
    assert patron.last_name in text
    assert reverse("desk:patron", args=[patron.pk]) in text
    assert f"?patron={patron.pk}" in text


def test_administrators_see_no_catalogue_page(admin_client, dune):
    for url in (
        reverse("circulation:title_search"),
        reverse("circulation:title_detail", args=[dune.pk]),
    ):
        assert admin_client.get(url).status_code == 403
