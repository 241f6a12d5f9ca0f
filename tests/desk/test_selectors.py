"""The desk summary's reads: every column of the fixed SQL, on the suite's database.

The summary is read with hand-written SQL (kernel.rawsql) for speed;
these tests pin what each column means, so that the SQL and the ORM models
cannot drift apart unnoticed, on PostgreSQL and on SQLite alike.
"""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal

import pytest
from django.db.models import BooleanField, DateField, DateTimeField, DecimalField
from django.utils import timezone

from circulation.models import Fee, Hold, Item, LoanRule
from desk.scan import selectors
from desk.scan import summary as scan_summary
from kernel import rawsql
from patrons.models import GuardianLink
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def summary_of(user, card, threshold="10.00"):
    card = selectors.card_by_barcode(user=user, barcode=card.barcode)
    return selectors.patron_summary(user=user, card=card, threshold=Decimal(threshold), now=NOW)


def summary_in_one_read(user, card, threshold="10.00"):
    """As the scan reads it: the card and its summary in one statement
    (PostgreSQL; elsewhere the same separate reads)."""
    return scan_summary.patron_summary_by_barcode(
        user=user,
        barcode=card.barcode,
        branch=selectors.desk_branch(user),
        threshold=Decimal(threshold),
        now=NOW,
    )


@pytest.fixture(autouse=True, params=["separate reads", "one read"])
def summary_read(request, monkeypatch):
    """Every column test runs on both ways of reading the summary."""
    if request.param == "one read":
        monkeypatch.setattr(sys.modules[__name__], "summary_of", summary_in_one_read)
    return request.param


def test_open_loans_in_due_order_with_renewal_state(desk_staff, card):
    patron = card.patron
    LoanRule.objects.filter(format="book").update(max_renewals=2)
    renewed_out = factories.LoanFactory(
        patron=patron,
        due_at=NOW + datetime.timedelta(days=5),
        renewals=2,
        item__title="Renewed twice",
        item__call_number="641.5 ROM",
    )
    wanted = factories.LoanFactory(
        patron=patron, due_at=NOW + datetime.timedelta(days=9), item__title="Wanted"
    )
    factories.HoldFactory(item=wanted.item, status=Hold.Status.WAITING)
    overdue = factories.LoanFactory(
        patron=patron,
        due_at=NOW - datetime.timedelta(days=3),
        item__title="Overdue",
        item__format="dvd",
    )
    # Not shown: returned, and someone else's.
    factories.LoanFactory(patron=patron, returned_at=NOW, item__status=Item.Status.AVAILABLE)
    factories.LoanFactory()

    lines = summary_of(desk_staff, card).loans

    assert [line.pk for line in lines] == [overdue.pk, renewed_out.pk, wanted.pk]
    first, second, third = lines
    assert (first.title, first.format, first.get_format_display()) == ("Overdue", "dvd", "DVD")
    assert first.overdue and first.can_renew and first.renew_note == ""
    assert first.due_at == overdue.due_at and isinstance(first.due_at, datetime.datetime)
    assert (second.renewals, second.call_number) == (2, "641.5 ROM")
    assert not second.overdue
    assert (second.can_renew, second.renew_note) == (False, "No renewals left")
    assert (third.can_renew, third.renew_note) == (False, "Others are waiting")


def test_the_patrons_own_hold_does_not_stop_a_renewal(desk_staff, card):
    lent = timezone.now() - datetime.timedelta(days=20)
    loan = factories.LoanFactory(patron=card.patron, checked_out_at=lent)
    factories.HoldFactory(item=loan.item, patron=card.patron, status=Hold.Status.WAITING)
    factories.HoldFactory(item=loan.item, status=Hold.Status.CANCELLED)
    [line] = summary_of(desk_staff, card).loans
    assert line.can_renew


def test_an_item_limit_reached_blocks_with_the_format_named(desk_staff, card):
    LoanRule.objects.filter(format="dvd").update(item_limit=2)
    for _ in range(2):
        factories.LoanFactory(patron=card.patron, item__format="dvd")
    factories.LoanFactory(patron=card.patron, item__format="book")
    blocks = summary_of(desk_staff, card).blocks
    assert [b.code for b in blocks] == ["limit_dvd"]
    assert "limit of 2 dvd items" in blocks[0].message


def test_holds_ready_first_then_waiting_with_queue_position(desk_staff, card, branch):
    patron = card.patron
    item = factories.ItemFactory(title="Popular")
    earlier = [
        factories.HoldFactory(item=item, placed_at=NOW - datetime.timedelta(days=d)) for d in (9, 8)
    ]
    waiting = factories.HoldFactory(
        item=item, patron=patron, placed_at=NOW - datetime.timedelta(days=5), pickup_branch=branch
    )
    factories.HoldFactory(item=item, placed_at=NOW)  # behind: not counted
    ready = factories.HoldFactory(
        patron=patron,
        status=Hold.Status.READY,
        item__title="On the shelf",
        pickup_by=datetime.date(2030, 1, 9),
        pickup_branch=branch,
    )
    factories.HoldFactory(patron=patron, status=Hold.Status.FULFILLED)
    assert all(h.status == Hold.Status.WAITING for h in earlier)

    holds = summary_of(desk_staff, card).holds

    assert [h.pk for h in holds] == [ready.pk, waiting.pk]
    assert (holds[0].title, holds[0].status, holds[0].pickup_branch) == (
        "On the shelf",
        "ready",
        "Main Branch",
    )
    assert holds[0].pickup_by == datetime.date(2030, 1, 9)
    assert (holds[1].title, holds[1].status, holds[1].ahead) == ("Popular", "waiting", 2)


def test_open_fees_with_titles_and_total_over_the_threshold(desk_staff, card):
    patron = card.patron
    loan = factories.LoanFactory(patron=patron, item__title="Late book")
    with_loan = factories.FeeFactory(patron=patron, loan=loan, amount=Decimal("7.25"))
    lost = factories.FeeFactory(patron=patron, kind=Fee.Kind.LOST, amount=Decimal("4.50"))
    factories.FeeFactory(
        patron=patron, status=Fee.Status.PAID, closed_at=NOW, amount=Decimal("99.00")
    )
    factories.FeeFactory(amount=Decimal("50.00"))  # another patron's

    summary = summary_of(desk_staff, card)

    assert {f.pk: (f.title, f.amount, f.kind) for f in summary.fees} == {
        with_loan.pk: ("Late book", Decimal("7.25"), "overdue"),
        lost.pk: ("", Decimal("4.50"), "lost"),
    }
    assert all(isinstance(f.created_at, datetime.datetime) for f in summary.fees)
    assert summary.fees_total == Decimal("11.75")
    assert [b.code for b in summary.blocks] == ["fees"]


def test_guardians_by_patron_or_name_and_proxies_recent_enough(desk_staff, card):
    patron = card.patron
    verified_at = NOW - datetime.timedelta(days=2)
    by_record = factories.GuardianLinkFactory(
        patron=patron,
        guardian_patron__first_name="Ada",
        guardian_patron__last_name="Lovelace",
        proof=GuardianLink.Proof.BIRTH_CERTIFICATE,
        verified_at=verified_at,
    )
    by_name = factories.GuardianLinkFactory(
        patron=patron,
        guardian_patron=None,
        guardian_name="Grace Hopper",
        relationship=GuardianLink.Relationship.LEGAL_GUARDIAN,
    )
    active = factories.ProxyAuthorizationFactory(
        cardholder=patron, proxy_name="Active", may_pick_up_holds=False
    )
    recently_revoked = factories.ProxyAuthorizationFactory(
        cardholder=patron, proxy_name="Recent", revoked_at=NOW - datetime.timedelta(days=3)
    )
    factories.ProxyAuthorizationFactory(
        cardholder=patron, proxy_name="Long ago", revoked_at=NOW - datetime.timedelta(days=31)
    )
    expired = factories.ProxyAuthorizationFactory(
        cardholder=patron,
        proxy_name="Expired",
        expires_on=timezone.localdate(NOW) - datetime.timedelta(days=1),
    )

    summary = summary_of(desk_staff, card)

    guardians = {g.pk: g for g in summary.guardians}
    assert set(guardians) == {by_record.pk, by_name.pk}
    assert guardians[by_record.pk].name == "Ada Lovelace"
    assert guardians[by_record.pk].verified_at == verified_at
    assert guardians[by_record.pk].proof == "birth_certificate"
    assert guardians[by_name.pk].name == "Grace Hopper"
    assert guardians[by_name.pk].verified_at is None
    assert guardians[by_name.pk].relationship_label == "Legal guardian"
    assert not guardians[by_name.pk].may_borrow

    proxies = {p.pk: p for p in summary.proxies}
    assert set(proxies) == {active.pk, recently_revoked.pk, expired.pk}
    assert (proxies[active.pk].may_borrow, proxies[active.pk].may_pick_up_holds) == (True, False)
    assert proxies[active.pk].expires_on == active.expires_on
    assert proxies[recently_revoked.pk].revoked_at == recently_revoked.revoked_at
    assert [p.pk for p in summary.borrowing_proxies] == [active.pk]
    assert summary.fees == [] and summary.fees_total == Decimal("0")


def test_a_patron_with_nothing_open_has_an_empty_summary(desk_staff, card):
    summary = summary_of(desk_staff, card)
    assert (summary.loans, summary.holds, summary.fees) == ([], [], [])
    assert (summary.guardians, summary.proxies, summary.blocks) == ([], [], [])


def test_cards_of_deidentified_patrons_and_roles_without_patron_access_find_nothing(
    desk_staff, administrator, card
):
    assert selectors.card_by_barcode(user=administrator, barcode=card.barcode) is None
    card.patron.deidentified_at = NOW
    card.patron.save(update_fields=["deidentified_at"])
    assert selectors.card_by_barcode(user=desk_staff, barcode=card.barcode) is None


def test_rawsql_converts_columns_as_their_model_fields():
    [row] = rawsql.fetch(
        "SELECT %s, %s, %s, CAST(%s AS numeric), %s",
        [True, datetime.date(2026, 1, 2), NOW, Decimal("1.50"), "text"],
        [
            BooleanField(),
            DateField(),
            DateTimeField(),
            DecimalField(max_digits=8, decimal_places=2),
            None,
        ],
    )
    assert row == [True, datetime.date(2026, 1, 2), NOW, Decimal("1.50"), "text"]
    assert type(row[0]) is bool and type(row[1]) is datetime.date


def test_rawsql_refuses_a_field_list_that_does_not_match_the_columns():
    with pytest.raises(ValueError, match="2 columns selected but 1 fields given"):
        rawsql.fetch("SELECT 1, 2", [], [None])


def test_summary_statements_are_logged_and_prepared_on_postgresql(
    desk_staff, card, is_postgres, summary_read
):
    if not is_postgres:
        pytest.skip("prepared statements are PostgreSQL's")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.LoanFactory(patron=card.patron)
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(6):
            summary = summary_of(desk_staff, card)
    assert len(summary.loans) == 1
    assert sum("FROM circulation_loan l" in q["sql"] for q in ctx.captured_queries) == 6
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("FROM circulation_loan l" in sql for sql in prepared)
    logged = [q["sql"] for q in ctx.captured_queries if "FROM circulation_loan l" in q["sql"]]
    if summary_read == "one read":
        # The card found by its barcode; the lists correlated to its patron.
        assert f"c.barcode = '{card.barcode}'" in logged[0] and "l.patron_id = p.id" in logged[0]
        reads = [q["sql"] for q in ctx.captured_queries if "circulation_" in q["sql"]]
        assert len(reads) == 6 and all("c.barcode = " in sql for sql in reads)
    else:
        assert f"l.patron_id = {card.patron_id}" in logged[0]


def test_a_scanned_card_loads_as_the_orm_would_without_contact_for_volunteers(
    desk_staff, volunteer, card
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from patrons.models import Card

    expected = Card.objects.select_related("patron").get(pk=card.pk)
    with CaptureQueriesContext(connection) as ctx:
        found = selectors.card_by_barcode(user=desk_staff, barcode=card.barcode)
        patron = found.patron
    assert len(ctx.captured_queries) <= 2  # permissions, then the card with its patron
    assert found.pk == card.pk and found.barcode == card.barcode
    for field in Card._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    for field in type(patron)._meta.concrete_fields:
        assert getattr(patron, field.attname) == getattr(expected.patron, field.attname)
    assert not patron.get_deferred_fields()
    assert found._state.adding is False and found._state.db == "default"

    seen_by_volunteer = selectors.card_by_barcode(user=volunteer, barcode=card.barcode).patron
    assert set(selectors.CONTACT_FIELDS) <= seen_by_volunteer.get_deferred_fields()
    assert seen_by_volunteer.full_name == expected.patron.full_name
    assert selectors.card_by_barcode(user=desk_staff, barcode="20000000000000") is None


def test_rawsql_compares_datetime_parameters_as_the_orm_does(card):
    from patrons.models import ProxyAuthorization

    proxy = factories.ProxyAuthorizationFactory(cardholder=card.patron, revoked_at=NOW)
    assert ProxyAuthorization.objects.filter(pk=proxy.pk, revoked_at__gte=NOW).exists()
    [[count]] = rawsql.fetch(
        "SELECT COUNT(*) FROM patrons_proxyauthorization WHERE id = %s AND revoked_at >= %s",
        [proxy.pk, NOW],
        [None],
    )
    assert count == 1


def test_the_summary_counts_days_at_the_desk_s_branch_not_the_server(desk_staff, card, branch):
    """03:00 UTC on 10 March is still the 9th in New York (the server's time
    zone) but already the 10th at a branch on Kiritimati: a card that expired
    on the 9th is expired at that desk, as check-out there will say."""
    branch.timezone = "Pacific/Kiritimati"
    branch.save(update_fields=["timezone"])
    card.expires_on = datetime.date(2026, 3, 9)
    card.save(update_fields=["expires_on"])
    proxy = factories.ProxyAuthorizationFactory(
        cardholder=card.patron, expires_on=datetime.date(2026, 3, 9)
    )
    at = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC)
    assert timezone.localdate(at) == datetime.date(2026, 3, 9)

    found = selectors.card_by_barcode(user=desk_staff, barcode=card.barcode)
    summary = selectors.patron_summary(user=desk_staff, card=found, threshold=Decimal(10), now=at)

    assert summary.today == datetime.date(2026, 3, 10)
    assert [b.code for b in summary.blocks] == ["card_expired"]
    assert summary.card_expired
    assert proxy.pk in {p.pk for p in summary.proxies}
    assert summary.borrowing_proxies == []
