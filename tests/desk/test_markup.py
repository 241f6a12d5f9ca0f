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


def test_a_scan_renders_no_summary_template(supervisor_client, hostile_card):
    """The summary (rows, row forms, disclosure entry, desk actions) is
    written without the engine; only the desk's wrapper, the notice and
    the minor's guardian-sharing form (the privacy app's) are templates."""
    html, rendered = _scan(supervisor_client, hostile_card.barcode)
    assert 'id="loans-heading"' in html
    assert 'id="guardian-sharing"' in html
    # The disclosure panel's choices are rendered once per process.
    once = {"privacy/_ask_buttons.html", "privacy/_ask_other.html"}
    assert sorted(set(rendered) - once) == [
        "desk/_desk.html",
        "desk/_notice.html",
        "desk/_response.html",
        "privacy/_sharing.html",
    ]


def test_every_typed_value_in_the_summary_is_escaped(supervisor_client, hostile_card):
    html, _ = _scan(supervisor_client, hostile_card.barcode)
    assert HOSTILE not in html
    assert f'<h2 id="patron-heading">{ESCAPED} {ESCAPED}</h2>' in html
    assert f'aria-label="Declare {ESCAPED} lost"' in html
    assert f'aria-label="Cancel hold on {ESCAPED}"' in html
    assert f"Proxy: {ESCAPED}</option>" in html
    assert f"<li>Parent: {ESCAPED} " in html
    assert f"<li>Proxy: {ESCAPED} ·" in html


def test_a_hold_error_is_escaped_and_described(supervisor_client, hostile_card):
    """A refused hold shows its error beside the field, escaped."""
    from desk.scan import markup, selectors
    from desk.scan.views import desk_context

    request = supervisor_client.post(SCAN, {"barcode": hostile_card.barcode}).wsgi_request
    card = selectors.card_by_barcode(user=request.user, barcode=hostile_card.barcode)
    context = desk_context(request, card=card, hold_error=HOSTILE)
    html = markup.summary_html(context, request)
    assert 'aria-invalid="true" aria-describedby="hold-error"' in html
    assert f'<span id="hold-error" class="error">{ESCAPED}</span>' in html
