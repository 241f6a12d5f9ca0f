"""Requests for reconsideration of materials, comment cards and incidents."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from circulation.models import Item
from complaints import policies, services
from complaints.models import CommentCard, Incident, ReconsiderationRequest
from organisation.roles import Role
from tests.complaints.conftest import MONDAY_10

pytestmark = pytest.mark.django_db


def test_request_keeps_the_item_in_circulation(recon, item, director):
    item.refresh_from_db()
    assert item.status == Item.Status.ON_LOAN
    services.reconsideration_add_member(
        request=recon, acting_user=director, name="Ann", read_in_full=True
    )
    services.reconsideration_decide(
        request=recon, acting_user=director, decision="withdraw", reasons="Outdated."
    )
    item.refresh_from_db()
    assert item.status == Item.Status.ON_LOAN


def test_decision_due_counts_business_days(recon):
    # 30 business days (Mon-Fri) from Monday Nov 23, 2026 -> Monday Jan 4, 2027.
    assert recon.decision_due.date() == datetime.date(2027, 1, 4)


def test_identity_is_confidential_by_default(recon, director, supervisor):
    assert recon.identity_confidential
    assert policies.can_see_requester_identity(director, recon)
    assert not policies.can_see_requester_identity(supervisor, recon)


def test_cardholder_setting_refuses_a_non_cardholder(item, branch, desk_staff, weekday_hours):
    with pytest.raises(services.ServiceError) as exc:
        services.reconsideration_request(
            item=item,
            branch=branch,
            logged_by=desk_staff,
            requester_name="Walk-in",
            is_resident=True,
            objection="x",
        )
    assert exc.value.message == services.RECON_NOT_CARDHOLDER


def test_resident_setting_accepts_a_resident(item, branch, desk_staff, weekday_hours):
    cfg = services.settings_for(branch.system)
    cfg.reconsideration_eligibility = "resident"
    cfg.save()
    request = services.reconsideration_request(
        item=item,
        branch=branch,
        logged_by=desk_staff,
        requester_name="Res",
        is_resident=True,
        objection="x",
    )
    assert request.eligibility_basis == ReconsiderationRequest.Basis.RESIDENT


def test_repeat_request_for_the_same_item_is_refused_with_dates(
    recon, item, branch, desk_staff, cardholder
):
    with pytest.raises(services.ServiceError) as exc:
        services.reconsideration_request(
            item=item,
            branch=branch,
            logged_by=desk_staff,
            requester_name="Again",
            requester_patron=cardholder,
            objection="x",
            now=MONDAY_10 + datetime.timedelta(days=30),
        )
    assert "already the subject of a request on November 23, 2026" in exc.value.message


def test_repeat_request_after_the_period_is_accepted(recon, item, branch, desk_staff, cardholder):
    later = services.reconsideration_request(
        item=item,
        branch=branch,
        logged_by=desk_staff,
        requester_name="Later",
        requester_patron=cardholder,
        objection="x",
        now=MONDAY_10 + datetime.timedelta(days=366),
    )
    assert later.pk != recon.pk


def test_decision_needs_every_member_to_have_read_it_in_full(recon, director):
    with pytest.raises(services.ServiceError) as exc:
        services.reconsideration_decide(
            request=recon, acting_user=director, decision="retain", reasons="x"
        )
    assert exc.value.message == services.RECON_NO_COMMITTEE
    services.reconsideration_add_member(
        request=recon, acting_user=director, name="Ann", read_in_full=True
    )
    services.reconsideration_add_member(
        request=recon, acting_user=director, name="Bo", read_in_full=False
    )
    with pytest.raises(services.ServiceError) as exc:
        services.reconsideration_decide(
            request=recon, acting_user=director, decision="retain", reasons="x"
        )
    assert "Bo" in exc.value.message
    services.reconsideration_add_member(
        request=recon, acting_user=director, name="Bo", read_in_full=True
    )
    decided = services.reconsideration_decide(
        request=recon, acting_user=director, decision="retain", reasons="Fits the policy."
    )
    assert decided.status == ReconsiderationRequest.Status.DECIDED
    assert decided.appeal_due is not None


def test_supervisor_cannot_work_a_reconsideration(recon, supervisor):
    with pytest.raises(PermissionDenied):
        services.reconsideration_acknowledge(request=recon, acting_user=supervisor)


def test_acknowledgement_letter_restates_steps_and_timeline(
    recon, director, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reconsideration_acknowledge(request=recon, acting_user=director)
    letter = mail.outbox[-1]
    assert letter.to == ["pat@example.org"]
    assert "January 4, 2027" in letter.body
    assert "read, views or listens" not in letter.body
    assert "reads, views or listens to the whole item" in letter.body
    assert "stays available to borrow" in letter.body
    assert "Library Board of Trustees" in letter.body


def test_confidential_requester_is_hidden_from_a_non_director_view(client, recon, director):
    client.force_login(director)
    page = client.get(reverse("complaints:reconsideration_detail", args=[recon.pk]))
    assert "Pat Requester" in page.text
    listing = client.get(reverse("complaints:reconsideration_list"))
    assert "Pat Requester" not in listing.text


@pytest.mark.parametrize("role", ["volunteer", "desk_staff", "supervisor", "administrator"])
def test_only_the_director_opens_a_request(client, recon, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("complaints:reconsideration_detail", args=[recon.pk]))
    assert response.status_code == 404


def test_desk_submits_a_request_by_barcode_and_repeat_shows_message(
    client, desk_staff, item, cardholder, weekday_hours
):
    client.force_login(desk_staff)
    card = cardholder.cards.first()
    data = {
        "item_barcode": item.barcode,
        "requester_name": "Pat",
        "card_barcode": card.barcode,
        "objection": "x",
    }
    first = client.post(reverse("complaints:reconsideration_create"), data)
    assert first.status_code == 302
    second = client.post(reverse("complaints:reconsideration_create"), data)
    assert second.status_code == 400
    assert "already the subject of a request" in second.text


# ------------------------------------------------------------ comment cards


def test_anonymous_card_cannot_carry_a_name(branch, desk_staff):
    with pytest.raises(services.ServiceError):
        services.comment_card_log(
            branch=branch, logged_by=desk_staff, theme="praise", text="x", name="Jo"
        )


def test_comment_cards_are_reported_by_theme_and_month(client, branch, volunteer, supervisor):
    services.comment_card_log(
        branch=branch, logged_by=volunteer, theme="hours", text="Open earlier"
    )
    services.comment_card_log(branch=branch, logged_by=volunteer, theme="hours", text="Sundays too")
    client.force_login(supervisor)
    page = client.get(reverse("complaints:comment_report"))
    assert page.status_code == 200
    assert "Opening hours" in page.text
    assert CommentCard.objects.filter(theme="hours").count() == 2


def test_volunteer_cannot_read_the_comment_report(client, volunteer):
    client.force_login(volunteer)
    assert client.get(reverse("complaints:comment_report")).status_code == 403


# ----------------------------------------------------------------- incidents


def test_incident_notifies_branch_supervisors_once(
    branch,
    desk_staff,
    supervisor,
    make_staff,
    other_branch,
    eager_tasks,
    django_capture_on_commit_callbacks,
):
    supervisor.email = "sup@example.org"
    supervisor.save()
    elsewhere = make_staff(Role.SUPERVISOR, at=other_branch, username="t-elsewhere")
    elsewhere.email = "else@example.org"
    elsewhere.save()
    with django_capture_on_commit_callbacks(execute=True):
        incident = services.incident_report(
            branch=branch,
            reported_by=desk_staff,
            type="unattended_child",
            description="Child of six alone.",
            called_911=False,
        )
    assert [m.to for m in mail.outbox] == [["sup@example.org"]]
    assert "Unattended child" in mail.outbox[0].subject
    incident.refresh_from_db()
    assert incident.supervisor_notified_at is not None
    assert services.incident_notify_supervisors(incident_id=incident.pk) == 0
    assert len(mail.outbox) == 1


def test_incident_911_is_in_the_subject(
    branch, volunteer, supervisor, eager_tasks, django_capture_on_commit_callbacks
):
    supervisor.email = "sup@example.org"
    supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_report(
            branch=branch,
            reported_by=volunteer,
            type="medical",
            description="Fainted.",
            called_911=True,
        )
    assert "(911 called)" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("volunteer", False),
        ("desk_staff", False),
        ("supervisor", True),
        ("other_supervisor", False),
        ("director", True),
        ("administrator", False),
    ],
)
def test_who_sees_an_incident(branch, desk_staff, role, visible, request):
    incident = Incident.objects.create(
        branch=branch, type="safety", description="Wet floor.", reported_by=desk_staff
    )
    user = request.getfixturevalue(role)
    assert policies.incidents_visible_to(user).filter(pk=incident.pk).exists() is visible


def test_incident_form_via_the_desk(client, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("complaints:incident_create"),
        {"type": "disruptive", "description": "Shouting.", "called_911": ""},
    )
    assert response.status_code == 302
    assert Incident.objects.get().type == "disruptive"


def test_clock_task_reminds_the_director_then_marks_the_missed_decision_once(
    recon, director, eager_tasks, django_capture_on_commit_callbacks
):
    director.email = "director@example.org"
    director.save()
    due = recon.decision_due
    with django_capture_on_commit_callbacks(execute=True):
        early = services.complaints_check_clocks(now=due - datetime.timedelta(days=7))
        near = services.complaints_check_clocks(now=due - datetime.timedelta(hours=2))
        again = services.complaints_check_clocks(now=due - datetime.timedelta(hours=1))
    assert early["reconsideration_reminders"] == 0
    assert near["reconsideration_reminders"] == 1
    assert again["reconsideration_reminders"] == 0
    assert [m.to for m in mail.outbox] == [["director@example.org"]]
    assert "Pat Requester" not in mail.outbox[0].body
    late = services.complaints_check_clocks(now=due + datetime.timedelta(minutes=1))
    later = services.complaints_check_clocks(now=due + datetime.timedelta(hours=1))
    assert late["reconsideration_breaches"] == 1 and later["reconsideration_breaches"] == 0
    recon.refresh_from_db()
    assert recon.is_breached


# ------------------------------------------------------ write permissions

RECON_WRITES = [
    "can_acknowledge_reconsideration",
    "can_record_committee_member",
    "can_decide_reconsideration",
    "can_record_reconsideration_appeal",
    "can_close_reconsideration",
]


@pytest.mark.parametrize("check", RECON_WRITES)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("volunteer", False),
        ("desk_staff", False),
        ("supervisor", False),
        ("director", True),
        ("administrator", False),
    ],
)
def test_only_the_director_may_work_a_request(recon, role, allowed, check, request):
    """Each reconsideration write has its own policy; only the Director
    passes it, at the stage where the write makes sense."""
    user = request.getfixturevalue(role)
    stage = {
        "can_record_reconsideration_appeal": ReconsiderationRequest.Status.DECIDED,
        "can_close_reconsideration": ReconsiderationRequest.Status.APPEALED,
    }.get(check, ReconsiderationRequest.Status.RECEIVED)
    recon.status = stage
    assert getattr(policies, check)(user, recon) is allowed


def test_a_closed_request_refuses_every_write_even_to_the_director(recon, director):
    recon.status = ReconsiderationRequest.Status.CLOSED
    assert not any(getattr(policies, check)(director, recon) for check in RECON_WRITES)


def test_an_inactive_director_may_not_decide(recon, director):
    director.is_active = False
    director.save()
    assert policies.can_decide_reconsideration(director, recon) is False
    with pytest.raises(PermissionDenied):
        services.reconsideration_add_member(request=recon, acting_user=director, name="A")
