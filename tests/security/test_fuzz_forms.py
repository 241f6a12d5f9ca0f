"""Hostile input against every form: never a 500, nothing half-saved.

Each form-handling URL gets hypothesis-generated values in every field:
unicode (including NUL and right-to-left marks), very long strings, markup,
SQL fragments, malformed dates and barcodes. The answer must be < 500, and
when it is 4xx no row of the application's tables may have changed.

A hostile value in one field of an otherwise empty form seldom gets past
the form's other checks, so the forms that take dates, ids or numbers also
have a valid filling (VALID): each extreme value (EXTREMES: digits of other
scripts, the first and last days of the calendar) is tried in each field of
it, one at a time, and hypothesis starts from it half of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organisation.roles import Role
from tests import factories
from tests.security.fuzz_forms_catalogue import (
    EXAMPLES,
    EXTREMES,
    FORMS,
    VALID,
    count_all,
    hostile,
)
from tests.security.world import World, build_world

pytestmark = pytest.mark.django_db


def _post_and_check(client: Client, url: str, name: str, payload: dict[str, Any]) -> int:
    """Post; the answer is < 500 and a 4xx changed no row."""
    before = count_all()
    response = client.post(url, payload, HTTP_HX_REQUEST="true" if "desk" in name else "")
    assert response.status_code < 500, f"{name}: {payload!r} -> {response.status_code}"
    if 400 <= response.status_code < 500:
        after = count_all()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert changed == {}, f"{name}: {response.status_code} but rows changed {changed}"
    return response.status_code


def _fuzz(world: World, name: str) -> Callable[..., None]:
    spec = FORMS[name]
    url = spec.url(world)
    client = Client()
    if spec.role:
        client.force_login(world.users[spec.role])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(
        data=st.dictionaries(st.sampled_from(spec.fields), hostile, max_size=len(spec.fields)),
        from_valid=st.booleans(),
    )
    def run(data: dict[str, str], from_valid: bool) -> None:
        valid = VALID[name](world) if from_valid and name in VALID else {}
        _post_and_check(client, url, name, {**spec.fixed(world), **valid, **data})

    return run


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_input_never_breaks_a_form(branch, other_branch, name):
    world = build_world(branch, other_branch)
    factories.CardFactory(patron=world.obj("patron"))
    _fuzz(world, name)()


@pytest.mark.parametrize("name", sorted(VALID))
def test_extreme_values_in_a_valid_form_never_break_it(branch, other_branch, name):
    """Each EXTREMES value in each field of a valid filling, one at a
    time: 9999-12-31 as the end of a legal request's range and "²" before
    a sign-up id were 500s."""
    world = build_world(branch, other_branch)
    factories.CardFactory(patron=world.obj("patron"))
    spec = FORMS[name]
    client = Client()
    if spec.role:
        client.force_login(world.users[spec.role])
    url = spec.url(world)
    for field_name in spec.fields:
        for value in EXTREMES:
            payload = {**spec.fixed(world), **VALID[name](world), field_name: value}
            _post_and_check(client, url, name, payload)


def test_every_valid_filling_is_accepted(branch, other_branch):
    """The fillings are valid: otherwise the extremes would only meet the
    form's first refusal."""
    world = build_world(branch, other_branch)
    factories.CardFactory(patron=world.obj("patron"))
    refused = {}
    for name in sorted(VALID):
        spec = FORMS[name]
        client = Client()
        if spec.role:
            client.force_login(world.users[spec.role])
        payload = {**spec.fixed(world), **VALID[name](world)}
        status = _post_and_check(client, spec.url(world), name, payload)
        if status >= 400:
            refused[name] = (status, client.post(spec.url(world), payload).content[-3000:])
    assert refused == {}


def test_every_form_url_is_fuzzed():
    """Each URL that takes a POST form is in FORMS or says why not."""
    from tests.security.authorization_table import EXPECTED

    not_fuzzed = {
        "logout": "no input",
        "admin_login": "redirect only",
        "two_factor_setup": "same token form as two_factor_verify",
        "desk:next": "no input",
        "desk:hold_cancel": "no input but the id",
        "desk:renew": "no input but the id",
        "desk:loan_lost": "the id and confirm=yes; any other value only asks again (desk test)",
        "desk:fee_pay": "no input but the id",
        "desk:renew_chosen": "only the id (tests/desk/test_scan_path.py fuzzes it)",
        "desk:loan_lost_chosen": "only the id (tests/desk/test_scan_path.py fuzzes it)",
        "desk:hold_cancel_chosen": "only the id (tests/desk/test_scan_path.py fuzzes it)",
        "desk:fee_pay_chosen": "only the id (tests/desk/test_scan_path.py fuzzes it)",
        "patrons:edit": "the register form's fields",
        "patrons:card_new": "a reason choice and a date, as register's",
        "patrons:proxy_revoke": "no input but the ids",
        "privacy:guardian_sharing": "a yes/no choice",
        "patrons:withdraw_history": "one checkbox",
        "complaints:attachment_upload": "files: a separate size/type test in complaints",
        "notices:read": "no input but the id ('open' only picks where to go next)",
        "notices:read_all": "no input",
        "patronnotices:preference": "a channel choice and two checkboxes; an unknown "
        "channel is a 400 (tests/patronnotices/test_views.py)",
        "patronnotices:print_batch_printed": "no input but the id",
        "legal:close": "one optional note, as legal:counsel",
        "legal:produce": "no input but the id",
        "legal:hold_place": "no input but the id",
        "legal:hold_release": "no input but the id",
        "legal:designee_remove": "no input but the ids",
        "legal:document_upload": "files: size and type tests in tests/legal/test_views.py",
        "programs:cancel": "no input but the ids",
        "programs:called": "no input but the ids",
        "programs:cancel_program": "one confirmation checkbox",
        "computers:extend": "no input but the id",
        "computers:end": "no input but the id",
        "computers:queue_cancel": "no input but the id",
        "computers:api_start": "a station's token and JSON: fuzzed in tests/computers",
        "computers:api_end": "a station's token and the id: tests/computers",
        "desk:callback_done": "no input but the id",
        "desk:callback_cancel": "no input but the id",
        "desk:waiting_next": "no input",
        "desk:waiting_left": "no input but the id",
        "sip2:pin_unlock": "no input but the id",
    }
    posted = {
        name
        for name, check in EXPECTED.items()
        if check.method == "post" and not name.startswith("complaints:reconsideration_")
    }
    posted |= {"login", "patrons:register", "complaints:create", "complaints:incident_create"}
    complaint_actions = {
        f"complaints:{a}"
        for a in ("resolve", "escalate", "update", "pause", "resume", "appeal", "close")
    }
    missing = sorted(posted - set(FORMS) - set(not_fuzzed) - complaint_actions)
    assert missing == []


@pytest.mark.parametrize("raw", ["²", "１", "٣", "9" * 30, "0"])
def test_a_rule_set_id_in_the_query_string_is_parsed_as_ascii_digits(branch, other_branch, raw):
    """`?ruleset=²` passed str.isdigit() and broke int(): a 500."""
    world = build_world(branch, other_branch)
    client = Client()
    client.force_login(world.users[Role.ADMINISTRATOR.value])
    response = client.post(reverse("privacy:simulate_rules") + f"?ruleset={raw}", {})
    assert response.status_code == 400
