"""After expunging, nothing in the database still ties the patron to the item."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from circulation.models import Fee, Hold, Item, Loan
from patrons.models import Card, Patron, ProxyAuthorization
from retention.services import retention_expunge
from tests import factories
from tests.retention.helpers import AS_OF, at, returned_loan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_models")]

PERSON_MODELS = (Patron, Card, ProxyAuthorization)
# Models that lead to an item: the item itself, or a record naming one.
ITEM_PATHS = {Item: "", Loan: "__item", Hold: "__item", Fee: "__loan__item"}


def links_in_tables(patron: Patron, item: Item) -> list[str]:
    """Every row of every model that names one of the patron's identities
    and, directly or through a loan, hold or fee, the item."""
    identities = {
        Patron: [patron],
        Card: list(patron.cards.all()),
        ProxyAuthorization: list(patron.proxy_authorizations.all()),
    }
    found = []
    for model in apps.get_models():
        fks = [f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)]
        person_fks = [f for f in fks if f.related_model in PERSON_MODELS]
        item_fks = [f for f in fks if f.related_model in ITEM_PATHS]
        for pf in person_fks:
            for fk in item_fks:
                path = fk.name + ITEM_PATHS[fk.related_model]
                for identity in identities[pf.related_model]:
                    if model._default_manager.filter(**{pf.name: identity, path: item}).exists():
                        found.append(f"{model._meta.label}.{pf.name}->{path}")
    return found


def audit_entries_naming(patron: Patron, objects: list[models.Model]) -> list[int]:
    """Audit entries of these objects that still carry a patron identity."""
    person_keys = {"patron", "card", "proxy"}
    hits = []
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj)
        for entry in LogEntry.objects.filter(content_type=ct, object_id=obj.pk):
            changes = entry.changes or {}
            fields = (entry.serialized_data or {}).get("fields", {})
            if person_keys & (set(changes) | set(fields)):
                hits.append(entry.pk)
            if entry.additional_data and str(patron.pk) in json.dumps(entry.additional_data):
                hits.append(entry.pk)
            if str(patron.pk) in entry.changes_text and "patron" in entry.changes_text:
                hits.append(entry.pk)
    return hits


def test_after_expunging_no_table_links_the_patron_to_the_item(branch):
    patron = factories.PatronFactory(home_branch=branch)
    factories.CardFactory(patron=patron)
    proxy = factories.ProxyAuthorizationFactory(cardholder=patron)
    hold = factories.HoldFactory(patron=patron, status=Hold.Status.FULFILLED, placed_at=at(80))
    hold.closed_at = at(62)
    hold.save()
    loan = returned_loan(patron=patron, returned_days_ago=60, proxy=proxy)
    loan.item = hold.item
    loan.save()
    fee = factories.FeeFactory(patron=patron, loan=loan, branch=branch)
    fee.status = Fee.Status.PAID
    fee.closed_at = at(40)
    fee.save()
    ct = ContentType.objects.get_for_model(Loan)
    LogEntry.objects.create(
        content_type=ct,
        object_pk=str(loan.pk),
        object_id=loan.pk,
        object_repr=str(loan),
        action=LogEntry.Action.ACCESS,
        additional_data={"patron": patron.pk},
    )
    item = loan.item
    assert links_in_tables(patron, item), "the set-up must link them first"
    assert audit_entries_naming(patron, [loan, hold, fee])

    retention_expunge(as_of=AS_OF)

    assert links_in_tables(patron, item) == []
    assert audit_entries_naming(patron, [loan, hold]) == []
    fee.refresh_from_db()
    # The paid fee is kept, with its patron, for a year: without the loan.
    assert fee.patron_id == patron.pk and fee.loan_id is None
    fee_entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Fee), object_id=fee.pk
    )
    assert fee_entries.exists()
    assert not any("loan" in (e.changes or {}) for e in fee_entries)


def test_masked_audit_entries_keep_what_changed_without_the_patron(branch, card):
    loan = returned_loan(patron=card.patron, returned_days_ago=60)
    ct = ContentType.objects.get_for_model(Loan)

    retention_expunge(as_of=AS_OF)

    entries = list(LogEntry.objects.filter(content_type=ct, object_id=loan.pk))
    assert entries
    create = next(e for e in entries if e.action == LogEntry.Action.CREATE)
    assert "item" in create.changes and "patron" not in create.changes


@pytest.mark.postgres
def test_audit_entries_with_nothing_to_remove_are_not_rewritten(branch, card):
    loan = returned_loan(patron=card.patron, returned_days_ago=60)
    ct = ContentType.objects.get_for_model(Loan)
    clean = LogEntry.objects.create(
        content_type=ct,
        object_pk=str(loan.pk),
        object_id=loan.pk,
        object_repr=str(loan),
        action=LogEntry.Action.UPDATE,
        changes={"renewals": ["0", "1"]},
        changes_text="",
    )
    LogEntry.objects.filter(pk=clean.pk).update(additional_data=None)

    def row_version() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT xmin::text, ctid::text FROM auditlog_logentry WHERE id = %s", [clean.pk]
            )
            return cursor.fetchone()

    before = row_version()

    retention_expunge(as_of=AS_OF)

    assert row_version() == before
    assert audit_entries_naming(card.patron, [loan]) == []
