"""Checkout, checkin, renewals, item information and fees paid at a
self-check machine, through the desk's own circulation services: a
terminal can never do what the desk would refuse, and it never
overrides a block."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.db import transaction

from circulation import services as circulation
from circulation.models import Fee, Item, Loan
from kernel import rawsql
from organisation import clock
from organisation.models import Branch
from sip2 import policies, profiles, services
from sip2 import protocol as P
from sip2.models import Terminal


class Session(Protocol):
    """What these answers use of a connection's sip2.session.Session."""

    terminal: Terminal | None
    check: services.RevokedCheck | None

    def now(self) -> str: ...
    def institution(self) -> str: ...
    def identify(self, request: P.Request, *, require_pin: bool | None = None) -> Any: ...
    def build(self, head: str, fields: Sequence[tuple[str, object]], request: P.Request) -> str: ...


SCREEN_ITEM_UNKNOWN = "This item is not known here: please take it to the desk."
SCREEN_NOT_YOURS = "This item is not on loan to you."
SCREEN_HOLD_HERE = "Please leave this item at the desk: someone is waiting for it."
SCREEN_TRANSIT = "Please leave this item at the desk: it goes to {branch}."
SCREEN_PAYMENT_REFUSED = "The payment does not match your fees: please pay at the desk."

# What a patron at the machine is told for each refusal the desk's
# checkout gives (circulation/blocks.py); staff wording stays at the desk.
KIOSK_BLOCKS = {
    "card_lost": "This card cannot be used: please ask at the desk.",
    "card_stolen": "This card cannot be used: please ask at the desk.",
    "card_replaced": "This card was replaced by a newer one: please use the new card.",
    "card_expired": "Your card has expired: please renew it at the desk.",
    "fees": "Your fees are over the limit: please pay at the desk.",
    "item_on_loan": "This item is already on loan: please take it to the desk.",
    "item_withdrawn": "This item cannot be lent: please take it to the desk.",
    "item_unavailable": "This item cannot be lent here: please take it to the desk.",
    "item_held": "This item is on hold for someone else.",
    "item_others_waiting": "Someone is waiting for this item: you can place a hold.",
}
KIOSK_LIMIT = "You have reached the limit for this kind of item."
KIOSK_RENEWAL = "This item cannot be renewed: please ask at the desk."

MEDIA_TYPES = {"book": "001", "dvd": "006", "audiobook": "004", "magazine": "002"}


def _kiosk_message(code: str) -> str:
    if code.startswith("limit_"):
        return KIOSK_LIMIT
    return KIOSK_BLOCKS.get(code, "Please ask at the desk.")


# Fixed SQL for the item and its home branch, read for every item
# message (compiling the queryset cost more than running it).
_ITEM = rawsql.Columns(Item, "i")
_BRANCH = rawsql.Columns(Branch, "b")
_ITEM_SQL = (
    f"SELECT {_ITEM.sql}, {_BRANCH.sql} FROM circulation_item i"  # noqa: S608 - column names from the models
    " LEFT JOIN libraryservice_branch b ON b.id = i.home_branch_id"
    " WHERE i.barcode = %(barcode)s"
)
# With the terminal's revoked check: one row whether or not the item is known.
_CHECKED_ITEM_SQL = (
    f"SELECT {_ITEM.sql}, {_BRANCH.sql}, {services.ACTIVE_COLUMN}"  # noqa: S608 - as above
    " FROM (SELECT 1 AS one) o"
    " LEFT JOIN circulation_item i ON i.barcode = %(barcode)s"
    " LEFT JOIN libraryservice_branch b ON b.id = i.home_branch_id"
)


def _item(barcode: str, check: services.RevokedCheck | None = None) -> Item | None:
    barcode = (barcode or "").strip()
    if not barcode or len(barcode) > P.BARCODE_MAX:
        return None
    fields = [*_ITEM.fields, *_BRANCH.fields]
    terminal = check.take() if check is not None else None
    if terminal is None:
        rows = rawsql.fetch(_ITEM_SQL, {"barcode": barcode}, fields)
    else:
        params = {"barcode": barcode, "terminal": terminal}
        rows = rawsql.fetch(_CHECKED_ITEM_SQL, params, [*fields, None])
        services.RevokedCheck.confirm(rows[0][-1])
        rows = [row[:-1] for row in rows if row[0] is not None]
    if not rows:
        return None
    item = _ITEM.instance(rows[0][: len(_ITEM)])
    if item.home_branch_id is not None:
        Item.home_branch.field.set_cached_value(item, _BRANCH.instance(rows[0][len(_ITEM) :]))
    return item


def _due(loan: Loan) -> str:
    return P.timestamp(clock.local_now(circulation.branch_tz(loan.branch), loan.due_at))


def checkout(session: Session, request: P.Request) -> str:
    """11 -> 12. The patron is identified (PIN as the terminal requires),
    then circulation.services.loan_checkout decides, as at the desk. A
    checkout of an item the patron already has, with the SC renewal
    policy set, is a renewal."""
    terminal = session.terminal
    assert terminal is not None
    now = session.now()
    barcode = request.get("AB")[: P.BARCODE_MAX]
    auth = session.identify(request)
    item = _item(barcode, session.check)
    base: list[tuple[str, object]] = [
        ("AO", session.institution()),
        ("AA", request.get("AA")[: P.BARCODE_MAX]),
        ("AB", barcode),
    ]

    def refused(screen: str) -> str:
        return session.build(
            "120NUN" + now, [*base, ("AJ", ""), ("AH", ""), ("AF", screen)], request
        )

    if not auth.may_act:
        if auth.standing is not None:
            profiles.logged(terminal, auth.standing.patron, profiles.ACCESS_CHECKOUT)
        return refused(auth.screen)
    assert auth.standing is not None
    patron = auth.standing.patron
    if item is None:
        profiles.logged(terminal, patron, profiles.ACCESS_CHECKOUT)
        return refused(SCREEN_ITEM_UNKNOWN)
    actor = policies.terminal_actor(terminal)
    # An item on the shelf is on loan to nobody: only one that is not
    # may be the patron's own, to renew.
    own = (
        None
        if item.status == Item.Status.AVAILABLE
        else Loan.objects.filter(item=item, patron=patron, returned_at__isnull=True).first()
    )
    renewal = own is not None and request.flag(0) == "Y"
    try:
        if renewal:
            assert own is not None
            profiles.logged(terminal, patron, profiles.ACCESS_CHECKOUT)
            loan = circulation.loan_renew(loan=own, acting_user=actor)
        else:
            # The access-log entry is written with the loan; a refusal
            # rolls it back, so a refused checkout logs its own below.
            loan = circulation.loan_checkout(
                item=item,
                card=auth.standing.card,
                acting_user=actor,
                branch=terminal.branch,
                access_kind=profiles.ACCESS_CHECKOUT,
            )
    except circulation.CheckoutBlocked as blocked:
        profiles.logged(terminal, patron, profiles.ACCESS_CHECKOUT)
        return refused(" ".join(dict.fromkeys(_kiosk_message(b.code) for b in blocked.blocks)))
    except circulation.CirculationError:
        if not renewal:
            profiles.logged(terminal, patron, profiles.ACCESS_CHECKOUT)
        return refused(KIOSK_RENEWAL if renewal else "Please ask at the desk.")
    head = "121" + P.yn(renewal) + "U" + "Y" + now
    fields = [
        *base,
        ("AJ", item.title),
        ("AH", _due(loan)),
        ("CK", MEDIA_TYPES.get(item.format, "000")),
    ]
    return session.build(head, fields, request)


def checkin(session: Session, request: P.Request) -> str:
    """09 -> 10. circulation.services.loan_checkin closes the loan and
    routes the item; a hold waiting for it is reported with where the item
    goes (CT, the branch code; CV 01 here, 02 elsewhere) and the item stays
    secured. Whose loan it was never leaves."""
    terminal = session.terminal
    assert terminal is not None
    now = session.now()
    barcode = request.get("AB")[: P.BARCODE_MAX]
    item = _item(barcode, session.check)
    base: list[tuple[str, object]] = [("AO", session.institution()), ("AB", barcode)]
    if item is None:
        return session.build("100NU" + "N" + now, [*base, ("AF", SCREEN_ITEM_UNKNOWN)], request)
    actor = policies.terminal_actor(terminal)
    try:
        result = circulation.loan_checkin(item=item, acting_user=actor, branch=terminal.branch)
    except circulation.CirculationError:
        return session.build("100NUN" + now, [*base, ("AF", "Please ask at the desk.")], request)
    fields: list[tuple[str, object]] = [
        *base,
        ("AQ", item.home_branch.code if item.home_branch_id else ""),
        ("AJ", item.title),
    ]
    alert = False
    if result.trapped_hold is not None:
        alert = True
        fields += [("CT", terminal.branch.code), ("CV", "01"), ("AF", SCREEN_HOLD_HERE)]
    elif result.in_transit_to is not None:
        alert = True
        fields += [
            ("CT", result.in_transit_to.code),
            ("CV", "02"),
            ("AF", SCREEN_TRANSIT.format(branch=result.in_transit_to.name)),
        ]
    elif result.item.status != Item.Status.AVAILABLE:
        alert = True
        fields.append(("AF", "Please leave this item at the desk."))
    if result.fee is not None:
        fields.append(("AG", "A late fee was charged."))
    head = "101" + P.yn(not alert) + "U" + P.yn(alert) + now
    return session.build(head, fields, request)


def renew(session: Session, request: P.Request) -> str:
    """29 -> 30, through circulation.services.loan_renew."""
    terminal = session.terminal
    assert terminal is not None
    now = session.now()
    barcode = request.get("AB")[: P.BARCODE_MAX]
    base: list[tuple[str, object]] = [
        ("AO", session.institution()),
        ("AA", request.get("AA")[: P.BARCODE_MAX]),
        ("AB", barcode),
    ]
    auth = session.identify(request)

    def refused(screen: str) -> str:
        return session.build("300NUN" + now, [*base, ("AF", screen)], request)

    if auth.standing is not None:
        profiles.logged(terminal, auth.standing.patron, profiles.ACCESS_RENEWAL)
    if not auth.may_act:
        return refused(auth.screen)
    assert auth.standing is not None
    loan = (
        Loan.objects.select_related("item")
        .filter(item__barcode=barcode, patron=auth.standing.patron, returned_at__isnull=True)
        .first()
    )
    if loan is None:
        return refused(SCREEN_NOT_YOURS)
    if auth.standing.card_blocks:
        return refused(_kiosk_message(auth.standing.card_blocks[0].code))
    try:
        loan = circulation.loan_renew(loan=loan, acting_user=policies.terminal_actor(terminal))
    except circulation.CirculationError:
        return refused(KIOSK_RENEWAL)
    fields = [*base, ("AJ", loan.item.title), ("AH", _due(loan))]
    return session.build("301YUN" + now, fields, request)


def renew_all(session: Session, request: P.Request) -> str:
    """65 -> 66: each of the patron's loans through loan_renew."""
    terminal = session.terminal
    assert terminal is not None
    now = session.now()
    auth = session.identify(request)
    base: list[tuple[str, object]] = [("AO", session.institution())]
    if auth.standing is not None:
        profiles.logged(terminal, auth.standing.patron, profiles.ACCESS_RENEWAL)
    if not auth.may_act or (auth.standing is not None and auth.standing.card_blocks):
        screen = auth.screen or KIOSK_RENEWAL
        return session.build("66000000000" + now, [*base, ("AF", screen)], request)
    assert auth.standing is not None
    actor = policies.terminal_actor(terminal)
    renewed: list[str] = []
    unrenewed: list[str] = []
    for loan in auth.standing.charged:
        try:
            circulation.loan_renew(loan=loan, acting_user=actor)
            renewed.append(loan.item.barcode)
        except circulation.CirculationError:
            unrenewed.append(loan.item.barcode)
    head = "661" + P.count(len(renewed)) + P.count(len(unrenewed)) + now
    fields = [*base, *(("BM", b) for b in renewed), *(("BN", b) for b in unrenewed)]
    return session.build(head, fields, request)


CIRCULATION_STATUS: dict[str, str] = {
    Item.Status.AVAILABLE: "03",
    Item.Status.ON_LOAN: "04",
    Item.Status.ON_HOLD_SHELF: "08",
    Item.Status.IN_TRANSIT: "10",
    Item.Status.LOST: "12",
    Item.Status.MISSING: "13",
    Item.Status.WITHDRAWN: "01",
}


def item_information(session: Session, request: P.Request) -> str:
    """17 -> 18: the item's status, title, due date and hold queue; never
    who has it or who waits for it."""
    now = session.now()
    barcode = request.get("AB")[: P.BARCODE_MAX]
    item = _item(barcode, session.check)
    if item is None:
        head = "180100" + "01" + now
        unknown = [("AB", barcode), ("AJ", ""), ("AF", SCREEN_ITEM_UNKNOWN)]
        return session.build(head, unknown, request)
    loan = Loan.objects.select_related("branch").filter(item=item, returned_at__isnull=True).first()
    queue = circulation.holds.holds_queue_for_copy(item=item).count()
    head = "18" + CIRCULATION_STATUS.get(item.status, "01") + "00" + "01" + now
    fields: list[tuple[str, object]] = [
        ("AB", barcode),
        ("AJ", item.title),
        ("CF", str(queue)),
        ("AH", _due(loan) if loan else None),
        ("CK", MEDIA_TYPES.get(item.format, "000")),
        ("AQ", item.home_branch.code if item.home_branch_id else ""),
    ]
    return session.build(head, fields, request)


def fee_paid(session: Session, request: P.Request) -> str:
    """37 -> 38, only for a terminal that takes payments. The amount (BV)
    must pay whole open fees exactly: the fee named in CG, or the oldest
    fees in order. Each is closed by circulation.services.fee_pay."""
    terminal = session.terminal
    assert terminal is not None
    now = session.now()
    auth = session.identify(request)
    base: list[tuple[str, object]] = [
        ("AO", session.institution()),
        ("AA", request.get("AA")[: P.BARCODE_MAX]),
        ("BK", request.get("BK")[:40]),
    ]
    if auth.standing is not None:
        profiles.logged(terminal, auth.standing.patron, profiles.ACCESS_PAYMENT)
    if not auth.may_act:
        return session.build("38N" + now, [*base, ("AF", auth.screen)], request)
    assert auth.standing is not None
    try:
        amount = Decimal(request.get("BV").strip()[:12])
    except InvalidOperation:
        amount = Decimal("-1")
    fees = auth.standing.fees
    wanted = request.get("CG").strip()
    if wanted:
        fees = [fee for fee in fees if str(fee.pk) == wanted]
    chosen: list[Fee] = []
    total = Decimal("0")
    for fee in fees:
        if total + fee.amount > amount:
            break
        chosen.append(fee)
        total += fee.amount
    if not chosen or total != amount:
        return session.build("38N" + now, [*base, ("AF", SCREEN_PAYMENT_REFUSED)], request)
    actor = policies.terminal_actor(terminal)
    try:
        with transaction.atomic():
            for fee in chosen:
                circulation.fee_pay(fee=fee, acting_user=actor)
    except circulation.CirculationError:
        return session.build("38N" + now, [*base, ("AF", SCREEN_PAYMENT_REFUSED)], request)
    return session.build(
        "38Y" + now, [*base, ("AF", "Thank you: your payment is recorded.")], request
    )
