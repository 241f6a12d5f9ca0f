"""Each rule set shows how its points were checked, in the admin and in the
rule simulator; choosing a preset that is not fully verified asks the
administrator to confirm that counsel reviewed it, and records who did."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from privacy import services
from privacy.admin import COUNSEL_BOX_REQUIRED
from privacy.models import JurisdictionRuleSet
from tests.privacy.test_rule_admin import form_data

pytestmark = pytest.mark.django_db


def preset(code):
    return JurisdictionRuleSet.objects.get(jurisdiction_code=code, effective_from="2000-01-01")


def confirm_url(ruleset):
    return reverse("admin:privacy_jurisdictionruleset_confirm_counsel", args=[ruleset.pk])


def test_the_rule_set_list_shows_each_presets_verification(admin_client):
    html = admin_client.get(reverse("admin:privacy_jurisdictionruleset_changelist")).content
    html = html.decode()
    assert "Verification" in html
    assert "Counsel review confirmed" in html
    assert "Not verified" in html
    assert "Checked against the statute&#x27;s text" in html


def test_an_unverified_preset_shows_its_sources_and_asks_for_counsel(admin_client):
    texas = preset("US-TX")
    html = admin_client.get(
        reverse("admin:privacy_jurisdictionruleset_change", args=[texas.pk])
    ).content.decode()
    assert "Sources: not verified" in html
    assert "Tex. Gov&#x27;t Code § 552.124" in html
    assert "strictest reading" in html
    assert confirm_url(texas) in html


def test_a_preset_read_in_the_statute_shows_its_words_and_asks_nothing(admin_client):
    illinois = preset("US-IL")
    html = admin_client.get(
        reverse("admin:privacy_jurisdictionruleset_change", args=[illinois.pk])
    ).content.decode()
    assert "Sources: checked against the statute&#x27;s text" in html
    assert "required to do so under a court order" in html
    assert "2026-12-06" in html
    assert confirm_url(illinois) not in html


def test_confirming_needs_the_box_ticked_and_saves_nothing_without_it(admin_client):
    texas = preset("US-TX")
    response = admin_client.post(confirm_url(texas), {})
    assert response.status_code == 400
    assert COUNSEL_BOX_REQUIRED in response.content.decode()
    texas.refresh_from_db()
    assert texas.counsel_confirmed_at is None
    assert texas.needs_counsel_confirmation


def test_confirming_records_who_confirmed_and_audits_it(admin_client, administrator):
    texas = preset("US-TX")
    page = admin_client.get(confirm_url(texas))
    assert page.status_code == 200
    assert "I confirm that the library's counsel has reviewed these rules." in (
        page.content.decode()
    )
    response = admin_client.post(confirm_url(texas), {"counsel_reviewed": "yes"})
    assert response.status_code == 302
    texas.refresh_from_db()
    assert texas.counsel_confirmed_by == administrator
    assert texas.counsel_confirmed_at is not None
    assert not texas.needs_counsel_confirmation
    entry = LogEntry.objects.get_for_object(texas).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == administrator
    assert "counsel_confirmed_at" in entry.changes_dict
    html = admin_client.get(
        reverse("admin:privacy_jurisdictionruleset_change", args=[texas.pk])
    ).content.decode()
    assert "Counsel's review was confirmed by" in html
    assert confirm_url(texas) not in html


def test_only_an_administrator_may_confirm(make_staff):
    director = make_staff("director")
    with pytest.raises(services.PrivacyError, match=services.NOT_ALLOWED_RULES):
        services.ruleset_confirm_counsel_review(ruleset=preset("US-TX"), acting_user=director)
    assert preset("US-TX").counsel_confirmed_at is None


def test_the_simulator_shows_the_rule_sets_verification(admin_client):
    ohio = preset("US-OH")
    response = admin_client.post(
        f"{reverse('privacy:simulate_rules')}?ruleset={ohio.pk}", form_data(ohio)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sources: from a secondary source" in html
    assert "Ohio Rev. Code § 149.432(B)(1)" in html
    assert "Not fully verified" in html
