"""Administrators edit retention rules and read the run history, without
seeing patron data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from retention.models import ExpungeRun, RetentionRule
from retention.services import retention_expunge
from retention.vocabulary import RecordType
from tests.retention.helpers import AS_OF, returned_loan

pytestmark = pytest.mark.django_db


def test_the_defaults_of_design_section_7_ship_as_rules():
    rules = {r.record_type: r for r in RetentionRule.objects.filter(jurisdiction_code="*")}
    assert set(rules) == {*RecordType.values, "reconsiderations", "comment_cards", "waiting_list"}
    assert rules["waiting_list"].period_days == 0  # names go when the day ends
    assert rules["returned_loans"].period_days == 30
    assert rules["paid_fees"].period_days == 365
    assert rules["callbacks"].period_days == 7
    assert rules["computer_sessions"].period_days == 1
    assert rules["inactive_patrons"].period_days == 3 * 365
    assert rules["reconsiderations"].period_days == 3 * 365
    assert rules["comment_cards"].period_days == 3 * 365


def test_the_run_history_shows_counts_and_no_patron_data(
    admin_client, patron, card, django_assert_max_num_queries
):
    returned_loan(patron=patron, returned_days_ago=40)
    run = retention_expunge(as_of=AS_OF)

    with django_assert_max_num_queries(20):
        listing = admin_client.get(reverse("admin:retention_expungerun_changelist"))
    detail = admin_client.get(reverse("admin:retention_expungerun_change", args=[run.run_id]))

    assert listing.status_code == 200 and detail.status_code == 200
    text = listing.content.decode() + detail.content.decode()
    assert "1 expunged" in detail.content.decode()
    assert patron.last_name not in text and patron.email not in text
    assert admin_client.get(reverse("admin:retention_expungerun_add")).status_code == 403


def test_an_administrator_changes_a_retention_period(admin_client):
    rule = RetentionRule.objects.get(jurisdiction_code="*", record_type="finished_holds")
    url = reverse("admin:retention_retentionrule_change", args=[rule.pk])

    response = admin_client.post(
        url,
        {
            "jurisdiction_code": "*",
            "record_type": "finished_holds",
            "period_days": "60",
            "action": "anonymize",
        },
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.period_days == 60


def test_an_action_a_record_type_cannot_take_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:retention_retentionrule_add"),
        {
            "jurisdiction_code": "US-NY",
            "record_type": "access_log",
            "period_days": "90",
            "action": "anonymize",
        },
    )

    assert response.status_code == 200
    assert "can only be: delete" in response.content.decode()
    assert not RetentionRule.objects.filter(jurisdiction_code="US-NY").exists()


def test_a_run_killed_before_it_finished_shows_as_interrupted():
    run = ExpungeRun.objects.create(as_of=AS_OF)
    assert run.state == "running or interrupted" and run.duration is None


def test_every_control_of_the_editable_list_is_named_after_its_column_and_row(admin_client):
    """axe `label` and `select-name`: a column header is not a label."""
    import re

    html = admin_client.get(reverse("admin:retention_retentionrule_changelist")).content.decode()
    controls = [
        c
        for c in re.findall(r"<(?:input|select)[^>]*name=\"form-\d+-[a-z_]+\"[^>]*>", html)
        if 'type="hidden"' not in c
    ]
    assert len(controls) == 3 * RetentionRule.objects.count()
    assert all("aria-label=" in c for c in controls), [c for c in controls if "aria-label" not in c]
    assert 'aria-label="Days kept: Returned loans, every jurisdiction without its own rule"' in html
