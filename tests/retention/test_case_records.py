"""Closed reconsideration requests and comment cards that carry a name or
contact are de-identified three years after they closed (were received),
and a reconsideration request goes with its requester's patron record
(DESIGN section 7)."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from complaints.models import CommentCard, CommitteeMember, ReconsiderationRequest
from retention.models import RetentionRule
from retention.services import legal_hold_place, retention_expunge
from retention.vocabulary import KeptReason
from tests import factories
from tests.retention.helpers import AS_OF, at

pytestmark = pytest.mark.django_db

RECONSIDERATIONS = "reconsiderations"
COMMENT_CARDS = "comment_cards"
THREE_YEARS = 3 * 365


def request_for_item(branch, *, patron=None, closed_days_ago=None, status=None):
    """A request closed `closed_days_ago` days before AS_OF (None: still
    under review)."""
    closed = closed_days_ago is not None
    received = at((closed_days_ago or 0) + 60)
    request = ReconsiderationRequest.objects.create(
        item=factories.ItemFactory(home_branch=branch),
        branch=branch,
        requester_name="Ms Example",
        requester_patron=patron,
        requester_email="ms@example.org",
        requester_address="1 Example Street",
        eligibility_basis=ReconsiderationRequest.Basis.CARDHOLDER,
        objection="Ms Example objects to chapter 3",
        requested_action="Withdraw it",
        status=status
        or (
            ReconsiderationRequest.Status.CLOSED
            if closed
            else ReconsiderationRequest.Status.UNDER_REVIEW
        ),
        received_at=received,
        decision_due=received + datetime.timedelta(days=40),
        decision=ReconsiderationRequest.Decision.RETAIN if closed else "",
        decision_reasons="Dear Ms Example, the committee retains it" if closed else "",
        decided_at=at(closed_days_ago + 10) if closed else None,
        appeal_grounds="Ms Example appeals" if closed else "",
        closed_at=at(closed_days_ago) if closed else None,
    )
    CommitteeMember.objects.create(request=request, name="Trustee Jones", read_in_full=True)
    return request


def named_card(branch, *, received_on, name="Mr Sample", contact="555-0199"):
    return CommentCard.objects.create(
        branch=branch,
        received_on=received_on,
        theme=CommentCard.Theme.SERVICE,
        text="Mr Sample says the desk was great",
        anonymous=False,
        name=name,
        contact=contact,
    )


def inactive_patron(branch):
    patron = factories.PatronFactory(home_branch=branch, created_at=at(3000))
    factories.CardFactory(
        patron=patron, expires_on=AS_OF - datetime.timedelta(days=THREE_YEARS + 1)
    )
    return patron


def audit_changes(obj) -> list[dict]:
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    )
    return [entry.changes or {} for entry in entries]


# -- reconsideration requests ------------------------------------------------


def test_a_request_closed_three_years_ago_loses_who_asked_and_keeps_the_items_review(
    branch, patron
):
    old = request_for_item(branch, patron=patron, closed_days_ago=THREE_YEARS + 1)
    young = request_for_item(branch, patron=patron, closed_days_ago=300)
    under_review = request_for_item(branch, patron=patron)

    report = retention_expunge(as_of=AS_OF)

    old.refresh_from_db()
    assert (
        old.requester_patron_id,
        old.requester_name,
        old.requester_email,
        old.requester_address,
    ) == (None, "", "", "")
    assert (old.objection, old.requested_action, old.decision_reasons, old.appeal_grounds) == (
        "",
        "",
        "",
        "",
    )
    # The item's review history stays.
    assert old.item_id and old.branch_id and old.closed_at and old.received_at
    assert old.decision == ReconsiderationRequest.Decision.RETAIN
    assert old.status == ReconsiderationRequest.Status.CLOSED
    assert list(old.committee.values_list("name", flat=True)) == ["Trustee Jones"]
    for untouched in (young, under_review):
        untouched.refresh_from_db()
        assert untouched.requester_name == "Ms Example"
        assert untouched.requester_patron_id == patron.pk
    result = report.record_types[RECONSIDERATIONS]
    assert (result.available, result.action, result.expunged) == (True, "anonymize", 1)
    assert dict(result.kept) == {KeptReason.RETENTION_PERIOD: 1}
    assert retention_expunge(as_of=AS_OF).record_types[RECONSIDERATIONS].expunged == 0


def test_a_requester_who_is_not_a_patron_is_de_identified_too(branch):
    resident = request_for_item(branch, closed_days_ago=THREE_YEARS + 1)

    retention_expunge(as_of=AS_OF)

    resident.refresh_from_db()
    assert (resident.requester_name, resident.requester_email) == ("", "")


def test_a_closed_request_goes_with_its_requesters_patron_record(branch):
    """The patron is de-identified; their request closed last year no longer
    reads their name against the item."""
    requester = inactive_patron(branch)
    closed = request_for_item(branch, patron=requester, closed_days_ago=300)
    open_request = request_for_item(branch, patron=requester)

    report = retention_expunge(as_of=AS_OF)

    requester.refresh_from_db()
    assert requester.deidentified_at is not None
    closed.refresh_from_db()
    assert (closed.requester_patron_id, closed.requester_name, closed.objection) == (None, "", "")
    # A request still under review keeps what its review needs.
    open_request.refresh_from_db()
    assert open_request.requester_name == "Ms Example"
    assert report.record_types["inactive_patrons"].expunged == 1


def test_a_request_of_a_patron_de_identified_before_is_de_identified_at_the_next_run(branch):
    requester = factories.PatronFactory(
        home_branch=branch, last_name="De-identified", deidentified_at=at(400)
    )
    closed = request_for_item(branch, patron=requester, closed_days_ago=300)

    report = retention_expunge(as_of=AS_OF)

    closed.refresh_from_db()
    assert (closed.requester_patron_id, closed.requester_name) == (None, "")
    assert report.record_types[RECONSIDERATIONS].expunged == 1


def test_a_legal_hold_keeps_a_request(branch, patron):
    held = request_for_item(branch, patron=patron, closed_days_ago=2000)
    legal_hold_place(patron=patron, reason="Litigation", record_types=[RECONSIDERATIONS])

    report = retention_expunge(as_of=AS_OF)

    held.refresh_from_db()
    assert held.requester_name == "Ms Example"
    assert dict(report.record_types[RECONSIDERATIONS].kept) == {KeptReason.LEGAL_HOLD: 1}


def test_the_audit_entries_of_a_de_identified_request_lose_who_asked(branch, patron):
    old = request_for_item(branch, patron=patron, closed_days_ago=THREE_YEARS + 1)
    assert any("requester_name" in changes for changes in audit_changes(old))

    retention_expunge(as_of=AS_OF)

    text = json.dumps(audit_changes(old))
    assert "Ms Example" not in text and "ms@example.org" not in text
    assert "requester_name" not in text and "objection" not in text


# -- comment cards -------------------------------------------------------------


def test_a_named_comment_card_from_2015_loses_its_name_contact_and_text(branch):
    old = named_card(branch, received_on=datetime.date(2015, 5, 4))
    anonymous = CommentCard.objects.create(
        branch=branch,
        received_on=datetime.date(2015, 5, 4),
        theme=CommentCard.Theme.HOURS,
        text="Open earlier on Sundays",
    )
    recent = named_card(branch, received_on=AS_OF - datetime.timedelta(days=700))

    report = retention_expunge(as_of=AS_OF)

    old.refresh_from_db()
    assert (old.name, old.contact, old.text) == ("", "", "")
    assert (old.theme, old.branch_id, old.received_on, old.anonymous) == (
        CommentCard.Theme.SERVICE,
        branch.pk,
        datetime.date(2015, 5, 4),
        False,
    )
    anonymous.refresh_from_db()
    assert anonymous.text == "Open earlier on Sundays"
    recent.refresh_from_db()
    assert (recent.name, recent.contact) == ("Mr Sample", "555-0199")
    result = report.record_types[COMMENT_CARDS]
    assert (result.action, result.expunged) == ("anonymize", 1)
    assert dict(result.kept) == {KeptReason.RETENTION_PERIOD: 1}
    assert retention_expunge(as_of=AS_OF).record_types[COMMENT_CARDS].expunged == 0


def test_a_card_with_only_a_contact_is_de_identified_and_three_years_is_the_boundary(branch):
    due = named_card(branch, name="", received_on=AS_OF - datetime.timedelta(days=THREE_YEARS))
    not_yet = named_card(branch, received_on=AS_OF - datetime.timedelta(days=THREE_YEARS - 1))

    retention_expunge(as_of=AS_OF)

    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.contact == ""
    assert not_yet.contact == "555-0199"


def test_an_administrators_rule_sets_how_long_named_cards_are_kept(branch, other_branch):
    RetentionRule.objects.create(
        jurisdiction_code="US-MA", record_type=COMMENT_CARDS, period_days=365
    )
    ny = named_card(branch, received_on=AS_OF - datetime.timedelta(days=400))
    ma = named_card(other_branch, received_on=AS_OF - datetime.timedelta(days=400))

    retention_expunge(as_of=AS_OF)

    ny.refresh_from_db()
    ma.refresh_from_db()
    assert ny.name == "Mr Sample" and ma.name == ""


def test_the_audit_entries_of_a_de_identified_card_lose_the_name(branch):
    old = named_card(branch, received_on=datetime.date(2015, 5, 4))

    retention_expunge(as_of=AS_OF)

    assert "Mr Sample" not in json.dumps(audit_changes(old))


# -- the report ----------------------------------------------------------------


def test_the_expunge_command_reports_the_two_record_types(branch):
    named_card(branch, received_on=datetime.date(2015, 5, 4))
    out = StringIO()

    call_command("expunge", "--as-of", AS_OF.isoformat(), "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["record_types"][COMMENT_CARDS] == {
        "available": True,
        "action": "anonymize",
        "expunged": 1,
        "kept": {},
    }
    assert data["record_types"][RECONSIDERATIONS]["available"] is True
    # Record types with no handler yet stay reported as unavailable.
    for missing in ("program_signups", "computer_sessions"):
        assert data["record_types"][missing] == {"available": False}
    text = StringIO()
    call_command("expunge", "--as-of", AS_OF.isoformat(), "--dry-run", stdout=text)
    assert (
        "comment_cards (Comment cards with a name or contact): would expunge 0 (anonymize)"
        in text.getvalue()
    )
    assert "reconsiderations (Closed reconsideration requests)" in text.getvalue()
