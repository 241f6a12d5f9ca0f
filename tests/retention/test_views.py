"""Withdrawing the loan-history opt-in from the desk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from circulation.models import Loan
from organisation.roles import Role
from patrons.policies import can_withdraw_history
from tests import factories
from tests.retention.helpers import returned_loan

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(branch):
    patron = factories.PatronFactory(home_branch=branch, keeps_loan_history=True)
    factories.CardFactory(patron=patron)
    returned_loan(patron=patron, returned_days_ago=500)
    return patron


def url(patron):
    return reverse("patrons:withdraw_history", args=[patron.pk])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.VOLUNTEER, False),
        (Role.DESK_STAFF, True),
        (Role.SUPERVISOR, True),
        (Role.DIRECTOR, True),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_only_staff_who_edit_patrons_may_withdraw_the_opt_in(
    make_staff, keeper, client, role, allowed
):
    user = make_staff(role)
    client.force_login(user)

    assert can_withdraw_history(user, keeper) is allowed
    assert client.get(url(keeper)).status_code == (200 if allowed else 404)
    response = client.post(url(keeper), {"confirm": "on"})
    assert response.status_code == (302 if allowed else 404)
    keeper.refresh_from_db()
    assert keeper.keeps_loan_history is not allowed


def test_anonymous_visitors_are_sent_to_log_in(client, keeper):
    response = client.get(url(keeper))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_missing_patron_looks_like_a_forbidden_one(client, desk_staff):
    client.force_login(desk_staff)
    assert client.get(reverse("patrons:withdraw_history", args=[987654])).status_code == 404


def test_the_confirmation_page_says_plainly_that_the_history_is_erased_for_good(
    client, desk_staff, keeper
):
    client.force_login(desk_staff)

    response = client.get(url(keeper))

    text = response.content.decode()
    assert "will be erased now and cannot be recovered" in text
    assert "1 returned loan" in text
    assert 'method="post"' in text
    # GET erased nothing.
    assert Loan.objects.filter(patron=keeper).count() == 1
    keeper.refresh_from_db()
    assert keeper.keeps_loan_history


def test_confirming_erases_the_history_and_stops_keeping_it(client, desk_staff, keeper):
    client.force_login(desk_staff)

    response = client.post(url(keeper), {"confirm": "on"}, follow=True)

    keeper.refresh_from_db()
    assert not keeper.keeps_loan_history
    assert not Loan.objects.filter(patron=keeper).exists()
    text = response.content.decode()
    assert "Loan history erased (1 returned loans)" in text
    assert "does not keep a loan history" in text


def test_posting_without_the_confirmation_tick_erases_nothing(client, desk_staff, keeper):
    client.force_login(desk_staff)

    response = client.post(url(keeper), {})

    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    keeper.refresh_from_db()
    assert keeper.keeps_loan_history
    assert Loan.objects.filter(patron=keeper).count() == 1


def test_withdrawing_twice_is_harmless(client, desk_staff, keeper):
    client.force_login(desk_staff)
    client.post(url(keeper), {"confirm": "on"})

    response = client.post(url(keeper), {"confirm": "on"}, follow=True)

    assert response.status_code == 200
    assert "does not keep a loan history" in response.content.decode()


def test_the_page_uses_a_bounded_number_of_queries(
    client, desk_staff, keeper, django_assert_max_num_queries
):
    client.force_login(desk_staff)
    with django_assert_max_num_queries(12):
        client.get(url(keeper))


@pytest.mark.postgres  # the desk screen's own queries need PostgreSQL
def test_the_desk_offers_the_withdrawal_only_for_patrons_who_keep_history(
    client, desk_staff, keeper, branch
):
    other = factories.PatronFactory(home_branch=branch)
    factories.CardFactory(patron=other)
    client.force_login(desk_staff)

    shown = client.get(reverse("desk:patron", args=[keeper.pk])).content.decode()
    hidden = client.get(reverse("desk:patron", args=[other.pk])).content.decode()

    assert url(keeper) in shown
    assert "Stop keeping loan history" not in hidden
