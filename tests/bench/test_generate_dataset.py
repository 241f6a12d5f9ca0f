"""generate_dataset on small numbers: counts, constraints, determinism."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q

from catalogue.models import Title
from circulation.datasets import BARCODE_FLOOR
from circulation.models import Fee, Hold, Item, Loan
from organisation.models import Branch
from patrons.barcodes import kind_of
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization
from tests import factories

AS_OF = datetime.date(2026, 3, 2)


def generate(patrons=300, items=600, loans=6000, seed=1, **options):
    out = StringIO()
    call_command(
        "generate_dataset",
        patrons=patrons,
        items=items,
        loans=loans,
        seed=seed,
        as_of=AS_OF,
        stdout=out,
        **options,
    )
    return out.getvalue()


def snapshot():
    """Every generated row, ids included, in a comparable form."""
    return {
        model.__name__: list(model.objects.order_by("pk").values_list())
        for model in (Patron, Card, GuardianLink, ProxyAuthorization, Title, Item, Loan, Hold, Fee)
    }


def delete_all():
    Fee.objects.all().delete()
    Hold.objects.all().delete()
    Loan.objects.all().delete()
    Item.objects.all().delete()
    Title.objects.all().delete()
    ProxyAuthorization.objects.all().delete()
    Card.objects.update(replaced_by=None)
    Patron.objects.all().delete()


@pytest.mark.django_db
def test_generates_the_requested_counts_and_keeps_every_constraint():
    output = generate()
    connection.check_constraints()  # deferred foreign keys, checked now

    assert Patron.objects.count() == 300
    assert Item.objects.count() == 600
    assert Loan.objects.count() == 6000
    assert "Generated in" in output
    # One active card per patron, every card barcode valid and far above
    # seed_demo's and the factories' numbers.
    assert Card.objects.filter(status=Card.Status.ACTIVE).values("patron").distinct().count() == (
        Card.objects.filter(status=Card.Status.ACTIVE).count()
    )
    assert not Patron.objects.annotate(n=Count("cards")).filter(n=0).exists()
    for barcode in Card.objects.values_list("barcode", flat=True):
        assert kind_of(barcode) == "card"
        assert int(barcode[1:13]) >= BARCODE_FLOOR
    for barcode in Item.objects.values_list("barcode", flat=True):
        assert kind_of(barcode) == "item"
    # Old cards point at the card that replaced them.
    assert not Card.objects.filter(
        status__in=["lost", "stolen", "replaced"], replaced_by__isnull=True
    ).exists()
    # An item is on loan exactly when it has an open loan.
    open_loans = Loan.objects.filter(returned_at__isnull=True)
    assert set(open_loans.values_list("item", flat=True)) == set(
        Item.objects.filter(status=Item.Status.ON_LOAN).values_list("pk", flat=True)
    )
    assert set(Hold.objects.filter(status=Hold.Status.READY).values_list("item", flat=True)) == set(
        Item.objects.filter(status=Item.Status.ON_HOLD_SHELF).values_list("pk", flat=True)
    )
    # Returned loans were returned after they went out.
    assert not Loan.objects.filter(returned_at__lte=F("checked_out_at")).exists()
    assert not Loan.objects.filter(due_at__lte=F("checked_out_at")).exists()


@pytest.mark.django_db
def test_distributions_look_like_a_library():
    generate(patrons=1000, items=2000, loans=20000)
    now = datetime.datetime.combine(AS_OF, datetime.time(), tzinfo=datetime.UTC)

    # The four demo jurisdictions, each with patrons and items.
    jurisdictions = set(
        Branch.objects.filter(patrons__isnull=False).values_list("jurisdiction_code", flat=True)
    )
    assert jurisdictions == {"US-NY", "US-MA", "US-IL", "CA-ON"}
    minors = Patron.objects.filter(date_of_birth__gt=AS_OF.replace(year=AS_OF.year - 18))
    assert 0.1 < minors.count() / 1000 < 0.35
    assert set(Patron.objects.values_list("category", flat=True)) >= {"adult", "juvenile", "senior"}
    assert GuardianLink.objects.exists()
    assert set(Item.objects.values_list("format", flat=True)) >= {"book", "dvd", "audiobook"}
    # Loans spread over years, most returned, some open and some of those overdue.
    loans = Loan.objects.all()
    first = loans.order_by("checked_out_at").first()
    assert first is not None
    assert first.checked_out_at < now - datetime.timedelta(days=4 * 365)
    assert loans.filter(checked_out_at__gt=now).count() == 0
    open_share = loans.filter(returned_at__isnull=True).count() / 20000
    assert 0.005 < open_share < 0.03
    overdue = loans.filter(returned_at__isnull=True, due_at__lt=now).count()
    assert 0 < overdue < loans.filter(returned_at__isnull=True).count()
    assert Hold.objects.filter(status=Hold.Status.WAITING).exists()
    assert Hold.objects.filter(status=Hold.Status.READY).exists()
    assert Fee.objects.filter(status=Fee.Status.OPEN).exists()
    assert Fee.objects.filter(~Q(status=Fee.Status.OPEN)).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_rows_and_another_seed_does_not():
    generate(seed=7)
    first = snapshot()
    delete_all()
    generate(seed=7)
    assert snapshot() == first
    delete_all()
    generate(seed=8)
    assert snapshot()["Loan"] != first["Loan"]


@pytest.mark.django_db
def test_batched_inserts_give_the_same_rows_as_copy():
    """The fallback used on SQLite (and forced here with --method bulk)."""
    generate(patrons=120, items=200, loans=1500, seed=3)
    copied = snapshot()
    delete_all()
    generate(patrons=120, items=200, loans=1500, seed=3, method="bulk")
    assert snapshot() == copied


@pytest.mark.django_db
def test_adds_to_an_existing_database_without_collisions(branch):
    existing = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    item = factories.ItemFactory(home_branch=branch, barcode="30000000000125")
    generate(patrons=50, items=80, loans=400)
    generate(patrons=50, items=80, loans=400, seed=2)
    connection.check_constraints()

    assert Patron.objects.count() == 101
    assert Item.objects.count() == 161
    assert Loan.objects.count() == 800
    assert Card.objects.filter(pk=existing.pk, barcode=existing.barcode).exists()
    assert not Loan.objects.filter(item=item).exists()
    # The existing US-NY branch is reused rather than a second one made.
    assert Branch.objects.filter(jurisdiction_code="US-NY").count() == 1


@pytest.mark.django_db
@pytest.mark.postgres
def test_dropped_indexes_and_foreign_keys_come_back():
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'circulation_%%' "
                "OR tablename LIKE 'patrons_%%'"
            )
            # Definitions of partial indexes are re-parsed and may be
            # re-spelt; what matters is name, uniqueness and partiality.
            indexes = {
                (name, "UNIQUE" in d, " WHERE " in d, d.split(" USING ")[1].split(")")[0])
                for name, d in cursor.fetchall()
            }
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE ANY (ARRAY['circulation_%%', 'patrons_%%'])"
            )
            return indexes, set(cursor.fetchall())

    before = schema()
    generate(patrons=100, items=200, loans=2000, rebuild_indexes="always")
    after = schema()
    assert after[0] == before[0], after[0] ^ before[0]
    assert after[1] == before[1], after[1] ^ before[1]
    # The recreated partial unique index still refuses a second open loan.
    loan = Loan.objects.filter(returned_at__isnull=True).first()
    assert loan is not None
    with pytest.raises(IntegrityError, match="loan_one_open_per_item"), transaction.atomic():
        Loan.objects.create(
            item=loan.item, branch=loan.branch, due_at=loan.due_at, patron=loan.patron
        )


@pytest.mark.django_db
def test_loans_without_patrons_or_items_are_refused():
    with pytest.raises(CommandError, match="Loans need patrons and items"):
        generate(patrons=0, items=10, loans=10)
    with pytest.raises(CommandError, match="negative"):
        generate(patrons=-1, items=10, loans=0)
