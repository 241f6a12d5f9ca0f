"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, Loan
from organisation.models import Branch, LibrarySystem, StaffProfile
from patrons.barcodes import make_card_barcode, make_item_barcode
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

_card_numbers = itertools.count(900_000)
_item_numbers = itertools.count(900_000)


class LibrarySystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibrarySystem
        django_get_or_create = ("name",)

    name = "Test Library System"


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("code",)

    system = factory.SubFactory(LibrarySystemFactory)
    code = factory.Sequence(lambda n: f"branch{n}")
    name = factory.LazyAttribute(lambda o: f"Branch {o.code}")
    jurisdiction_code = "US-NY"
    # Tests fix their dates (a Monday in late November is Thanksgiving week in
    # the US); a public holiday falling inside one would move every deadline
    # it counts. Tests of public holidays turn this on explicitly.
    observes_public_holidays = False


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if extracted:
            self.groups.add(Group.objects.get(name=str(extracted)))
        self.save()


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("first_name")
    branch = factory.SubFactory(BranchFactory)


def staff_user(role: str, branch: Branch | None = None, username: str | None = None):
    """A user in the role's group, with a staff profile at the branch."""
    user = UserFactory(username=username or f"{role}-{next(_card_numbers)}", role=role)
    StaffProfileFactory(user=user, branch=branch or BranchFactory(code="main"))
    return user


class PatronFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patron

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = datetime.date(1990, 5, 17)
    category = Patron.Category.ADULT
    email = factory.Faker("email")
    phone = "555-0100"
    home_branch = factory.SubFactory(BranchFactory, code="main")


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    patron = factory.SubFactory(PatronFactory)
    barcode = factory.LazyFunction(lambda: make_card_barcode(next(_card_numbers)))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class GuardianLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianLink

    patron = factory.SubFactory(PatronFactory, category=Patron.Category.JUVENILE)
    guardian_patron = factory.SubFactory(PatronFactory)
    relationship = GuardianLink.Relationship.PARENT


class ProxyAuthorizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProxyAuthorization

    cardholder = factory.SubFactory(PatronFactory)
    proxy_name = factory.Faker("name")
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title

    title = factory.Faker("sentence", nb_words=4)
    author = factory.Faker("name")


def title_with_copies(*homes: Any, **fields: Any) -> Title:
    """A title with one copy at each of `homes` (a branch may repeat)."""
    record = TitleFactory(**fields)
    for home in homes:
        ItemFactory(title_record=record, title=record.title, author=record.author, home_branch=home)
    return record


class ItemFactory(factory.django.DjangoModelFactory):
    """A copy; its title record is made from its own title and author
    unless one is given (then the copy takes the record's words)."""

    class Meta:
        model = Item

    barcode = factory.LazyFunction(lambda: make_item_barcode(next(_item_numbers)))
    title = factory.Faker("sentence", nb_words=4)
    author = factory.Faker("name")
    title_record = factory.SubFactory(
        TitleFactory,
        title=factory.SelfAttribute("..title"),
        author=factory.SelfAttribute("..author"),
        format=factory.SelfAttribute("..format"),
    )
    format = "book"
    home_branch = factory.SubFactory(BranchFactory, code="main")


class LoanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Loan

    item = factory.SubFactory(ItemFactory, status=Item.Status.ON_LOAN)
    patron = factory.SubFactory(PatronFactory)
    card = factory.LazyAttribute(lambda o: o.patron.cards.first() if o.patron else None)
    branch = factory.LazyAttribute(lambda o: o.item.home_branch)
    checked_out_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.checked_out_at + datetime.timedelta(days=21))
    patron_category = factory.LazyAttribute(lambda o: o.patron.category if o.patron else "")


class HoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hold

    item = factory.SubFactory(ItemFactory)
    title_record = factory.LazyAttribute(lambda o: o.item.title_record)
    patron = factory.SubFactory(PatronFactory)
    pickup_branch = factory.LazyAttribute(lambda o: o.item.home_branch)


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    patron = factory.SubFactory(PatronFactory)
    branch = factory.LazyAttribute(lambda o: o.patron.home_branch)
    kind = Fee.Kind.OVERDUE
    amount = factory.Faker(
        "pydecimal", left_digits=1, right_digits=2, positive=True, min_value=1, max_value=9
    )
