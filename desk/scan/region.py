"""The desk region and its status line, written by Python rather than the
template engine, as the patron summary inside it is (desk.scan.markup):
what `desk/_desk.html`, `desk/_notice.html` and the htmx answer around
them (`desk/_response.html`) wrote, byte for byte.

Every card scanned answers with these. The engine's cost per answer (a
request context with its processors, three templates looked up and
included, a node per tag) was more than the summary's own writing; what
they write is a few fixed lines around the summary and, now and then, a
panel (an override, a second scan's check-in, a loss to confirm).

Values are escaped as the engine escapes them: `_e` for the ids and
text the hot path writes, `_value` (the engine's own conversion:
localized or not, as the template was) for anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

from desk.scan.markup import escaped as _e
from desk.scan.messages import CheckinOffer, LostConfirmation, Notice, Override


def _value(value: Any, *, l10n: bool) -> str:
    """`{{ value }}` as the engine writes it, inside `{% localize off %}`
    or not (`l10n`)."""
    return str(conditional_escape(localize(template_localtime(value), use_l10n=l10n)))


def response_html(context: Mapping[str, Any]) -> str:
    """The desk's htmx answer: the region, and the status line out of band."""
    return (
        f"{desk_html(context)}\n"
        '<div id="desk-status" hx-swap-oob="innerHTML">'
        f"{notice_html(context['notice'])}</div>\n"
    )


def notice_html(notice: Notice | None) -> SafeString:
    """The status line's notice (empty without one)."""
    if not notice:
        return mark_safe("\n")
    out = [
        f'<div class="notice notice-{_value(notice.level, l10n=True)}">\n'
        f'  <p class="notice-title">{_value(notice.text, l10n=True)}</p>\n  '
    ]
    if notice.lines:
        out.append("<ul>")
        out.extend(f"<li>{_value(line, l10n=True)}</li>" for line in notice.lines)
        out.append("</ul>")
    out.append("\n</div>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def desk_html(context: Mapping[str, Any]) -> SafeString:
    """The desk region (#desk): the patron the scan form acts for, any
    panel the answer opens, and the patron's summary or the empty desk."""
    c = context
    summary = c["summary"]
    patron = summary.patron.pk if summary else None
    card = summary.card.pk if summary and summary.card else None
    out = [
        '<div id="desk" class="desk" hx-target="#desk" hx-swap="outerHTML">\n  \n'
        '  <input type="hidden" name="patron" value="'
        f'{"" if patron is None else _e(patron)}" form="scan-form">\n'
        '  <input type="hidden" name="card" value="'
        f'{"" if card is None else _e(card)}" form="scan-form">\n  '
    ]
    w = out.append
    in_view = _in_view_fields(patron, card)
    if c["override"]:
        _override(w, c, c["override"], in_view)
    w("\n\n  ")
    if c["checkin_offer"]:
        _checkin_offer(w, c, c["checkin_offer"], in_view)
    w("\n\n  ")
    if c["confirm_lost"]:
        _confirm_lost(w, c, c["confirm_lost"], patron)
    w("\n\n  ")
    if summary:
        w(f"\n    {conditional_escape(c['summary_html'])}\n  ")
    else:
        w(
            '\n  <p class="desk-empty">Scan a library card to open the patron,'
            " or scan an item to check it in.</p>\n  "
        )
    w("\n</div>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def _in_view_fields(patron: int | None, card: int | None) -> str:
    """A panel form's hidden patron and card: the patron in view."""
    if patron is None:
        return ""
    fields = f'<input type="hidden" name="patron" value="{_e(patron)}">'
    if card is not None:
        fields += f'<input type="hidden" name="card" value="{_e(card)}">'
    return fields


def _override(w: Any, c: Mapping[str, Any], override: Override, in_view: str) -> None:
    w(
        "\n"
        '  <section class="card override" aria-labelledby="override-heading">\n'
        '    <h2 id="override-heading">Override the block?</h2>\n'
        "    "
    )
    if override.allowed:
        url = _e(c["urls"]["override"])
        w(
            "\n"
            f'    <form method="post" action="{url}" hx-post="{url}">\n'
            f"      {c['csrf_input']}\n"
            '      <input type="hidden" name="barcode"'
            f' value="{_value(override.barcode, l10n=False)}">\n'
            f"      {in_view}\n      "
        )
        if override.proxy_id:
            w(f'<input type="hidden" name="proxy" value="{_value(override.proxy_id, l10n=False)}">')
        w(
            "\n"
            '      <div class="field">\n'
            '        <label for="override-reason">Reason for lending'
            f" {_value(override.title, l10n=False)} anyway</label>\n"
            '        <input id="override-reason" name="reason" type="text" maxlength="300"'
            " required autofocus data-keep-focus>\n"
            '        <span class="help">Recorded on the loan with your name.</span>\n'
            "      </div>\n"
            '      <button type="submit" class="danger">Override and check out</button>\n'
            "    </form>\n"
            "    "
        )
    else:
        w("\n    <p>A supervisor can override this block with a reason.</p>\n    ")
    w("\n  </section>\n  ")


def _checkin_offer(w: Any, c: Mapping[str, Any], offer: CheckinOffer, in_view: str) -> None:
    url = _e(c["urls"]["scan"])
    w(
        "\n"
        '  <section class="card override" aria-labelledby="checkin-offer-heading">\n'
        '    <h2 id="checkin-offer-heading">'
        f"{_value(offer.title, l10n=False)} is already on this card</h2>\n"
        "    <p>A second scan of an item just lent is taken for a double read. If the"
        " patron is giving it back, check it in here; otherwise carry on scanning.</p>\n"
        "    \n"
        f'    <form method="post" action="{url}" hx-post="{url}">\n'
        f"      {c['csrf_input']}"
        '<input type="hidden" name="barcode"'
        f' value="{_value(offer.barcode, l10n=False)}">'
        '<input type="hidden" name="checkin" value="on">\n'
        f"      {in_view}\n"
        '      <button type="submit">Check it in</button>\n'
        "    </form>\n"
        "  </section>\n"
        "  "
    )


def _confirm_lost(w: Any, c: Mapping[str, Any], lost: LostConfirmation, patron: int | None) -> None:
    title = _value(lost.title, l10n=False)
    amount = _value(lost.amount, l10n=False)
    url = _e(reverse("desk:loan_lost", args=[lost.loan_id]))
    w(
        "\n"
        '  <section class="card override" aria-labelledby="lost-heading">\n'
        f'    <h2 id="lost-heading">Declare {title} lost?</h2>\n'
        "    <p>The loan ends, the item is marked lost, and the patron is charged its"
        f" replacement cost of ${amount}. If the item comes back, checking it in"
        " cancels the fee while it is unpaid.</p>\n"
        "    \n"
        f'    <form method="post" action="{url}" hx-post="{url}">\n'
        f"      {c['csrf_input']}"
        '<input type="hidden" name="confirm" value="yes">\n'
        '      <button type="submit" class="danger">'
        f"Declare lost and charge ${amount}</button>\n"
        "      "
    )
    if patron is not None:
        back = _e(c["patron_urls"]["desk"])
        w(f'<a class="button" href="{back}" hx-get="{back}">Cancel</a>')
    w("\n    </form>\n  </section>\n  ")
