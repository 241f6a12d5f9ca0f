"""Administrators edit rule sets in the Django admin and simulate changes."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from privacy.forms import wording_data
from privacy.models import JurisdictionRuleSet
from privacy.selectors import ruleset_in_force

pytestmark = pytest.mark.django_db


def ny():
    return JurisdictionRuleSet.objects.get(jurisdiction_code="US-NY")


def form_data(ruleset, **changes):
    data = {
        "jurisdiction_code": ruleset.jurisdiction_code,
        "name": ruleset.name,
        "effective_from": ruleset.effective_from.isoformat(),
        "change_note": "",
        "age_of_majority": ruleset.age_of_majority,
        "parent_access": ruleset.parent_access,
        "parent_access_max_age": ruleset.parent_access_max_age,
        "parent_access_proof": ruleset.parent_access_proof,
        "parent_access_scope": ruleset.parent_access_scope,
        "cardholder_proof": ruleset.cardholder_proof,
        "accepted_instruments": ruleset.accepted_instruments,
        "emergency_disclosure": ruleset.emergency_disclosure,
        "protected_records": ruleset.protected_records,
        "citation": ruleset.citation,
        "summary": ruleset.summary,
        **wording_data(ruleset.rule_texts),
    }
    if ruleset.minor_can_share_with_guardian:
        data["minor_can_share_with_guardian"] = "on"
    if ruleset.notify_patron_of_legal_request:
        data["notify_patron_of_legal_request"] = "on"
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


class TestValidation:
    def test_a_scope_must_name_known_record_types(self):
        ruleset = ny()
        ruleset.parent_access_scope = ["current_loans", "diary"]
        with pytest.raises(ValidationError, match="diary"):
            ruleset.full_clean()

    def test_the_age_limit_may_not_pass_majority_without_the_override(self):
        ruleset = ny()
        ruleset.parent_access_max_age = 21
        with pytest.raises(ValidationError, match="override"):
            ruleset.full_clean()
        ruleset.allow_max_age_above_majority = True
        ruleset.full_clean()

    def test_proofs_come_from_the_vocabulary(self):
        ruleset = ny()
        ruleset.cardholder_proof = ["passport"]
        with pytest.raises(ValidationError, match="passport"):
            ruleset.full_clean()

    def test_parent_access_needs_a_proof_and_a_scope(self):
        ruleset = JurisdictionRuleSet.objects.get(jurisdiction_code="US-MA")
        ruleset.parent_access = "may"
        with pytest.raises(ValidationError) as err:
            ruleset.full_clean()
        assert {"parent_access_proof", "parent_access_scope"} <= set(err.value.message_dict)

    def test_rule_texts_name_known_rules(self):
        ruleset = ny()
        ruleset.rule_texts = {"guardian.whatever": {"citation": "x"}}
        with pytest.raises(ValidationError, match=r"guardian\.whatever"):
            ruleset.full_clean()


class TestVersions:
    def test_the_rules_in_force_are_the_latest_effective_on_or_before_the_day(self):
        old = ny()
        new = JurisdictionRuleSet.objects.get(pk=old.pk)
        new.pk = None
        new.effective_from = datetime.date(2030, 1, 1)
        new.parent_access = "never"
        new.save()
        assert ruleset_in_force(jurisdiction_code="US-NY", on=datetime.date(2029, 12, 31)) == old
        assert ruleset_in_force(jurisdiction_code="US-NY", on=datetime.date(2030, 1, 1)) == new
        assert ruleset_in_force(jurisdiction_code="US-NY", on=datetime.date(1999, 1, 1)) is None

    def test_every_change_is_audited(self):
        ruleset = ny()
        ruleset.parent_access_max_age = 16
        ruleset.save()
        entry = LogEntry.objects.get_for_object(ruleset).filter(action=LogEntry.Action.UPDATE)
        assert entry.exists()
        assert "parent_access_max_age" in entry.first().changes_dict


class TestAdmin:
    def test_every_rule_page_says_to_confirm_with_counsel(self, admin_client):
        ruleset = ny()
        for url in (
            reverse("admin:privacy_jurisdictionruleset_changelist"),
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk]),
            reverse("admin:privacy_jurisdictionruleset_add"),
            reverse("admin:privacy_jurisdictionruleset_history", args=[ruleset.pk]),
        ):
            response = admin_client.get(url)
            assert response.status_code == 200, url
            assert "Confirm with counsel" in response.content.decode(), url

    def test_the_change_form_offers_the_simulator(self, admin_client):
        ruleset = ny()
        response = admin_client.get(
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk])
        )
        assert f"{reverse('privacy:simulate_rules')}?ruleset={ruleset.pk}" in (
            response.content.decode()
        )

    def test_an_administrator_saves_a_change_and_it_is_audited(self, admin_client):
        ruleset = ny()
        response = admin_client.post(
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk]),
            form_data(ruleset, parent_access_max_age="16", _save="Save"),
        )
        assert response.status_code == 302
        ruleset.refresh_from_db()
        assert ruleset.parent_access_max_age == 16
        assert LogEntry.objects.get_for_object(ruleset).exists()

    def test_an_invalid_change_is_refused_and_not_saved(self, admin_client):
        ruleset = ny()
        response = admin_client.post(
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk]),
            form_data(ruleset, parent_access_max_age="30", _save="Save"),
        )
        assert response.status_code == 200
        assert "override" in response.content.decode()
        ruleset.refresh_from_db()
        assert ruleset.parent_access_max_age == 18

    @pytest.mark.parametrize("role", ["volunteer", "desk_staff", "supervisor", "director"])
    def test_other_roles_cannot_edit_rules(self, client, make_staff, role):
        user = make_staff(role)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        client.force_login(user)
        response = client.get(reverse("admin:privacy_jurisdictionruleset_changelist"))
        assert response.status_code == 403


class TestSimulator:
    def url(self, ruleset):
        return f"{reverse('privacy:simulate_rules')}?ruleset={ruleset.pk}"

    def test_simulating_shows_differences_and_saves_nothing(self, admin_client):
        ruleset = ny()
        before = LogEntry.objects.count()
        response = admin_client.post(self.url(ruleset), form_data(ruleset, parent_access="never"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nothing has been saved" in html
        assert "sim-changed" in html
        assert "Changed:" in html
        # A parent of a child with the card: allow before, deny after, said
        # in words; the rule id is only a detail.
        assert "<s>May be told</s>" in html
        assert "Parents are not told what is on a child&#x27;s own card" in html
        assert "Rule id <code>guardian.not_permitted</code>" in html
        words = html.index("Parents are not told what is on a child")
        assert html.index("<details", words) < html.index("guardian.not_permitted", words)
        ruleset.refresh_from_db()
        assert ruleset.parent_access == "may"
        assert LogEntry.objects.count() == before

    def test_unchanged_rules_show_no_differences(self, admin_client):
        ruleset = ny()
        response = admin_client.post(self.url(ruleset), form_data(ruleset))
        html = response.content.decode()
        assert "No decision changes" in html
        assert 'class="sim-marker"' not in html
        # The full table: every requester has a section.
        for label in ("The cardholder", "Law enforcement", "Another person"):
            assert label in html

    def test_the_age_bands_follow_the_edited_limit(self, admin_client):
        ruleset = ny()
        response = admin_client.post(
            self.url(ruleset), form_data(ruleset, parent_access_max_age="13")
        )
        html = response.content.decode()
        assert "under 13" in html
        assert "13 to 17" in html
        assert "guardian.over_age_limit" in html

    def test_invalid_rules_show_the_errors_with_400(self, admin_client):
        ruleset = ny()
        response = admin_client.post(self.url(ruleset), form_data(ruleset, cardholder_proof=None))
        assert response.status_code == 400
        assert "not valid yet" in response.content.decode()

    def test_a_new_version_is_compared_with_the_rules_in_force(self, admin_client):
        ruleset = ny()
        response = admin_client.post(
            reverse("privacy:simulate_rules"),
            form_data(
                ruleset,
                effective_from=(timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
                accepted_instruments=["court_order"],
            ),
        )
        assert response.status_code == 200
        assert "law_enforcement.instrument_not_accepted" in response.content.decode()
        assert "Changed:" in response.content.decode()
        assert JurisdictionRuleSet.objects.filter(jurisdiction_code="US-NY").count() == 1

    @pytest.mark.parametrize("role", ["volunteer", "desk_staff", "supervisor", "director"])
    def test_only_administrators_may_simulate(self, client, make_staff, role):
        client.force_login(make_staff(role))
        ruleset = ny()
        response = client.post(self.url(ruleset), form_data(ruleset))
        assert response.status_code == 404

    def test_the_simulator_needs_a_login(self, client):
        ruleset = ny()
        response = client.post(self.url(ruleset), form_data(ruleset))
        assert response.status_code == 302


class TestRuleWording:
    """Each rule's wording is a labelled field with its citation beside it,
    read from and written to `rule_texts`."""

    def test_the_form_shows_each_rules_wording_and_citation(self):
        from privacy.forms import RuleSetForm

        form = RuleSetForm(instance=ny())
        assert form.initial["explanation__guardian__parent_access"].startswith(
            "A parent or guardian of a child under 18"
        )
        assert form.initial["citation__guardian__parent_access"] == (
            "N.Y. CPLR 4509; Patterson Library Customer Service Policy"
        )
        assert form.initial["citation__proxy__no_disclosure"] == ""
        assert form.fields["explanation__guardian__not_permitted"].label == (
            "Parents are not told what is on a child's own card"
        )

    def test_the_wording_round_trips_through_the_form(self):
        from privacy.forms import RuleSetForm

        ruleset = ny()
        before = dict(ruleset.rule_texts)
        data = form_data(
            ruleset,
            explanation__guardian__scope="Only current loans, holds and fees.",
            citation__guardian__scope="",
            explanation__proxy__no_disclosure="",
            citation__staff__duties="Library policy 4.2",
        )
        form = RuleSetForm(data, instance=ruleset)
        assert form.is_valid(), form.errors
        form.save()
        ruleset.refresh_from_db()
        assert ruleset.rule_texts["guardian.scope"] == {
            "explanation": "Only current loans, holds and fees."
        }
        assert ruleset.rule_texts["staff.duties"] == {"citation": "Library policy 4.2"}
        assert "proxy.no_disclosure" not in ruleset.rule_texts
        assert ruleset.rule_texts["guardian.parent_access"] == before["guardian.parent_access"]
        # Unchanged data gives back exactly what was stored.
        again = RuleSetForm(form_data(ruleset), instance=ruleset)
        assert again.is_valid(), again.errors
        assert again.instance.rule_texts == ruleset.rule_texts

    def test_the_change_page_has_labelled_wording_fields_and_no_json(self, admin_client):
        ruleset = ny()
        html = admin_client.get(
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk])
        ).content.decode()
        assert 'name="rule_texts"' not in html
        assert (
            '<label for="id_explanation__guardian__not_permitted">'
            "Parents are not told what is on a child&#x27;s own card:</label>"
        ) in html
        assert 'aria-label="Citation for: Parents may not learn this kind of record"' in html

    def test_a_wording_change_saved_in_the_admin_is_audited(self, admin_client):
        ruleset = ny()
        response = admin_client.post(
            reverse("admin:privacy_jurisdictionruleset_change", args=[ruleset.pk]),
            form_data(
                ruleset,
                explanation__guardian__adult_patron="Adults' records are their own.",
                _save="Save",
            ),
        )
        assert response.status_code == 302
        ruleset.refresh_from_db()
        assert ruleset.rule_texts["guardian.adult_patron"] == {
            "explanation": "Adults' records are their own."
        }
        entry = LogEntry.objects.get_for_object(ruleset).filter(action=LogEntry.Action.UPDATE)
        assert "rule_texts" in entry.latest("timestamp").changes_dict
