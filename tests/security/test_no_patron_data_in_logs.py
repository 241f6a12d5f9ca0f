"""No patron name, card barcode, e-mail, phone or address in any log record.

The main flows run through the test client with every logger at DEBUG:
log-in (and a failed one), the desk (scan card, check out, check in, unknown
barcodes, which django.request logs as 4xx warnings), patron search and
pages, the disclosure flow, loan history, complaints, legal-hold-free
retention. The e2e suite repeats the scan after every browser test (tests/e2e).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from patrons.models import Patron
from tests.security.logscan import capture_all_logs, leaks, patron_secrets

pytestmark = pytest.mark.django_db

AVERY_CARD = "20000000000014"
JAMIE_CARD = "20000000000022"
DUNE = "30000000000111"


@pytest.fixture
def demo(settings):
    import io

    call_command("seed_demo", "--force", stdout=io.StringIO())
    return settings.DEMO_PASSWORD


def _login(client: Client, username: str, password: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, username


def test_the_main_flows_log_no_patron_data(demo, caplog):
    from django.contrib.auth import get_user_model

    caplog.set_level("DEBUG")
    avery = Patron.objects.get(cards__barcode=AVERY_CARD)
    jamie = Patron.objects.get(cards__barcode=JAMIE_CARD)
    secrets = patron_secrets(Patron.objects.prefetch_related("cards"))
    assert len(secrets) > 30
    with capture_all_logs() as logs:
        desk = Client()
        # A barcode typed into the username field by mistake, then the real log-in.
        desk.post(reverse("login"), {"username": AVERY_CARD, "password": "x"})
        _login(desk, "desk", demo)
        for barcode in (AVERY_CARD, DUNE, DUNE, "29999999999999", "39999999999999", "not a code"):
            desk.post(reverse("desk:scan"), {"barcode": barcode}, HTTP_HX_REQUEST="true")
        desk.post(reverse("desk:scan"), {"barcode": JAMIE_CARD})
        for ask in ("guardian:card", "third_party:none", "law_enforcement:none"):
            desk.post(reverse("privacy:disclose"), {"patron": jamie.pk, "ask": ask})
        desk.post(reverse("privacy:disclose"), {"patron": 999999, "ask": "cardholder:card"})
        desk.post(reverse("patrons:search"), {"q": avery.last_name})
        desk.post(reverse("patrons:search"), {"q": AVERY_CARD})
        desk.get(reverse("patrons:detail", args=[avery.pk]))
        desk.get(reverse("privacy:loan_history", args=[avery.pk]))
        desk.get(reverse("privacy:access_report", args=[avery.pk]))
        desk.get(reverse("patrons:detail", args=[999999]))
        desk.post(
            reverse("complaints:create"),
            {
                "description": f"{avery.first_name} says the printer ate a page.",
                "category": "service",
                "channel": "in_person",
                "patron_name": avery.full_name,
                "contact_email": avery.email,
                "contact_phone": avery.phone,
                "patron_id": avery.pk,
            },
        )
        desk.post(reverse("complaints:create"), {"patron_name": avery.full_name})  # invalid
        desk.post(
            reverse("patrons:register"),
            {"first_name": avery.first_name, "last_name": avery.last_name, "email": "bad"},
        )
        # The Director sees every complaint; a supervisor the branch's.
        director = Client()
        director.force_login(get_user_model().objects.get(username="director"))
        director.get(reverse("complaints:list"))
        # Streamed: read to the end, so that every row is written.
        b"".join(director.get(reverse("complaints:review_csv")).streaming_content)
        # The lock-out path with a patron's e-mail as the username.
        for _ in range(6):
            Client().post(reverse("login"), {"username": avery.email, "password": "nope"})
    texts = logs.texts + [r.getMessage() for r in caplog.records]
    assert len(texts) > 10, "the flows logged nothing: is logging captured at all?"
    assert leaks(texts, secrets) == []


def test_the_scan_finds_patron_data_when_it_is_logged(demo):
    """The check above can fail: a log line with a barcode is caught."""
    import logging

    secrets = patron_secrets(Patron.objects.prefetch_related("cards"))
    with capture_all_logs() as logs:
        logging.getLogger("anything").warning("scanned %s", AVERY_CARD)
    assert leaks(logs.texts, secrets) != []
