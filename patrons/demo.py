"""Demo patrons: adults, minors with guardians, a proxy. Called by seed_demo."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from patrons.barcodes import make_card_barcode
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

# number, first, last, branch, age, category
PATRONS = [
    (1, "Avery", "Stone", "westfield", 34, "adult"),
    (2, "Jamie", "Stone", "westfield", 12, "juvenile"),
    (3, "Riley", "Chen", "millbury", 41, "adult"),
    (4, "Taylor", "Chen", "millbury", 13, "juvenile"),
    (5, "Morgan", "Okafor", "jones", 29, "adult"),
    (6, "Quinn", "Okafor", "jones", 15, "juvenile"),
    (7, "Elliot", "Tremblay", "kenora", 38, "adult"),
    (8, "Sasha", "Tremblay", "kenora", 14, "juvenile"),
    (9, "Pat", "Rivera", "westfield", 72, "senior"),
    (10, "Kim", "Nguyen", "westfield", 17, "juvenile"),
]


def _years_from(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _birthday(today: datetime.date, age: int) -> datetime.date:
    return _years_from(today, -age) - datetime.timedelta(days=40)


def seed(ctx: Any) -> None:
    patrons: dict[int, Patron] = {}
    for number, first, last, branch, age, category in PATRONS:
        barcode = make_card_barcode(number)
        card = Card.objects.select_related("patron").filter(barcode=barcode).first()
        if card is None:
            patron = Patron.objects.create(
                first_name=first,
                last_name=last,
                date_of_birth=_birthday(ctx.today, age),
                category=category,
                home_branch=ctx.branches[branch],
                email=f"{first.lower()}.{last.lower()}@example.org",
                phone=f"555-01{number:02d}",
                address_line=f"{number} Main Street",
                city=ctx.branches[branch].name.split()[0],
                postal_code="00000",
                keeps_loan_history=(number == 1),
            )
            card = Card.objects.create(
                patron=patron,
                barcode=barcode,
                expires_on=_years_from(ctx.today, 2),
            )
        patrons[number] = card.patron
    # Each minor's guardian is the adult patron of the same family.
    for minor, guardian in ((2, 1), (4, 3), (6, 5), (8, 7)):
        GuardianLink.objects.get_or_create(
            patron=patrons[minor],
            guardian_patron=patrons[guardian],
            defaults={
                "relationship": GuardianLink.Relationship.PARENT,
                "proof": GuardianLink.Proof.REGISTRATION,
                "verified_by": ctx.users["desk"],
                "verified_at": timezone.now(),
            },
        )
    ProxyAuthorization.objects.get_or_create(
        cardholder=patrons[9],
        proxy_name="Chris Rivera",
        defaults={
            "expires_on": ctx.today + datetime.timedelta(days=180),
            "created_by": ctx.users["desk"],
        },
    )
    ctx.extra["patrons"] = patrons
    ctx.say(
        "Demo cards: "
        + ", ".join(
            f"{make_card_barcode(n)} ({first} {last}, {age}, {branch})"
            for n, first, last, branch, age, _ in PATRONS
        )
    )
