"""The desk's disclosure panel takes its choices from the vocabulary, its
permissions from the policies and who is a minor from the jurisdiction's
rules, never from values typed into the template."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from organisation.roles import Role
from privacy import services
from privacy.selectors import ruleset_in_force
from privacy.vocabulary import DESK_ASKS, Instrument, Proof, Requester
from tests import factories

pytestmark = pytest.mark.django_db

SCAN = "/desk/scan/"


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=40)


@pytest.fixture
def majority_21(branch):
    """US-NY's rules, from today with an age of majority of 21."""
    current = ruleset_in_force(jurisdiction_code=branch.jurisdiction_code, on=timezone.localdate())
    current.pk = None
    current.effective_from = timezone.localdate()
    current.age_of_majority = 21
    current.parent_access_max_age = min(current.parent_access_max_age, 21)
    current.save()
    return current


def desk_html(client, user, patron):
    card = factories.CardFactory(patron=patron)
    client.force_login(user)
    return client.post(SCAN, {"barcode": card.barcode}).content.decode()


def test_a_nineteen_year_old_is_a_minor_where_the_rules_say_21(
    client, desk_staff, branch, majority_21
):
    patron = factories.PatronFactory(home_branch=branch, date_of_birth=years_ago(19))
    html = desk_html(client, desk_staff, patron)
    assert 'id="guardian-sharing"' in html
    recorded = services.patron_set_guardian_sharing(
        patron=patron, shares=True, acting_user=desk_staff, staff_branch=branch
    )
    assert recorded.shares_with_guardian


def test_an_adult_under_the_default_rules_is_offered_no_guardian_sharing(
    client, desk_staff, branch
):
    patron = factories.PatronFactory(home_branch=branch, date_of_birth=years_ago(19))
    assert 'id="guardian-sharing"' not in desk_html(client, desk_staff, patron)
    with pytest.raises(services.PrivacyError, match="minor"):
        services.patron_set_guardian_sharing(
            patron=patron, shares=True, acting_user=desk_staff, staff_branch=branch
        )


def test_the_minor_is_decided_at_the_desk_s_jurisdiction_not_the_home_branch(
    client, desk_staff, branch, other_branch, majority_21
):
    """A 19-year-old from a branch whose rules say 18, at a desk whose
    rules say 21: a minor here, as the disclosure check decides here."""
    patron = factories.PatronFactory(home_branch=other_branch, date_of_birth=years_ago(19))
    assert 'id="guardian-sharing"' in desk_html(client, desk_staff, patron)
    recorded = services.patron_set_guardian_sharing(
        patron=patron, shares=True, acting_user=desk_staff, staff_branch=branch
    )
    assert recorded.shares_with_guardian


def test_every_choice_of_the_panel_comes_from_the_vocabulary(client, desk_staff, patron):
    html = desk_html(client, desk_staff, patron)
    for key, (requester, proof, label) in enumerate(DESK_ASKS, start=1):
        assert f'value="{requester}:{proof}" data-ask-key="{key}"' in html
        assert escape(label) in html
    for requester in Requester:
        shown = f'name="requester" value="{requester}"' in html
        assert shown == (requester != Requester.STAFF), requester
    for proof in Proof:
        assert f'name="proof" value="{proof}"' in html
    for instrument in Instrument:
        assert f'<option value="{instrument}">' in html
    assert f"Alt+1 to Alt+{len(DESK_ASKS)}" in html


@pytest.mark.parametrize("role", [Role.VOLUNTEER])
def test_roles_that_may_not_run_the_check_get_no_panel(client, make_staff, patron, role):
    html = desk_html(client, make_staff(role, username=f"p-{role}"), patron)
    assert 'name="ask"' not in html
    assert "volunteers do not run the disclosure check" in html


def test_an_adult_past_any_age_of_majority_costs_the_scan_no_rule_read(client, desk_staff, branch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from privacy.decision import MAX_AGE_OF_MAJORITY

    patron = factories.PatronFactory(
        home_branch=branch, date_of_birth=years_ago(MAX_AGE_OF_MAJORITY)
    )
    with CaptureQueriesContext(connection) as captured:
        html = desk_html(client, desk_staff, patron)
    assert 'name="ask"' in html and 'id="guardian-sharing"' not in html
    # On PostgreSQL the age of majority travels in the scan's one summary
    # statement (with the card); no statement of its own reads the rules.
    assert not [
        q
        for q in captured.captured_queries
        if "jurisdictionruleset" in q["sql"] and "patrons_card" not in q["sql"]
    ]
