"""The patron summary written by Python (desk.scan.markup), not the
template engine: no summary template is rendered on a scan, and every
value the patron, a title or a staff member typed is escaped where it is
written (text, attribute values, aria labels)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test.signals import template_rendered
from django.utils import timezone

from circulation.models import Hold
from tests import factories

pytestmark = pytest.mark.django_db

SCAN = "/desk/scan/"
HOSTILE = '<b x="1">&\'"'
ESCAPED = "&lt;b x=&quot;1&quot;&gt;&amp;&#x27;&quot;"


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor)
    return client


@pytest.fixture
def hostile_card(card):
    """A minor whose name, titles, branch names and people carry markup."""
    patron = card.patron
    patron.first_name = HOSTILE
    patron.last_name = HOSTILE
    patron.date_of_birth = timezone.localdate() - datetime.timedelta(days=365 * 12)
    patron.save(update_fields=["first_name", "last_name", "date_of_birth"])
    loan = factories.LoanFactory(
        patron=patron, item__title=HOSTILE, due_at=timezone.now() - datetime.timedelta(days=1)
    )
    factories.FeeFactory(patron=patron, loan=loan, amount=Decimal("2.50"))
    factories.HoldFactory(patron=patron, item__title=HOSTILE, status=Hold.Status.READY)
    factories.GuardianLinkFactory(patron=patron, guardian_patron=None, guardian_name=HOSTILE)
    factories.ProxyAuthorizationFactory(cardholder=patron, proxy_name=HOSTILE, may_borrow=True)
    return card


def _scan(client, barcode):
    rendered: list[str] = []

    def record(sender, template, context, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        response = client.post(SCAN, {"barcode": barcode}, HTTP_HX_REQUEST="true")
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    return response.content.decode(), rendered


def test_a_scan_renders_no_desk_template(supervisor_client, hostile_card):
    """The desk region, its status line and the summary (rows, row forms,
    disclosure entry, desk actions) are written without the engine; only
    the minor's guardian-sharing form (the privacy app's) is a template."""
    html, rendered = _scan(supervisor_client, hostile_card.barcode)
    assert 'id="loans-heading"' in html
    assert 'id="guardian-sharing"' in html
    assert '<div id="desk-status" hx-swap-oob="innerHTML">' in html
    # The disclosure panel's choices are rendered once per process.
    once = {"privacy/_ask_buttons.html", "privacy/_ask_other.html"}
    assert sorted(set(rendered) - once) == ["privacy/_sharing.html"]


def test_every_typed_value_in_the_summary_is_escaped(supervisor_client, hostile_card):
    html, _ = _scan(supervisor_client, hostile_card.barcode)
    assert HOSTILE not in html
    assert f'<h2 id="patron-heading">{ESCAPED} {ESCAPED}</h2>' in html
    assert f'aria-label="Declare {ESCAPED} lost"' in html
    assert f'aria-label="Cancel hold on {ESCAPED}"' in html
    assert f"Proxy: {ESCAPED}</option>" in html
    assert f"<li>Parent: {ESCAPED} " in html
    assert f"<li>Proxy: {ESCAPED} ·" in html


def _desk_context(client, card, **shown):
    """The desk's context for `card`'s patron as the client's user sees it,
    with what else the answer shows (`shown`: a notice, a panel, an error)."""
    from desk.scan import selectors
    from desk.scan.views import desk_context

    request = client.post(SCAN, {"barcode": card.barcode}).wsgi_request
    found = selectors.card_by_barcode(user=request.user, barcode=card.barcode)
    return desk_context(request, card=found, **shown)


def test_a_hold_error_is_escaped_and_described(supervisor_client, hostile_card):
    """A refused hold shows its error beside the field, escaped."""
    from desk.scan import markup

    context = _desk_context(supervisor_client, hostile_card, hold_error=HOSTILE)
    html = markup.summary_html(context)
    assert 'aria-invalid="true" aria-describedby="hold-error"' in html
    assert f'<span id="hold-error" class="error">{ESCAPED}</span>' in html


def test_the_desk_panels_and_the_notice_escape_what_they_show(supervisor_client, hostile_card):
    """The region around the summary (desk.scan.region) escapes the
    titles, barcodes and messages its panels and status line show."""
    from desk.scan import region
    from desk.scan.messages import CheckinOffer, LostConfirmation, Notice, Override

    context = _desk_context(
        supervisor_client,
        hostile_card,
        notice=Notice("bad", HOSTILE, [HOSTILE]),
        override=Override(HOSTILE, HOSTILE, 7, True),
        checkin_offer=CheckinOffer(HOSTILE, HOSTILE),
        confirm_lost=LostConfirmation(12, HOSTILE, "12.50"),
    )
    html = region.response_html(context)
    assert HOSTILE not in html
    assert f'<p class="notice-title">{ESCAPED}</p>' in html
    assert f"<li>{ESCAPED}</li>" in html
    assert f"Reason for lending {ESCAPED} anyway</label>" in html
    assert f'<input type="hidden" name="barcode" value="{ESCAPED}">' in html
    assert f"{ESCAPED} is already on this card</h2>" in html
    assert f"Declare {ESCAPED} lost?</h2>" in html
    assert '<input type="hidden" name="proxy" value="7">' in html
    # Each panel acts for the patron in view, on the desk's own URLs.
    patron = hostile_card.patron_id
    in_view = (
        f'<input type="hidden" name="patron" value="{patron}">'
        f'<input type="hidden" name="card" value="{hostile_card.pk}">'
    )
    override, checkin = (
        html.split(f'id="{heading}"')[1].split("</section>")[0]
        for heading in ("override-heading", "checkin-offer-heading")
    )
    assert in_view in override
    assert in_view in checkin
    assert 'action="/desk/override/"' in html
    assert 'action="/desk/loan/12/lost/"' in html
    assert f'href="/desk/patron/{patron}/" hx-get="/desk/patron/{patron}/">Cancel</a>' in html
