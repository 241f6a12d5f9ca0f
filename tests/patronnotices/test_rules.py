"""The pure rules of notices, written from DESIGN section 8 and issue 26:
the cardholder's own contact only; titles only with the opt-in and never
to a shared or guardian's contact; a Massachusetts minor's notice never
reaches the parents; quiet hours; back-off."""

from __future__ import annotations

import datetime

import pytest

from patronnotices import rules
from patronnotices.rules import Facts

OWN_EMAIL = "reader@example.org"
GUARDIAN_EMAIL = "parent@example.org"
OWN_PHONE = "508-555-0123"


def facts(**changes) -> Facts:
    base = dict(
        deidentified=False,
        preferred=None,
        include_titles=False,
        email=OWN_EMAIL,
        phone=OWN_PHONE,
        region="US",
        contact_marked_shared=False,
    )
    return Facts(**{**base, **changes})


def test_e_mail_by_default_to_the_cardholders_own_address_without_titles():
    plan = rules.plan_notice(facts())
    assert (plan.channel, plan.address, plan.with_titles) == ("email", OWN_EMAIL, False)


def test_titles_only_with_the_patrons_opt_in():
    assert rules.plan_notice(facts(include_titles=True)).with_titles is True
    assert rules.plan_notice(facts(include_titles=False)).with_titles is False


def test_a_preferred_text_message_goes_to_the_normalised_number():
    plan = rules.plan_notice(facts(preferred="sms"))
    assert (plan.channel, plan.address) == ("sms", "+15085550123")


def test_an_invalid_number_falls_back_to_e_mail_then_print():
    assert rules.plan_notice(facts(preferred="sms", phone="555-0100")).channel == "email"
    plan = rules.plan_notice(facts(preferred="sms", phone="555-0100", email=""))
    assert (plan.channel, plan.reason, plan.at_desk) == ("print", rules.NO_OWN_CONTACT, False)


def test_a_patron_who_prefers_letters_gets_a_letter():
    assert rules.plan_notice(facts(preferred="print")).channel == "print"


def test_a_de_identified_patron_gets_nothing():
    plan = rules.plan_notice(facts(deidentified=True))
    assert plan.channel is None and plan.reason == rules.DEIDENTIFIED


def test_an_adult_sharing_an_address_gets_the_notice_without_titles():
    plan = rules.plan_notice(facts(include_titles=True, contact_marked_shared=True))
    assert (plan.channel, plan.address, plan.with_titles) == ("email", OWN_EMAIL, False)


@pytest.mark.parametrize("marked", [True, False])
def test_a_massachusetts_minors_notice_never_reaches_the_guardians_address(marked):
    plan = rules.plan_notice(
        facts(
            email=GUARDIAN_EMAIL,
            phone="",
            include_titles=True,
            contact_marked_shared=marked,
            guardian_emails=frozenset({GUARDIAN_EMAIL.upper()} if not marked else set()),
            minor=True,
            minor_kept_from_parents=True,
        )
    )
    assert plan.address != GUARDIAN_EMAIL
    assert (plan.channel, plan.at_desk, plan.with_titles) == ("print", True, False)
    assert plan.reason == rules.SHARED_CONTACT_MINOR


def test_a_massachusetts_minor_with_an_own_phone_is_texted_there_instead():
    plan = rules.plan_notice(
        facts(
            email=GUARDIAN_EMAIL,
            guardian_emails=frozenset({GUARDIAN_EMAIL}),
            minor=True,
            minor_kept_from_parents=True,
        )
    )
    assert (plan.channel, plan.address) == ("sms", "+15085550123")


def test_a_new_york_minor_sharing_a_parents_address_is_told_without_titles():
    plan = rules.plan_notice(
        facts(
            email=GUARDIAN_EMAIL,
            include_titles=True,
            guardian_emails=frozenset({GUARDIAN_EMAIL}),
            minor=True,
            minor_kept_from_parents=False,
        )
    )
    assert (plan.channel, plan.address, plan.with_titles) == ("email", GUARDIAN_EMAIL, False)


def test_a_massachusetts_minors_mailed_letter_names_no_title():
    plan = rules.plan_notice(
        facts(email="", phone="", include_titles=True, minor=True, minor_kept_from_parents=True)
    )
    assert (plan.channel, plan.with_titles, plan.at_desk) == ("print", False, False)


T = datetime.time


@pytest.mark.parametrize(
    ("now", "quiet"),
    [
        (T(20, 59), False),
        (T(21, 0), True),
        (T(23, 59), True),
        (T(0, 0), True),
        (T(7, 59), True),
        (T(8, 0), False),
        (T(12, 0), False),
    ],
)
def test_quiet_hours_run_past_midnight(now, quiet):
    assert rules.in_quiet_hours(now, T(21, 0), T(8, 0)) is quiet


def test_quiet_hours_end_the_next_morning_before_midnight_and_the_same_morning_after():
    evening = datetime.datetime(2026, 3, 7, 23, 30)
    night = datetime.datetime(2026, 3, 8, 1, 30)
    assert rules.quiet_hours_end(evening, T(21), T(8)) == (datetime.date(2026, 3, 8), T(8))
    assert rules.quiet_hours_end(night, T(21), T(8)) == (datetime.date(2026, 3, 8), T(8))
    assert rules.quiet_hours_end(datetime.datetime(2026, 3, 8, 9), T(21), T(8)) is None


def test_back_off_doubles_and_gives_up():
    waits = [rules.backoff(n) for n in range(1, rules.MAX_ATTEMPTS + 1)]
    assert waits[:4] == [datetime.timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert waits[-1] is None
