"""A SIP2 client not written here (the `sip2` package on PyPI, 1.1)
drives the server started by the test, over TCP and over TLS: login,
status, patron information, checkout, renew, checkin, end of session."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from circulation.models import Loan
from tests import factories
from tests.sip2.helpers import PASSWORD, PIN, patron_with_pin, terminal
from tests.sip2.running import self_signed, sip2_server

pytestmark = pytest.mark.django_db(transaction=True)


def client(port: int, tmp_path, *, tls: bool):
    from Sip2.sip2 import Sip2

    c = Sip2()
    c.hostName = "127.0.0.1"
    c.hostPort = port
    c.tlsEnable = tls
    c.tlsAcceptSelfsigned = True
    c.socketTimeout = 20
    c.logfile_path = str(tmp_path)  # its own log file, not the working directory
    c.institutionId = "main"
    c.scLocation = "main"
    return c


def drive(c, card, item, renewable) -> None:
    c.connect()
    try:
        login = c.sip_login_response(c.get_response(c.sip_login_request("kiosk1", PASSWORD)))
        assert login["fixed"]["Ok"] == "1"
        status = c.sip_sc_status_response(c.get_response(c.sip_sc_status_request()))
        assert status["fixed"]["OnlineStatus"] == "Y"
        assert status["fixed"]["CheckoutOk"] == "Y"
        assert status["variable"]["BX"] == ["YYYNYYYYYNYNNNYY"]

        c.patron = card.barcode
        c.patronpwd = PIN
        info = c.sip_patron_information_response(
            c.get_response(c.sip_patron_information_request("charged"))
        )
        assert info["fixed"]["ChargedItemsCount"] == "0001"
        assert info["variable"]["BL"] == ["Y"] and info["variable"]["CQ"] == ["Y"]
        assert info["variable"]["AU"] == [f"{renewable.item.barcode} {renewable.item.title}"]

        out = c.sip_checkout_response(c.get_response(c.sip_checkout_request(item.barcode)))
        assert out["fixed"]["Ok"] == "1", c.last_response
        assert out["variable"]["AJ"] == [item.title]
        loan = Loan.objects.get(item=item, returned_at__isnull=True)
        assert loan.patron_id == card.patron_id

        renew = c.sip_renew_response(
            c.get_response(c.sip_renew_request(itemIdentifier=renewable.item.barcode))
        )
        assert renew["fixed"]["Ok"] == "1" and renew["fixed"]["RenewalOk"] == "Y", c.last_response
        renewable.refresh_from_db()
        assert renewable.renewals == 1

        back = c.sip_checkin_response(c.get_response(c.sip_checkin_request(item.barcode)))
        assert back["fixed"]["Ok"] == "1", c.last_response
        loan.refresh_from_db()
        assert loan.returned_at is not None

        end = c.sip_end_patron_session_response(c.get_response(c.sip_end_patron_session_request()))
        assert end["fixed"]["EndSession"] == "Y"
    finally:
        c.disconnect()


@pytest.fixture
def kiosk_data():
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    card = patron_with_pin(branch)
    item = factories.ItemFactory(home_branch=branch)
    renewable = factories.LoanFactory(
        patron=card.patron,
        card=card,
        item__home_branch=branch,
        branch=branch,
        checked_out_at=timezone.now() - datetime.timedelta(days=20),
    )
    return card, item, renewable


def test_the_sip2_client_drives_a_whole_visit_over_tcp(tmp_path, kiosk_data):
    with sip2_server(tmp_path) as running:
        drive(client(running.port, tmp_path, tls=False), *kiosk_data)
    assert "Traceback" not in running.log()


# The client builds its TLS context the old way; the warning is its own.
@pytest.mark.filterwarnings("ignore:ssl.PROTOCOL_TLS is deprecated:DeprecationWarning")
def test_the_sip2_client_drives_a_whole_visit_over_tls(tmp_path, kiosk_data):
    certfile, keyfile = self_signed(tmp_path)
    with sip2_server(tmp_path, certfile=certfile, keyfile=keyfile) as running:
        drive(client(running.port, tmp_path, tls=True), *kiosk_data)
    assert "Traceback" not in running.log()
