"""The patron summary's markup, written by Python rather than the template
engine: the desk region's largest part, rendered on every card scanned.

It writes what `templates/desk/_summary.html` and the three templates it
included (the disclosure entry, the concerns actions and the follow-up
question) wrote, byte for byte: each value escaped as the engine escapes
it (`conditional_escape`), numbers as `{% localize off %}` wrote them, and
dates through the same `date` filter. The engine's cost per page (variable
lookups, nodes, includes) was most of the desk's rendering time; the
desk region around it is written by Python too (desk.scan.region).

The guardian-sharing form (`privacy/_sharing.html`, the privacy app's,
shown for minors only) is still rendered by the engine.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping
from typing import Any

from django.template import Context
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from desk.scan.selectors import FeeLine, HoldLine, LoanLine, PatronSummary, Person, day_text
from organisation import clock
from patrons.models import Card, Patron


def escaped(value: Any) -> str:
    """A value as `{{ value }}` writes it with localization off: what
    `conditional_escape` gives (Django's `escape` is `html.escape` of the
    text), without its lazy-string wrapper on every value."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int:
        return str(value)
    return conditional_escape(value)


_e = escaped


def _day(value: Any) -> str:
    """`{{ value|date:"j M Y" }}`: a day as day_text writes it (what the
    filter writes, without its per-value lookups), a moment through the
    filter itself, on the current zone's day."""
    if type(value) is datetime.date:
        return day_text(value, weekday=False)
    if isinstance(value, datetime.datetime):
        # On the server's day, as the engine put a moment before a filter
        # that expects local time (no other zone is ever activated).
        value = clock.server_time(value)
    return _e(date_filter(value, "j M Y"))


# The labels get_category_display() and get_status_display() give, by
# value, without their per-call hashing of the field's choices.
_CATEGORY_LABELS = dict(Patron.Category.choices)
_CARD_STATUS_LABELS = dict(Card.Status.choices)


def _label(labels: Mapping[str, Any], value: str) -> str:
    return str(labels.get(value, value))


class SummaryMarkup:
    """The summary section for a desk context, written when the template
    writes it (`{{ summary_html }}`), so that a context nobody renders
    costs nothing."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self._context = context

    def __html__(self) -> SafeString:
        return summary_html(self._context)

    def __str__(self) -> str:
        return self.__html__()


def summary_html(context: Mapping[str, Any]) -> SafeString:
    """The summary section (what `desk/_summary.html` wrote) for a desk
    context (`desk.scan.views.desk_context`) whose summary is not None."""
    c = context
    summary: PatronSummary = c["summary"]
    p = summary.patron
    card = summary.card
    urls = c["urls"]
    patron_urls = c["patron_urls"]
    csrf = c["csrf_input"]
    out: list[str] = []
    w = out.append
    w(
        '\n<section class="patron-summary" aria-labelledby="patron-heading">\n'
        '  <div id="patron-head" class="patron-head">\n'
        f'    <h2 id="patron-heading">{_e(p.full_name)}</h2>\n'
        '    <p class="patron-facts">\n'
        f"      <span>{_e(_label(_CATEGORY_LABELS, p.category))}</span>"
    )
    age = summary.age
    if age is not None:
        w(f" · <span>Age {_e(age)}</span>")
    w("\n      ")
    if card:
        badge = "badge-ok" if card.status == "active" and not summary.card_expired else "badge-bad"
        status = _e(_label(_CARD_STATUS_LABELS, card.status))
        w(
            f" · <span>Card ending {_e(card.barcode[-4:])}:\n"
            f'        <span class="badge {badge}">{status}</span>,\n'
            f"        expires {_day(card.expires_on)}</span>"
        )
    else:
        w(' · <span class="badge badge-bad">No card</span>')
    w('\n    </p>\n    <div class="patron-tools">\n      ')
    can_manage = c["can_manage"]
    if can_manage:
        w(f'<a class="button" href="{_e(patron_urls["detail"])}">Patron record</a>')
    w("\n      ")
    if can_manage and p.keeps_loan_history:
        w(
            f'<a class="button" href="{_e(patron_urls["withdraw_history"])}">'
            "Stop keeping loan history</a>"
        )
    next_url = _e(urls["next"])
    w(
        f'\n      <form method="post" action="{next_url}" hx-post="{next_url}" class="inline">\n'
        f'        {csrf}<button type="submit" data-next-patron aria-keyshortcuts="Escape">'
        "Next patron <kbd>Esc</kbd></button>\n"
        "      </form>\n"
        "    </div>\n"
        "  </div>\n"
        "\n"
        "  \n"
        '  <div id="patron-details">\n'
        "  "
    )
    if summary.borrowing_proxies:
        _borrower(w, summary, c["selected_proxy"])
    w("\n\n  ")
    if summary.blocks:
        w(
            "\n"
            '  <div class="notice notice-bad blocks" aria-labelledby="blocks-heading">\n'
            '    <h3 id="blocks-heading">Cannot borrow until resolved</h3>\n'
            "    <ul>"
        )
        for block in summary.blocks:
            w(f"<li>{_e(block.message)}")
            if block.overridable:
                w(' <span class="badge">A supervisor may override</span>')
            w("</li>")
        w("</ul>\n  </div>\n  ")
    else:
        w(f'\n  <p class="notice notice-ok">No blocks: {_e(p.first_name)} may borrow.</p>\n  ')
    w(
        "\n\n"
        '  <div class="grid summary-grid">\n'
        '    <section class="card" aria-labelledby="loans-heading">\n'
        f'      <h3 id="loans-heading">Current loans ({len(summary.loans)})</h3>\n'
        "      "
    )
    _loans(w, summary.loans, can_declare_lost=c["can_declare_lost"])
    w(
        "\n    </section>\n\n"
        '    <section class="card" aria-labelledby="holds-heading">\n'
        f'      <h3 id="holds-heading">Holds ({len(summary.holds)})</h3>\n'
        "      "
    )
    _holds(w, summary.holds)
    _hold_form(w, c, p.pk, card.pk if card else None)
    w(
        "    </section>\n\n"
        '    <section class="card" aria-labelledby="fees-heading">\n'
        '      <h3 id="fees-heading">Fees'
    )
    if summary.fees:
        w(f": ${_e(floatformat(summary.fees_total, 2))} open")
    w("</h3>\n      ")
    _fees(w, summary.fees, can_waive=c["can_waive"], csrf=csrf, waive_url=_e(urls["fee_waive"]))
    w(
        "\n    </section>\n\n"
        '    <section class="card" aria-labelledby="people-heading">\n'
        '      <h3 id="people-heading">Guardians and proxies</h3>\n'
        "      "
    )
    _people(w, summary.guardians, summary.proxies, summary)
    w("\n    </section>\n\n    ")
    contact = summary.contact
    if contact:
        w(
            "\n"
            '    <section class="card" aria-labelledby="contact-heading">\n'
            '      <h3 id="contact-heading">Contact</h3>\n'
            '      <dl class="contact">\n'
            f"        <dt>Email</dt><dd>{_e(contact.get('email') or '—')}</dd>\n"
            f"        <dt>Phone</dt><dd>{_e(contact.get('phone') or '—')}</dd>\n"
            f"        <dt>Address</dt><dd>{_e(contact.get('address') or '—')}</dd>\n"
            "      </dl>\n"
            "    </section>\n"
            "    "
        )
    w("\n  </div>\n  </div>\n\n  \n  ")
    _row_forms(w, c, summary, csrf)
    w(
        "\n\n"
        '  <section id="disclosure-panel" class="card" aria-labelledby="disclosure-heading">\n'
        '    <h3 id="disclosure-heading">Disclosure</h3>\n'
        "    "
    )
    _disclosure_entry(w, c, p)
    w("\n  </section>\n  ")
    _desk_actions(w, c, p.pk)
    w("\n  ")
    _followup(w, c, p.pk)
    w("\n</section>\n\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def _borrower(w: Any, summary: PatronSummary, selected_proxy: Any) -> None:
    w(
        "\n"
        '  <div class="field borrower">\n'
        '    <label for="scan-proxy">Who is borrowing?</label>\n'
        '    <select id="scan-proxy" name="proxy" form="scan-form"'
        ' aria-describedby="scan-proxy-help">\n'
        f'      <option value="">{_e(summary.patron.first_name)} (the cardholder)</option>\n'
        "      "
    )
    for proxy in summary.borrowing_proxies:
        selected = " selected" if proxy.pk == selected_proxy else ""
        w(f'<option value="{_e(proxy.pk)}"{selected}>Proxy: {_e(proxy.name)}</option>')
    w(
        "\n    </select>\n"
        '    <span id="scan-proxy-help" class="help">Sent with the next item scanned.'
        " A proxy may borrow but is told nothing from the record.</span>\n"
        "  </div>\n"
        "  "
    )


def _table_start(w: Any, first: str, second: str) -> None:
    """A summary table's opening: two named columns and the row actions'."""
    w(
        "\n"
        "      <table>\n"
        f'        <thead><tr><th scope="col">{first}</th><th scope="col">{second}</th>'
        '<th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>\n'
        "        <tbody>\n"
        "        "
    )


_TABLE_END = "\n        </tbody>\n      </table>\n      "


def _loans(w: Any, loans: list[LoanLine], *, can_declare_lost: bool) -> None:
    if not loans:
        w("<p>No items on loan.</p>")
        return
    _table_start(w, "Title", "Due")
    for line in loans:
        title = _e(line.title)
        ref = _e(line.ref)
        overdue = line.overdue
        w(
            "\n          <tr"
            + (' class="overdue"' if overdue else "")
            + ">\n"
            + f'            <td>{title}<br><span class="help">{_e(line.format_label)}'
            f" · {_e(line.call_number)}</span></td>\n"
            f"            <td>{_e(line.due_text)}"
        )
        if overdue:
            w(' <span class="badge badge-bad">Overdue</span>')
        if line.renewals:
            w(f'<br><span class="help">Renewed {_e(line.renewals)}×</span>')
        w("</td>\n            <td>")
        if line.can_renew:
            w(
                f'<button type="submit" form="desk-renew" name="loan" value="{ref}"'
                f' aria-label="Renew {title}">Renew</button>'
            )
        else:
            w(f'<span class="help">{_e(line.renew_note)}</span>')
        w("\n              ")
        if can_declare_lost:
            w(
                f'<button type="submit" form="desk-lost" name="loan" value="{ref}"'
                f' class="link-button" aria-label="Declare {title} lost">Lost…</button>'
            )
        w("</td>\n          </tr>\n        ")
    w(_TABLE_END)


def _holds(w: Any, holds: list[HoldLine]) -> None:
    if not holds:
        w("<p>No holds.</p>")
        return
    _table_start(w, "Title", "Status")
    for hold in holds:
        title = _e(hold.title)
        branch = _e(hold.pickup_branch)
        w(f"\n          <tr>\n            <td>{title}</td>\n            <td>")
        if hold.status == "ready":
            w(
                f'<span class="badge badge-ok">Ready</span> at {branch},'
                f" pick up by {_e(hold.pickup_by_text)}"
            )
        elif hold.status == "in_transit":
            w(f"Set aside, in transit to {branch}")
        else:
            w(f"Waiting, position {_e(hold.position)}")
            if hold.ahead:
                w(f" ({_e(hold.ahead)} ahead)")
            w(f" · pickup at {branch}")
        w(
            "</td>\n"
            '            <td><button type="submit" form="desk-hold-cancel" name="hold"'
            f' value="{_e(hold.ref)}" aria-label="Cancel hold on {title}">Cancel</button></td>\n'
            "          </tr>\n"
            "        "
        )
    w(_TABLE_END)


def _hold_form(w: Any, c: Mapping[str, Any], patron_pk: int, card_pk: int | None) -> None:
    url = _e(c["urls"]["hold_place"])
    hold_error = c["hold_error"]
    w(
        "\n"
        f'      <form method="post" action="{url}" hx-post="{url}" class="hold-form">\n'
        f"        {c['csrf_input']}\n"
        f'        <input type="hidden" name="patron" value="{_e(patron_pk)}">'
    )
    if card_pk is not None:
        w(f'<input type="hidden" name="card" value="{_e(card_pk)}">')
    w(
        "\n"
        '        <div class="field">\n'
        '          <label for="hold-barcode">Place hold: scan the item</label>\n'
        '          <div class="scan-row">\n'
        '            <input id="hold-barcode" name="barcode" type="text" inputmode="numeric"'
        ' autocomplete="off" maxlength="40" data-accepts-scan'
    )
    if hold_error:
        w(' aria-invalid="true" aria-describedby="hold-error"')
    w('>\n            <button type="submit">Place hold</button>\n          </div>\n          ')
    if hold_error:
        w(f'<span id="hold-error" class="error">{_e(hold_error)}</span>')
    w(
        "\n"
        "        </div>\n"
        "      </form>\n"
        f'      <p><a href="{_e(c["urls"]["title_search"])}?patron={_e(patron_pk)}">'
        "Find a title to hold (any copy)</a></p>\n"
    )


def _fees(w: Any, fees: list[FeeLine], *, can_waive: bool, csrf: str, waive_url: str) -> None:
    if not fees:
        w("<p>No open fees.</p>")
        return
    _table_start(w, "Fee", "Amount")
    for fee in fees:
        ref = _e(fee.ref)
        amount = _e(fee.amount_text)
        w(f"\n          <tr>\n            <td>{_e(fee.kind_label)}")
        if fee.title:
            w(f": {_e(fee.title)}")
        w(
            f'<br><span class="help">{_e(fee.created_text)}</span></td>\n'
            f"            <td>${amount}</td>\n"
            "            <td>\n"
            f'              <button type="submit" form="desk-fee-pay" name="fee" value="{ref}"'
            f' aria-label="Paid ${amount} (record the payment)">Paid</button>\n'
            "              "
        )
        if can_waive:
            w(
                "\n"
                "              \n"
                f'              <form method="post" action="{waive_url}" hx-post="{waive_url}"'
                f' class="waive-form">{csrf}<input type="hidden" name="fee" value="{ref}">\n'
                f'                <label for="waive-{ref}" class="visually-hidden">'
                f"Reason for waiving ${amount}</label>\n"
                f'                <input id="waive-{ref}" name="reason" type="text" maxlength="300"'
                ' placeholder="Reason" required>\n'
                '                <button type="submit">Waive</button>\n'
                "              </form>\n"
                "              "
            )
        w("\n            </td>\n          </tr>\n        ")
    w(_TABLE_END)


def _people(w: Any, guardians: list[Person], proxies: list[Person], summary: PatronSummary) -> None:
    if not (guardians or proxies):
        w("<p>None on record.</p>")
        return
    w('\n      <ul class="plain">\n        ')
    for link in guardians:
        w(f"<li>{_e(link.relationship_label or 'Guardian')}: {_e(link.name)}")
        if link.verified_at:
            w(f' <span class="help">(verified {_day(link.verified_at)})</span>')
        else:
            w(' <span class="badge badge-warn">Not verified</span>')
        w("</li>")
    w("\n        ")
    for proxy in proxies:
        w(f"<li>Proxy: {_e(proxy.name)} ·\n          ")
        if proxy.may_borrow:
            w("may borrow")
        if proxy.may_borrow and proxy.may_pick_up_holds:
            w(", ")
        if proxy.may_pick_up_holds:
            w("may pick up holds")
        w("\n          · ")
        if proxy.revoked_at:
            w('<span class="badge badge-bad">Revoked</span>')
        elif proxy.expires_on is not None and proxy.expires_on < summary.today:
            w('<span class="badge badge-bad">Expired</span>')
        else:
            w(f"until {_day(proxy.expires_on)}")
        w(
            "\n"
            '          <span class="help">A proxy may not be told anything from the record.'
            "</span></li>"
        )
    w("\n      </ul>\n      ")


def _row_forms(w: Any, c: Mapping[str, Any], summary: PatronSummary, csrf: str) -> None:
    """One form per row action; each row's button names its row."""
    urls = c["urls"]

    def form(form_id: str, url: str) -> str:
        url = _e(url)
        return (
            f'<form id="{form_id}" method="post" action="{url}" hx-post="{url}" hidden>'
            f"{csrf}</form>"
        )

    if summary.loans:
        w(form("desk-renew", urls["renew"]) + "\n  ")
        if c["can_declare_lost"]:
            w(form("desk-lost", urls["loan_lost"]))
    w("\n  ")
    if summary.holds:
        w(form("desk-hold-cancel", urls["hold_cancel"]))
    w("\n  ")
    if summary.fees:
        w(form("desk-fee-pay", urls["fee_pay"]))


def _disclosure_entry(w: Any, c: Mapping[str, Any], p: Any) -> None:
    """What desk/_disclosure_entry.html (the privacy app's entry) wrote."""
    disclosure = c["disclosure"]
    w("\n\n")
    if not disclosure.may_run:
        w(
            "\n<p>Questions about what is on this record go to desk staff: volunteers do"
            " not run the disclosure check. Say “Let me get a colleague who can help.”</p>\n"
            "\n\n"
        )
        return
    url = _e(c["urls"]["disclose"])
    branch = c["desk_branch"]
    w(
        "\n"
        f'<form class="disclosure-ask" method="post" action="{url}" hx-post="{url}"'
        ' hx-target="#disclosure-result" hx-swap="innerHTML">\n'
        f"  {c['csrf_input']}\n"
        f'  <input type="hidden" name="patron" value="{_e(p.pk)}">\n'
        '  <fieldset class="ask-fieldset">\n'
        "    <legend>Who is asking? Someone asks about this record: say who, with what"
        " proof. One click decides"
    )
    if branch:
        w(f" under {_e(branch.jurisdiction_code)} rules ({_e(branch.name)})")
    w(
        ".</legend>\n"
        f"    {_e(disclosure.buttons_html)}\n"
        "  </fieldset>\n"
        '  <details class="ask-other">\n'
        "    <summary>Another combination (no proof, card and ID, a legal document)"
        "</summary>\n"
        f"    {_e(disclosure.other_html)}\n"
        '    <button type="submit" class="primary">Decide</button>\n'
        "  </details>\n"
        "</form>\n"
        '<div id="disclosure-result" class="disclosure-result"></div>\n'
        '<div id="disclosure-tools" class="disclosure-tools">\n'
        "  "
    )
    if disclosure.patron_is_minor:
        sharing = _sharing_html(p, c["csrf_token"])
        w(f'\n  <div id="guardian-sharing">{sharing}</div>\n  ')
    w("\n  <p>\n    ")
    if disclosure.may_open_history and p.keeps_loan_history:
        w(
            f'<a href="{_e(c["patron_urls"]["loan_history"])}">Loan history</a>'
            " (you will state a purpose) · "
        )
    w(
        "\n"
        f'    <a href="{_e(c["patron_urls"]["access_report"])}">'
        "Print who accessed this record</a>\n"
        "  </p>\n"
        "</div>\n"
        f'<script src="{_e(c["urls"]["privacy_js"])}" defer></script>\n'
        "\n\n"
    )


def _sharing_html(patron: Any, csrf_token: str) -> str:
    """privacy/_sharing.html for the patron, as the entry included it:
    with the page's numbers unlocalized and nothing of the desk's context
    it reads (`saved`, `error`), and without the context processors a
    request's context would run (the form reads only its CSRF token: the
    page's own, already masked)."""
    template = get_template("privacy/_sharing.html").template  # type: ignore[attr-defined]
    context = Context({"patron": patron, "csrf_token": csrf_token}, use_l10n=False)
    return str(template.render(context))


def _desk_actions(w: Any, c: Mapping[str, Any], patron_pk: int) -> None:
    """What desk/_desk_actions.html (the complaints app's) wrote."""
    w("\n")
    if c["can_log_concerns"]:
        urls = c["urls"]
        w(
            "\n"
            '<section class="card desk-actions" aria-labelledby="desk-actions-heading">\n'
            '  <h3 id="desk-actions-heading">Concerns and incidents</h3>\n'
            "  <p>\n"
            f'    <a class="button" href="{_e(urls["complaint_create"])}?patron={_e(patron_pk)}"'
            ' data-shortcut="l" aria-keyshortcuts="Alt+L">Log a concern <kbd>Alt+L</kbd></a>\n'
            f'    <a class="button" href="{_e(urls["comment_create"])}">Comment card</a>\n'
            f'    <a class="button" href="{_e(urls["incident_create"])}">Incident report</a>\n'
            "  </p>\n"
            "</section>\n"
        )
    w("\n")


def _followup(w: Any, c: Mapping[str, Any], patron_pk: int) -> None:
    """What desk/work/_patron_followup.html wrote."""
    w("\n")
    if c["can_link_inquiry"]:
        w(
            "\n"
            '<section class="card desk-actions" aria-labelledby="followup-heading">\n'
            '  <h3 id="followup-heading">Reference question for follow-up</h3>\n'
            f'  <p><a class="button" href="{_e(c["urls"]["inquiries"])}?patron={_e(patron_pk)}">'
            "Record a question linked to this patron</a></p>\n"
            '  <p class="help">Link a question to a patron only when you must get back to'
            " them; the link and the text are erased after 30 days.</p>\n"
            "</section>\n"
        )
    w("\n")
