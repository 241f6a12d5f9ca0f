"""The server against what terminals should never send, and against the
desk: thousands of malformed messages (seeded, so a failure replays),
lines of a megabyte, idle connections, and a kiosk and the desk lending
one item at the same moment."""

from __future__ import annotations

import random
import socket
import threading

import pytest
from django.db import connection

from circulation import services as circulation
from circulation.models import Loan
from organisation.roles import Role
from sip2 import protocol as P
from sip2.session import Session
from tests import factories
from tests.sip2.helpers import DATE, PASSWORD, PIN, patron_with_pin, signed, terminal
from tests.sip2.running import sip2_server

SEED = 20261206
FUZZ_MESSAGES = 3000


class Line:
    """A raw connection to the server."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buffer = b""

    def send(self, data: bytes) -> str | None:
        """Send `data`; the answer up to its CR, or None if the server
        closed the connection."""
        try:
            self.sock.sendall(data)
            while b"\r" not in self.buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return None
                self.buffer += chunk
        except (ConnectionError, BrokenPipeError):
            return None
        answer, self.buffer = self.buffer.split(b"\r", 1)
        return answer.decode("utf-8", errors="replace")

    def login(self, login: str = "kiosk1") -> None:
        answer = self.send(signed(f"9300CN{login}|CO{PASSWORD}|").encode() + b"\r")
        assert answer is not None and answer.startswith("941"), answer

    def close(self) -> None:
        self.sock.close()


def valid_requests(card: str, item: str) -> list[str]:
    return [
        "9900802.00",
        f"63000{DATE}  Y       AOmain|AA{card}|AD{PIN}|",
        f"23000{DATE}AOmain|AA{card}|AD{PIN}|",
        f"11YN{DATE}{' ' * 18}AOmain|AA{card}|AB{item}|AD{PIN}|",
        f"09N{DATE}{DATE}APmain|AOmain|AB{item}|AC|",
        f"29NN{DATE}{' ' * 18}AOmain|AA{card}|AB{item}|",
        f"65{DATE}AOmain|AA{card}|",
        f"17{DATE}AOmain|AB{item}|",
        f"35{DATE}AOmain|AA{card}|",
        f"37{DATE}0100USDBV1.00|AOmain|AA{card}|",
        "9300CNkiosk1|COwrong|",
    ]


def malformed(rng: random.Random, valid: list[str]) -> bytes:
    """One malformed request line, ending with CR."""
    kind = rng.randrange(9)
    base = rng.choice(valid)
    if kind == 0:  # random bytes
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
        return body.replace(b"\r", b"").replace(b"\n", b"") + b"\r"
    if kind == 1:  # a valid message cut short, then signed
        return signed(base[: rng.randrange(len(base))]).encode() + b"\r"
    if kind == 2:  # a character flipped: the checksum no longer matches
        i = rng.randrange(len(base))
        text = signed(base)
        return (text[:i] + chr(rng.randrange(32, 127)) + text[i + 1 :]).encode() + b"\r"
    if kind == 3:  # fields stuffed with separators, NULs and controls
        junk = "".join(rng.choice("|\x00\x01AZAY^~é€") for _ in range(rng.randrange(1, 80)))
        return signed(base + junk).encode("utf-8") + b"\r"
    if kind == 4:  # a valid code with fixed fields of random text, signed
        code = rng.choice(list(P.FIXED_WIDTH))
        body = code + "".join(chr(rng.randrange(32, 0x2FF)) for _ in range(rng.randrange(60)))
        return signed(body).encode("utf-8") + b"\r"
    if kind == 5:  # invalid UTF-8 in a field
        return signed(base).encode() + b"\xff\xfe\xc3" + b"\r"
    if kind == 6:  # a huge field value
        return signed(base + "AB" + "9" * rng.randrange(100, 3000) + "|").encode() + b"\r"
    if kind == 7:  # unknown codes, after empty lines (which get no answer)
        return rng.choice([b"", b"\r", b"\n\r\n"]) + rng.choice(
            [b"00\r", b"XX|\r", b"96\r", b"9\r"]
        )
    # checksums of the wrong length or in lowercase, sequence numbers out of range
    return (
        base + rng.choice(["AY", "AYxAZ", "AZ", "AZ12345", "AY12AZ0000", "AZzzzz"])
    ).encode() + b"\r"


@pytest.mark.django_db(transaction=True)
def test_thousands_of_malformed_messages_crash_nothing_and_a_healthy_kiosk_keeps_working(
    tmp_path, monkeypatch, settings
):
    # Fuzzed logins would otherwise block the loopback address for the
    # healthy terminal too (per-peer throttling is tested elsewhere).
    monkeypatch.setenv("SIP2_LOGIN_MAX_FAILURES", "1000000")
    settings.SIP2_LOGIN_MAX_FAILURES = 1000000
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    terminal(branch, login="healthy")
    card = patron_with_pin(branch)
    item = factories.ItemFactory(home_branch=branch)
    valid = valid_requests(card.barcode, item.barcode)
    rng = random.Random(SEED)
    answered = closed = 0
    with sip2_server(tmp_path) as running:
        healthy = Line(running.port)
        healthy.login("healthy")
        fuzz = Line(running.port)
        fuzz.login()
        for n in range(FUZZ_MESSAGES):
            answer = fuzz.send(malformed(rng, valid))
            if answer is None:
                closed += 1
                fuzz.close()
                fuzz = Line(running.port)
                fuzz.login()
            else:
                answered += 1
                assert answer[:2].isdigit(), answer
            if n % 250 == 0:
                status = healthy.send(signed("9900802.00").encode() + b"\r")
                assert status is not None and status.startswith("98Y"), status
        # A megabyte on one line: a resend request, and the line goes on.
        assert fuzz.send(b"63" + b"A" * 1_000_000 + b"\r") == "96AZ" + P.checksum("96AZ")
        assert fuzz.send(signed("9900802.00").encode() + b"\r").startswith("98Y")
        info = healthy.send(
            signed(f"63000{DATE}{' ' * 10}AOmain|AA{card.barcode}|AD{PIN}|").encode() + b"\r"
        )
        assert info is not None and "|BLY|CQY|" in info
        healthy.close()
        fuzz.close()
    assert answered > FUZZ_MESSAGES / 2
    log = running.log()
    assert "Traceback" not in log
    assert "SIP2 request failed" not in log


@pytest.mark.django_db(transaction=True)
def test_an_idle_connection_is_closed(tmp_path):
    branch = factories.BranchFactory(code="main")
    terminal(branch)
    with sip2_server(tmp_path, idle_timeout=1) as running:
        line = Line(running.port)
        line.login()
        line.sock.settimeout(10)
        assert line.sock.recv(10) == b""  # closed by the server after a second
        line.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_kiosk_and_the_desk_lending_one_item_at_once_make_one_loan():
    branch = factories.BranchFactory(code="main")
    t = terminal(branch)
    kiosk_card = patron_with_pin(branch)
    desk_card = factories.CardFactory(patron__home_branch=branch)
    desk_user = factories.staff_user(Role.DESK_STAFF, branch=branch)
    outcomes: dict[str, object] = {}
    for round_ in range(5):
        item = factories.ItemFactory(home_branch=branch)
        barrier = threading.Barrier(2)

        def kiosk(item=item, barrier=barrier) -> None:
            try:
                session = Session(peer="127.0.0.1")
                session.answer(signed(f"9300CNkiosk1|CO{PASSWORD}|"))
                barrier.wait()
                request = (
                    f"11NN{DATE}{' ' * 18}AOmain|AA{kiosk_card.barcode}|AB{item.barcode}|AD{PIN}|"
                )
                outcomes["kiosk"] = session.answer(signed(request))
            finally:
                connection.close()

        def desk(item=item, barrier=barrier) -> None:
            try:
                barrier.wait()
                circulation.loan_checkout(
                    item=item, card=desk_card, acting_user=desk_user, branch=branch
                )
                outcomes["desk"] = "lent"
            except circulation.CirculationError as refused:
                outcomes["desk"] = refused
            finally:
                connection.close()

        threads = [threading.Thread(target=kiosk), threading.Thread(target=desk)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert Loan.objects.filter(item=item, returned_at__isnull=True).count() == 1, round_
        kiosk_lent = str(outcomes["kiosk"]).startswith("121")
        assert kiosk_lent != (outcomes["desk"] == "lent"), outcomes
    assert t.pk


@pytest.mark.django_db(transaction=True)
def test_a_cp850_kiosk_with_crlf_lines_gets_cp850_with_byte_checksums(tmp_path):
    from sip2.models import Terminal

    branch = factories.BranchFactory(code="main")
    terminal(branch, encoding=Terminal.Encoding.CP850)
    card = patron_with_pin(branch, patron__first_name="Renée", patron__last_name="Doré")
    with sip2_server(tmp_path) as running:
        line = Line(running.port)
        line.login()  # ASCII: the same in both encodings
        body = f"63000{DATE}{' ' * 10}AOmain|AA{card.barcode}|AD{PIN}|AY2AZ"
        request = (body + P.checksum(body, "cp850")).encode("cp850") + b"\r\n"
        line.sock.sendall(request)
        raw = b""
        while b"\r" not in raw:
            raw += line.sock.recv(65536)
        answer = raw.split(b"\r")[0]
        assert b"AERen\x82e Dor\x82|" in answer  # é is 0x82 in code page 850
        text = answer.decode("cp850")
        assert text.endswith("AZ" + P.checksum(text[:-4], "cp850"))
        # The LF of the CRLF is not a request: the next line is answered.
        assert line.send(signed("9900802.00").encode() + b"\r\n").startswith("98Y")
        line.close()
