"""The migration that gives every existing copy a catalogue title, run on
rows made at the schema before it."""

from __future__ import annotations

import pytest

from tests import migrations


def _before():
    """Circulation before titles; Django unapplies with it whatever of other
    apps depends on its later migrations (patron notices' indexes, say)."""
    return [("circulation", "0002_default_loan_rules")]


@pytest.mark.django_db(transaction=True)
def test_every_item_gets_its_own_title_and_every_hold_its_items():
    old = migrations.migrate(_before())
    System = old.get_model("libraryservice", "LibrarySystem")
    Branch = old.get_model("libraryservice", "Branch")
    Patron = old.get_model("patrons", "Patron")
    Item = old.get_model("circulation", "Item")
    Hold = old.get_model("circulation", "Hold")
    system = System.objects.create(name="Old system")
    branch = Branch.objects.create(code="old", name="Old branch", system=system)
    patron = Patron.objects.create(first_name="A", last_name="B", home_branch=branch)
    first = Item.objects.create(
        barcode="31234000000001", title="Dune", author="Herbert", format="book", home_branch=branch
    )
    second = Item.objects.create(
        barcode="31234000000002", title="Dune", author="Herbert", format="dvd", home_branch=branch
    )
    hold = Hold.objects.create(item=second, patron=patron, pickup_branch=branch)
    try:
        new = migrations.migrate(migrations.leaves())
        Item = new.get_model("circulation", "Item")
        Hold = new.get_model("circulation", "Hold")
        Title = new.get_model("catalogue", "Title")
        one, two = Item.objects.get(pk=first.pk), Item.objects.get(pk=second.pk)
        assert one.title_record_id != two.title_record_id
        assert (one.title_record.title, one.title_record.author, one.title_record.format) == (
            "Dune",
            "Herbert",
            "book",
        )
        assert two.title_record.format == "dvd"
        moved = Hold.objects.get(pk=hold.pk)
        assert (moved.title_record_id, moved.level, moved.item_id) == (
            two.title_record_id,
            "copy",
            two.pk,
        )
        # The id sequence was moved past the titles the migration made.
        assert Title.objects.create(title="New").pk > two.title_record_id
    finally:
        migrations.migrate(migrations.leaves())
