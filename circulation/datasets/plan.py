"""The plan every row generator reads, and the clock that formats its times."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from catalogue.models import Title
from circulation.models import Fee, Hold, Item, Loan
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

from .vocabulary import CATEGORIES, FORMATS

Row = tuple[str, ...]


@dataclass
class Plan:
    """What to generate and where it starts; the generators read only this."""

    patrons: int
    items: int
    loans: int
    titles: int
    seed: int
    as_of: datetime.date
    branch_ids: list[int]
    branch_cities: list[str]
    branch_postal: list[str]
    staff_ids: list[int]
    loan_rules: dict[str, tuple[int, int, Decimal, Decimal]]
    hold_pickup_days: int
    card_validity_years: int
    first_id: dict[str, int]
    card_number0: int
    item_number0: int
    # Filled while generating; later tables read them.
    patron_category: bytearray = field(default_factory=bytearray)
    patron_branch: bytearray = field(default_factory=bytearray)
    item_format: bytearray = field(default_factory=bytearray)
    item_branch: bytearray = field(default_factory=bytearray)
    minors: list[tuple[int, int]] = field(default_factory=list)
    open_items: list[int] = field(default_factory=list)
    ready_items: list[int] = field(default_factory=list)
    extra_cards: int = 0
    fee_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, table: str) -> random.Random:
        return random.Random(f"{self.seed}:{table}")


class Clock:
    """Timestamps as text, from day offsets and minutes: cheap to format."""

    def __init__(self, as_of: datetime.date) -> None:
        self.start = as_of - datetime.timedelta(days=366 * 100)
        self.today = (as_of - self.start).days
        days = self.today + 366 * 20
        self.days = [(self.start + datetime.timedelta(days=d)).isoformat() for d in range(days)]
        # Branch-local desk hours, recorded with a fixed offset of US Eastern
        # standard time: realistic enough for statistics by hour.
        self.minutes = [f" {m // 60:02d}:{m % 60:02d}:00-05" for m in range(24 * 60)]

    def ts(self, day: int, minute: int) -> str:
        return self.days[day] + self.minutes[minute]

    def date(self, day: int) -> str:
        return self.days[day]


# Column lists, in the order the generators produce values.
COLUMNS = {
    Patron: (
        "id first_name last_name date_of_birth category email phone address_line city "
        "postal_code home_branch_id keeps_loan_history keeps_loan_history_since "
        "shares_with_guardian notes created_at updated_at deidentified_at"
    ),
    Card: "id patron_id barcode status issued_on expires_on replaced_by_id status_changed_at",
    GuardianLink: (
        "id patron_id guardian_patron_id guardian_name relationship proof verified_by_id "
        "verified_at created_at"
    ),
    ProxyAuthorization: (
        "id cardholder_id proxy_name proxy_patron_id may_borrow may_pick_up_holds expires_on "
        "revoked_at created_by_id created_at"
    ),
    Title: (
        "id title author isbn issn publisher year format language source_system "
        "source_record_number marc_syntax marc_record created_at"
    ),
    Item: (
        "id barcode title_record_id title author call_number format home_branch_id status "
        "replacement_cost"
    ),
    Loan: (
        "id item_id patron_id card_id proxy_id branch_id checked_out_at due_at returned_at "
        "renewals checked_out_by_id override_by_id override_reason patron_category "
        "patron_birth_year anonymized_at"
    ),
    Hold: (
        "id title_record_id level item_id patron_id pickup_branch_id status placed_at ready_at "
        "pickup_by closed_at placed_by_id patron_category anonymized_at"
    ),
    Fee: (
        "id patron_id loan_id branch_id kind amount status created_at closed_at closed_by_id "
        "waive_reason patron_category anonymized_at"
    ),
}
CATEGORY_NAMES = [c for c, _, _ in CATEGORIES]
FORMAT_NAMES = [f for f, _, _ in FORMATS]
