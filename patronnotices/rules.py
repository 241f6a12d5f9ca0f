"""The pure rules of patron notices: to whom, by which channel, with or
without titles; the quiet hours of text messages; the back-off of a
provider that failed. No database: the services gather the facts.

The confidentiality rules decide (DESIGN section 8, issue 26):

- A notice goes to the cardholder's own contact only: their e-mail address
  or phone number, never a guardian's or a proxy's.
- A contact marked as shared or a guardian's, or equal to a guardian's own
  contact, is not the cardholder's own. Where the jurisdiction keeps a
  minor's records from parents (parent access "never", e.g. Massachusetts)
  a minor's notice never goes there: it is printed for the cardholder to
  collect at the desk, and names no title.
- Titles appear only where the patron asked for them, and never in a
  notice going to a shared or guardian's contact.
- A de-identified patron gets no notice at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import phonenumbers

from patronnotices.vocabulary import Channel

# Outcome codes kept on a notice (never an address or a message).
DEIDENTIFIED = "deidentified"
NO_OWN_CONTACT = "no_own_contact"
SHARED_CONTACT_MINOR = "shared_contact_minor"
PREFERRED = "preferred"
FALLBACK = "fallback"


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about the cardholder of one notice."""

    deidentified: bool
    preferred: str | None  # a Channel, or None when never set
    include_titles: bool  # the patron's own opt-in
    email: str
    phone: str  # as typed at the desk
    region: str  # ISO country of the branch, for phone numbers ("US")
    contact_marked_shared: bool
    guardian_emails: frozenset[str] = frozenset()
    guardian_phones: frozenset[str] = frozenset()  # normalised (E.164)
    minor: bool = False
    minor_kept_from_parents: bool = False  # the jurisdiction's parent access is "never"


@dataclass(frozen=True)
class Plan:
    """How one notice goes out: `channel` None means it does not go at all.
    `address` is the e-mail address or E.164 number (empty for print);
    `at_desk` says a printed letter is handed over at the desk, not
    mailed."""

    channel: str | None
    address: str
    with_titles: bool
    reason: str
    at_desk: bool = False


def normalise_phone(phone: str, region: str) -> str | None:
    """The number in E.164 (+15085550123), or None when it is not a valid
    number (a typo, an extension-only number)."""
    text = (phone or "").strip()
    if not text:
        return None
    try:
        parsed = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def region_of(jurisdiction_code: str) -> str:
    """The ISO country of a jurisdiction code ("US-MA" -> "US")."""
    return (jurisdiction_code or "").split("-", 1)[0].upper()


def plan_notice(facts: Facts) -> Plan:
    """The channel, address and content rule for one notice."""
    if facts.deidentified:
        return Plan(None, "", False, DEIDENTIFIED)
    email = facts.email.strip()
    phone = normalise_phone(facts.phone, facts.region)
    email_shared = bool(email) and (
        facts.contact_marked_shared or email.lower() in {e.lower() for e in facts.guardian_emails}
    )
    phone_shared = phone is not None and (
        facts.contact_marked_shared or phone in facts.guardian_phones
    )
    protected = facts.minor and facts.minor_kept_from_parents
    usable: dict[str, tuple[str, bool]] = {}
    if email and not (protected and email_shared):
        usable[Channel.EMAIL] = (email, email_shared)
    if phone and not (protected and phone_shared):
        usable[Channel.SMS] = (phone, phone_shared)
    order = [Channel.EMAIL, Channel.SMS]
    if facts.preferred == Channel.PRINT:
        order = []
    elif facts.preferred == Channel.SMS:
        order = [Channel.SMS, Channel.EMAIL]
    for n, channel in enumerate(order):
        if channel in usable:
            address, shared = usable[channel]
            reason = PREFERRED if n == 0 and facts.preferred else FALLBACK
            return Plan(str(channel), address, facts.include_titles and not shared, reason)
    if protected and (email_shared or phone_shared):
        # The only contact on file reaches the parents: the letter waits
        # at the desk for the cardholder, and names nothing.
        return Plan(str(Channel.PRINT), "", False, SHARED_CONTACT_MINOR, at_desk=True)
    reason = PREFERRED if facts.preferred == Channel.PRINT else NO_OWN_CONTACT
    # A minor's letter goes to the family's address: under a rule that
    # keeps the minor's records from parents it names no title.
    return Plan(str(Channel.PRINT), "", facts.include_titles and not protected, reason)


def in_quiet_hours(local: datetime.time, start: datetime.time, end: datetime.time) -> bool:
    """Whether a wall-clock time falls in the quiet hours [start, end),
    which may run past midnight (21:00 to 08:00)."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_hours_end(
    local_now: datetime.datetime, start: datetime.time, end: datetime.time
) -> tuple[datetime.date, datetime.time] | None:
    """The branch's day and wall-clock time at which the quiet hours
    around `local_now` (the branch's wall clock) end, or None when it is
    not quiet. The caller turns it into an instant with clock.at."""
    if not in_quiet_hours(local_now.time(), start, end):
        return None
    day = local_now.date()
    if local_now.time() >= end and start > end:
        day += datetime.timedelta(days=1)
    return day, end


MAX_ATTEMPTS = 6
BACKOFF_BASE = datetime.timedelta(minutes=5)
BACKOFF_CAP = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta | None:
    """How long to wait before the next try after `attempts` failed ones:
    5, 10, 20, 40 minutes... capped at six hours; None once the notice has
    failed MAX_ATTEMPTS times and is given up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
