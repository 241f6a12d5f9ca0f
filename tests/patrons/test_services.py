"""Patron services: registration, cards, guardians, proxies."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from circulation import services as circ
from patrons import services
from patrons.barcodes import BAD_CHECK_DIGIT, make_card_barcode
from patrons.models import Card, Patron
from tests import factories

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_registering_a_patron_issues_their_first_card(desk_staff, branch):
    patron = services.patron_register(
        acting_user=desk_staff,
        first_name=" Ada ",
        last_name="Lovelace",
        home_branch=branch,
        date_of_birth=datetime.date(2000, 1, 1),
        card_barcode=make_card_barcode(123),
    )
    assert patron.first_name == "Ada"
    card = patron.cards.get()
    assert card.status == Card.Status.ACTIVE
    assert card.expires_on.year == timezone.localdate().year + branch.system.card_validity_years


def test_a_volunteer_cannot_register_patrons(volunteer, branch):
    with pytest.raises(services.PatronError) as exc:
        services.patron_register(
            acting_user=volunteer, first_name="A", last_name="B", home_branch=branch
        )
    assert exc.value.message == services.NOT_ALLOWED
    assert not Patron.objects.exists()


def test_a_taken_or_malformed_barcode_is_refused_and_nothing_is_saved(desk_staff, branch, card):
    for barcode, message in (
        (card.barcode, services.BARCODE_TAKEN),
        (card.barcode[:-1] + str((int(card.barcode[-1]) + 1) % 10), BAD_CHECK_DIGIT),
    ):
        with pytest.raises(services.PatronError) as exc:
            services.patron_register(
                acting_user=desk_staff,
                first_name="A",
                last_name="B",
                home_branch=branch,
                card_barcode=barcode,
            )
        assert exc.value.message == message
    assert Patron.objects.count() == 1


def test_updating_history_keeping_stamps_when_it_began(desk_staff, patron):
    updated = services.patron_update(
        patron=patron, acting_user=desk_staff, keeps_loan_history=True, phone="555-0111"
    )
    assert updated.keeps_loan_history_since is not None and updated.phone == "555-0111"


def test_an_edit_cannot_switch_history_off_without_the_erasing_confirmation(desk_staff, patron):
    """Withdrawing the opt-in erases the history, so it has its own confirmed path."""
    from patrons.history import loan_history_withdraw

    services.patron_update(patron=patron, acting_user=desk_staff, keeps_loan_history=True)
    with pytest.raises(services.PatronError) as exc:
        services.patron_update(patron=patron, acting_user=desk_staff, keeps_loan_history=False)
    assert exc.value.message == services.HISTORY_WITHDRAW_ELSEWHERE
    patron.refresh_from_db()
    assert patron.keeps_loan_history is True
    loan_history_withdraw(patron=patron, acting_user=desk_staff)
    patron.refresh_from_db()
    assert patron.keeps_loan_history is False and patron.keeps_loan_history_since is None


def test_a_second_active_card_is_refused(desk_staff, card):
    with pytest.raises(services.PatronError) as exc:
        services.card_issue(
            patron=card.patron, barcode=make_card_barcode(4242), acting_user=desk_staff
        )
    assert exc.value.message == services.CARD_ALREADY_ACTIVE


def test_replacing_a_lost_card_blocks_the_old_barcode_at_once(desk_staff, card, branch):
    new = services.card_replace(
        card=card,
        new_barcode=make_card_barcode(5151),
        reason=Card.Status.LOST,
        acting_user=desk_staff,
    )
    card.refresh_from_db()
    assert card.status == Card.Status.LOST and card.replaced_by == new
    assert new.status == Card.Status.ACTIVE
    item = factories.ItemFactory(home_branch=branch)
    with pytest.raises(circ.CheckoutBlocked) as exc:
        circ.loan_checkout(item=item, card=card, acting_user=desk_staff, branch=branch)
    assert [b.code for b in exc.value.blocks] == ["card_lost"]
    circ.loan_checkout(item=item, card=new, acting_user=desk_staff, branch=branch)


def test_a_lost_card_cannot_be_replaced_twice(desk_staff, card):
    services.card_replace(
        card=card, new_barcode=make_card_barcode(6161), reason="stolen", acting_user=desk_staff
    )
    with pytest.raises(services.PatronError) as exc:
        services.card_replace(
            card=card, new_barcode=make_card_barcode(6162), reason="lost", acting_user=desk_staff
        )
    assert exc.value.message == services.CARD_NOT_REPLACEABLE


def test_a_card_cannot_be_replaced_for_no_reason(desk_staff, card):
    with pytest.raises(services.PatronError) as exc:
        services.card_replace(
            card=card, new_barcode=make_card_barcode(7), reason="active", acting_user=desk_staff
        )
    assert exc.value.message == services.REPLACE_STATUS_INVALID


def test_a_guardian_link_records_who_verified_the_proof_and_when(desk_staff, patron):
    guardian = factories.PatronFactory()
    link = services.guardian_link_add(
        patron=patron,
        guardian_patron=guardian,
        relationship="parent",
        proof="photo_id",
        acting_user=desk_staff,
    )
    assert link.verified_by == desk_staff and link.verified_at is not None
    with pytest.raises(services.PatronError) as exc:
        services.guardian_link_add(
            patron=patron, guardian_patron=guardian, relationship="parent", acting_user=desk_staff
        )
    assert exc.value.message == services.GUARDIAN_DUPLICATE


def test_a_named_guardian_without_a_card_is_recorded(desk_staff, patron):
    link = services.guardian_link_add(
        patron=patron,
        guardian_name="Grace Hopper",
        relationship="legal_guardian",
        proof="court_order",
        acting_user=desk_staff,
    )
    assert link.display_name == "Grace Hopper"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({}, services.GUARDIAN_NEEDED), ({"guardian_name": "  "}, services.GUARDIAN_NEEDED)],
)
def test_a_guardian_must_be_named_or_found(desk_staff, patron, kwargs, message):
    with pytest.raises(services.PatronError) as exc:
        services.guardian_link_add(
            patron=patron, relationship="parent", acting_user=desk_staff, **kwargs
        )
    assert exc.value.message == message


def test_a_patron_is_not_their_own_guardian(desk_staff, patron):
    with pytest.raises(services.PatronError) as exc:
        services.guardian_link_add(
            patron=patron, guardian_patron=patron, relationship="parent", acting_user=desk_staff
        )
    assert exc.value.message == services.GUARDIAN_SELF


def test_proxies_are_authorized_and_revoked(desk_staff, patron):
    proxy = services.proxy_authorize(
        cardholder=patron,
        proxy_name="Chris Rivera",
        expires_on=TOMORROW,
        may_borrow=False,
        acting_user=desk_staff,
    )
    assert proxy.is_active_on(timezone.localdate()) and not proxy.may_borrow
    services.proxy_revoke(proxy=proxy, acting_user=desk_staff)
    proxy.refresh_from_db()
    assert not proxy.is_active_on(timezone.localdate())
    with pytest.raises(services.PatronError) as exc:
        services.proxy_revoke(proxy=proxy, acting_user=desk_staff)
    assert exc.value.message == services.PROXY_ALREADY_REVOKED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"proxy_name": " "}, services.PROXY_NAME_NEEDED),
        ({"may_borrow": False, "may_pick_up_holds": False}, services.PROXY_NOTHING_ALLOWED),
        ({"expires_on": timezone.localdate()}, services.EXPIRY_IN_PAST),
    ],
)
def test_a_proxy_needs_a_name_a_permission_and_a_future_expiry(desk_staff, patron, kwargs, message):
    args = {"proxy_name": "Sam", "expires_on": TOMORROW, **kwargs}
    with pytest.raises(services.PatronError) as exc:
        services.proxy_authorize(cardholder=patron, acting_user=desk_staff, **args)
    assert exc.value.message == message


def test_patron_changes_are_audited(desk_staff, patron):
    from auditlog.models import LogEntry

    services.patron_update(patron=patron, acting_user=desk_staff, phone="555-0123")
    entry = LogEntry.objects.get_for_object(patron).latest("timestamp")
    assert "phone" in entry.changes_dict
    assert entry.object_repr == f"Patron #{patron.pk}"
