"""One terminal connection: login, status, who the patron is, end of
session, resend; the circulation messages are in sip2.circulate.

`Session.answer(line)` takes one decoded request line and returns the
answer to send, or None to close the connection. It never raises for
anything a terminal can send.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from organisation import clock
from sip2 import policies, profiles, services
from sip2 import protocol as P
from sip2.models import Terminal
from sip2.profiles import Standing

log = logging.getLogger("sip2")

LOGIN_ATTEMPTS_PER_CONNECTION = 3
ERRORS_PER_CONNECTION = 20

SCREEN_UNKNOWN_CARD = "This card is not known here: please ask at the desk."
SCREEN_WRONG_PIN = "The PIN is not right. Please try again."
SCREEN_LOCKED = (
    "This card is locked for self-service after too many wrong PINs: please ask at the desk."
)
SCREEN_NO_PIN = "This card has no PIN yet: please ask at the desk to set one."
SCREEN_PIN_NEEDED = "Please type your PIN."
SCREEN_NOT_HERE = "This terminal cannot do that."


@dataclass
class PatronAuth:
    """The outcome of identifying a patron at the terminal."""

    standing: Standing | None
    pin_ok: bool = False
    locked: bool = False
    screen: str = ""

    @property
    def may_act(self) -> bool:
        return self.standing is not None and not self.screen


@dataclass
class Session:
    peer: str
    terminal: Terminal | None = None
    verified: set[str] = field(default_factory=set)
    last_answer: str | None = None
    login_failures: int = 0
    errors: int = 0
    check: services.RevokedCheck | None = None

    @property
    def encoding(self) -> str:
        return self.terminal.encoding if self.terminal else "utf-8"

    @property
    def checksums(self) -> bool:
        return self.terminal.checksums if self.terminal else True

    def answer(self, line: str) -> str | None:
        """The answer to one request line, or None to hang up."""
        try:
            return self._answer(line)
        except Exception:  # a bug must not take the server down
            log.exception("SIP2 request failed (code %r)", line[:2])
            self.errors += 1
            return P.resend(with_checksum=self.checksums)

    def _answer(self, line: str) -> str | None:
        require = self.terminal is not None and self.terminal.checksums
        try:
            request = P.parse(line, require_checksum=require, encoding=self.encoding)
        except P.ProtocolError:
            self.errors += 1
            if self.errors > ERRORS_PER_CONNECTION:
                return None
            return P.resend(with_checksum=self.checksums)
        if request.code == "97":
            return self.last_answer or P.resend(with_checksum=self.checksums)
        if request.code == "93":
            text = self._login(request)
        elif self.terminal is None:
            log.info("SIP2 message %s before login from %s: closing", request.code, self.peer)
            return None
        else:
            # Revoked since login: the message's first read of a card or
            # an item tells (one column more), else a statement after the
            # answer is built and before it is sent. Nothing is written
            # for a message before one of those reads.
            self.check = services.RevokedCheck(self.terminal.pk)
            try:
                if request.code not in policies.messages_for(self.terminal):
                    text = self._not_here(request)
                else:
                    text = self._dispatch(request)
                if self.check.pending and not services.terminal_is_active(self.terminal):
                    raise services.TerminalRevoked
            except services.TerminalRevoked:
                log.info("SIP2 terminal %s revoked: closing", self.terminal.login)
                return None
            finally:
                self.check = None
            services.terminal_used(terminal=self.terminal)
        if text is None:
            return None
        self.last_answer = text
        return text

    def build(self, head: str, fields: Sequence[tuple[str, object]], request: P.Request) -> str:
        with_checksum = self.checksums if self.terminal else request.had_checksum
        # A single-byte code page's firmware sums bytes; UTF-8 clients (the
        # `sip2` package among them) sum characters.
        encoding = self.encoding if self.encoding != "utf-8" else None
        return P.build(
            head, fields, sequence=request.sequence, with_checksum=with_checksum, encoding=encoding
        )

    def now(self) -> str:
        # The terminal's branch's wall clock: a kiosk prints it on receipts.
        if self.terminal is None:
            return P.timestamp(clock.server_time())
        return P.timestamp(clock.local_now(self.terminal.branch))

    def institution(self) -> str:
        assert self.terminal is not None
        return self.terminal.branch.code

    # -- 93 login, 99 status ---------------------------------------------

    def _login(self, request: P.Request) -> str | None:
        terminal = services.terminal_login(
            login=request.get("CN")[:100], password=request.get("CO")[:200], peer=self.peer
        )
        if terminal is None:
            self.login_failures += 1
            if self.login_failures > LOGIN_ATTEMPTS_PER_CONNECTION:
                return None
            return self.build("940", [], request)
        self.terminal = terminal
        self.verified.clear()
        return self.build("941", [], request)

    def _dispatch(self, request: P.Request) -> str | None:
        from sip2 import circulate

        handlers = {
            "99": self._status,
            "63": self._patron_information,
            "23": self._patron_status,
            "35": self._end_session,
            "11": lambda r: circulate.checkout(self, r),
            "09": lambda r: circulate.checkin(self, r),
            "29": lambda r: circulate.renew(self, r),
            "65": lambda r: circulate.renew_all(self, r),
            "17": lambda r: circulate.item_information(self, r),
            "37": lambda r: circulate.fee_paid(self, r),
        }
        return handlers[request.code](request)

    def _status(self, request: P.Request) -> str:
        assert self.terminal is not None
        allowed = policies.messages_for(self.terminal)
        may_lend = self.terminal.is_self_check
        head = (
            "98Y"
            + P.yn(may_lend)  # checkin ok
            + P.yn(may_lend)  # checkout ok
            + P.yn(may_lend)  # ACS renewal policy
            + "N"  # status update ok
            + "N"  # off-line ok
            + "030"  # timeout period, in tenths of a second
            + "003"  # retries allowed
            + self.now()
            + "2.00"
        )
        fields = [
            ("AO", self.institution()),
            ("AM", self.terminal.branch.name),
            ("BX", "".join(P.yn(code in allowed) for code in P.SUPPORTED_ORDER)),
            ("AN", self.terminal.label),
        ]
        return self.build(head, fields, request)

    def _not_here(self, request: P.Request) -> str:
        """A message this kind of terminal may not send: the refusal its
        answer has room for, or a resend request."""
        refusals = {
            "11": "120NUN",
            "09": "100NUN",
            "29": "300NUN",
            "65": "66000000000",
            "37": "38N",
        }
        head = refusals.get(request.code)
        if head is None:
            return self.build("96", [], request)
        fixed = head + self.now()
        return self.build(fixed, [("AO", self.institution()), ("AF", SCREEN_NOT_HERE)], request)

    # -- patrons ----------------------------------------------------------

    def identify(self, request: P.Request, *, require_pin: bool | None = None) -> PatronAuth:
        """Find the card in AA and check the PIN in AD: typed now, or
        typed earlier in this patron session. A terminal that requires
        PINs refuses the patron without one."""
        assert self.terminal is not None
        card = profiles.card_for(request.get("AA"), self.check)
        if card is None:
            return PatronAuth(None, screen=SCREEN_UNKNOWN_CARD)
        s = profiles.standing(card, self.terminal)
        required = self.terminal.requires_pin if require_pin is None else require_pin
        typed = "AD" in request.fields and request.get("AD") != ""
        if card.barcode in self.verified and not typed:
            return PatronAuth(s, pin_ok=True)
        if not typed:
            # A blank PIN is no PIN: refused where one is required, and
            # not counted as a wrong try.
            return PatronAuth(s, screen=SCREEN_PIN_NEEDED if required else "")
        check = services.pin_check(patron=card.patron, pin=request.get("AD")[:64])
        if check is services.PinCheck.OK:
            self.verified.add(card.barcode)
            return PatronAuth(s, pin_ok=True)
        self.verified.discard(card.barcode)
        if check is services.PinCheck.LOCKED:
            return PatronAuth(s, locked=True, screen=SCREEN_LOCKED)
        if check is services.PinCheck.NONE:
            return PatronAuth(s, screen=SCREEN_NO_PIN if required else "")
        return PatronAuth(s, screen=SCREEN_WRONG_PIN)

    def _patron_fields(self, auth: PatronAuth, request: P.Request) -> list[tuple[str, object]]:
        """AO AA AE BL CQ and what this kind of terminal may learn."""
        assert self.terminal is not None
        s = auth.standing
        fields: list[tuple[str, object]] = [
            ("AO", self.institution()),
            ("AA", request.get("AA")[: P.BARCODE_MAX]),
        ]
        if s is None:
            return [*fields, ("AE", ""), ("BL", "N"), ("CQ", "N")]
        trusted = auth.pin_ok or (not self.terminal.requires_pin and not auth.screen)
        fields += [
            ("AE", profiles.display_name(s.patron) if trusted else ""),
            ("BL", "Y"),
            ("CQ", P.yn(auth.pin_ok)),
        ]
        if trusted and self.terminal.is_self_check:
            fields += [
                ("BH", profiles.CURRENCY),
                ("BV", f"{s.fees_open:.2f}"),
                ("CC", f"{s.threshold:.2f}"),
            ]
        elif trusted:
            fields += profiles.pc_fields(s, self.terminal)
        return fields

    def _counts(self, auth: PatronAuth) -> str:
        """The six item counts of answer 64: to a self-check machine, for
        a patron it may serve; blanks otherwise."""
        s = auth.standing
        trusted = s is not None and (auth.pin_ok or not self.terminal.requires_pin)  # type: ignore[union-attr]
        if s is None or not trusted or not self.terminal.is_self_check:  # type: ignore[union-attr]
            return " " * 24
        return "".join(
            P.count(n)
            for n in (
                len(s.holds_ready),
                len(s.overdue),
                len(s.charged),
                len(s.fees),
                0,
                len(s.holds_waiting),
            )
        )

    def _patron_information(self, request: P.Request) -> str:
        assert self.terminal is not None
        auth = self.identify(request)
        s = auth.standing.read_all() if auth.standing is not None else None
        flags = profiles.status_flags(s, locked=auth.locked) if s else "Y" * 4 + " " * 10
        head = "64" + flags + "000" + self.now() + self._counts(auth)
        fields = self._patron_fields(auth, request)
        if s is not None and auth.pin_ok and self.terminal.is_self_check:
            summary = request.fixed[21:31]
            start = _number(request.get("BP"), 1)
            end = _number(request.get("BQ"), start + 4)
            fields += profiles.item_list(summary, s, start, min(end, start + 49))
        if auth.screen:
            fields.append(("AF", auth.screen))
        if s is not None:
            profiles.logged(self.terminal, s.patron, profiles.ACCESS_PATRON)
        return self.build(head, fields, request)

    def _patron_status(self, request: P.Request) -> str:
        assert self.terminal is not None
        auth = self.identify(request)
        s = auth.standing
        flags = profiles.status_flags(s, locked=auth.locked) if s else "Y" * 4 + " " * 10
        head = "24" + flags + "000" + self.now()
        if s is not None:
            profiles.logged(self.terminal, s.patron, profiles.ACCESS_PATRON)
        fields = self._patron_fields(auth, request)
        if auth.screen:
            fields.append(("AF", auth.screen))
        return self.build(head, fields, request)

    def _end_session(self, request: P.Request) -> str:
        self.verified.discard(request.get("AA")[: P.BARCODE_MAX])
        head = "36Y" + self.now()
        return self.build(
            head, [("AO", self.institution()), ("AA", request.get("AA")[: P.BARCODE_MAX])], request
        )


def _number(text: str, default: int) -> int:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 6 else default
