"""Intake, review, scope, holds, warrant, designees and non-disclosure:
what each service does and the messages it refuses with."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from circulation.models import Item
from legal import services
from legal.models import LegalEvent, LegalRequest, PatronNotice
from legal.services import intake, review
from notices.models import Notice
from privacy.selectors import access_report
from retention.models import LegalHold
from tests import factories
from tests.legal.conftest import law_check, open_request

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)


def scoped(request, director, patrons, types=("current_loans",), start=START, end=END):
    return services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=patrons,
        record_types=list(types),
        starts_on=start,
        ends_on=end,
    )


def test_intake_opens_a_request_with_a_hold_over_every_record_of_the_patron(
    ny_branch, desk_staff, director, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)

    assert request.status == LegalRequest.Status.RECEIVED
    assert request.referral.referred_to_director
    assert [p.patron_id for p in request.scope.all()] == [patron.pk]
    hold = LegalHold.objects.get(patron=patron)
    assert hold.record_types == [] and hold.released_at is None  # every type
    assert request.documents.get().kind == "instrument"
    assert request.review_due is not None
    assert Notice.objects.filter(recipient=director, subject__contains=request.reference).exists()
    assert list(request.events.values_list("kind", flat=True)) == [
        LegalEvent.Kind.RECEIVED,
        LegalEvent.Kind.DOCUMENT,
        LegalEvent.Kind.HOLD_PLACED,
    ]


def test_a_verbal_request_is_refused_and_still_logged(ny_branch, desk_staff, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch, instrument="none")

    assert request.status == LegalRequest.Status.REFUSED
    assert request.refusal_reason == intake.VERBAL_REFUSED
    assert request.closed_at is not None
    assert not LegalHold.objects.filter(patron=patron).exists()


def test_submitting_twice_opens_one_request(ny_branch, desk_staff, patron):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    kwargs = dict(
        log_id=log.pk,
        acting_user=desk_staff,
        officer_name="A",
        officer_badge="1",
        agency="B",
        officer_contact="C",
        instrument="subpoena",
    )
    first = services.legal_request_open(**kwargs)
    second = services.legal_request_open(**kwargs)
    assert first.pk == second.pk
    assert LegalRequest.objects.count() == 1


def test_another_staff_members_check_cannot_open_a_request(
    ny_branch, desk_staff, make_staff, patron
):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    other = make_staff("desk_staff", username="other-desk")
    with pytest.raises(services.LegalError) as exc:
        services.legal_request_open(
            log_id=log.pk,
            acting_user=other,
            officer_name="A",
            officer_badge="1",
            agency="B",
            officer_contact="C",
            instrument="subpoena",
        )
    assert exc.value.message == intake.NO_SUCH_CHECK


def test_administrators_cannot_take_intake(ny_branch, administrator, desk_staff, patron):
    log = law_check(staff=desk_staff, patron=patron, branch=ny_branch)
    with pytest.raises(services.LegalError):
        services.legal_request_open(
            log_id=log.pk,
            acting_user=administrator,
            officer_name="A",
            officer_badge="1",
            agency="B",
            officer_contact="C",
            instrument="subpoena",
        )


def test_counsel_notes_move_a_received_request_to_counsel(ny_branch, desk_staff, director, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    request = services.legal_counsel_note(
        request=request, acting_user=director, note="Valid on its face; narrow to 2026."
    )
    assert request.status == LegalRequest.Status.WITH_COUNSEL
    assert "narrow to 2026" in request.counsel_notes


def test_setting_the_scope_narrows_the_hold(ny_branch, desk_staff, director, patron):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)

    counts = scoped(request, director, [patron], ("current_loans", "holds"))

    assert counts == {"current_loans": 1, "holds": 0}
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.SCOPE_SET
    holds = LegalHold.objects.filter(patron=patron).order_by("pk")
    assert holds[0].released_at is not None  # the intake's, over everything
    narrowed = holds[1]
    assert narrowed.released_at is None
    assert {"returned_loans", "finished_holds"} <= set(narrowed.record_types)
    assert "paid_fees" not in narrowed.record_types
    assert (narrowed.starts_on, narrowed.ends_on) == (START, END)


@pytest.mark.parametrize(
    ("start", "end", "types", "message"),
    [
        (END, START, ("current_loans",), review.RANGE_BACKWARDS),
        (START, END, ("fees",), review.EMPTY_SCOPE),
    ],
)
def test_a_bad_scope_is_refused_with_its_message(
    ny_branch, desk_staff, director, patron, start, end, types, message
):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    with pytest.raises(services.LegalError) as exc:
        scoped(request, director, [patron], types, start, end)
    assert exc.value.message == message
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.RECEIVED  # nothing half-saved


def test_a_de_identified_patron_cannot_be_scoped(ny_branch, desk_staff, director, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    gone = factories.PatronFactory(home_branch=ny_branch, deidentified_at=timezone.now())
    with pytest.raises(services.LegalError) as exc:
        scoped(request, director, [patron, gone])
    assert exc.value.message == review.DEIDENTIFIED.format(pk=gone.pk)


def test_an_instrument_the_jurisdiction_does_not_accept_is_refused(il_branch, make_staff, patron):
    """Illinois accepts a court order (or warrant), not a subpoena."""
    desk = make_staff("desk_staff", at=il_branch, username="il-desk")
    director = make_staff("director", at=il_branch, username="il-director")
    request = open_request(staff=desk, patron=patron, branch=il_branch, instrument="subpoena")
    assert services.instrument_standing(request).state == "not_accepted"
    with pytest.raises(services.LegalError) as exc:
        scoped(request, director, [patron], ("registration",))
    assert "subpoena is not enough" in exc.value.message


def test_an_illinois_emergency_releases_identity_only(il_branch, make_staff, patron):
    desk = make_staff("desk_staff", at=il_branch, username="il-desk")
    director = make_staff("director", at=il_branch, username="il-director")
    request = open_request(staff=desk, patron=patron, branch=il_branch, instrument="emergency")
    assert services.instrument_standing(request).state == "emergency"
    with pytest.raises(services.LegalError) as exc:
        scoped(request, director, [patron], ("registration", "current_loans"))
    assert exc.value.message == review.IDENTITY_ONLY.format(code="US-IL")
    assert scoped(request, director, [patron], ("registration",)) == {"registration": 1}


def test_a_warrant_needs_its_checklist_and_marks_items_taken_missing(
    ny_branch, desk_staff, director, patron
):
    request = open_request(
        staff=desk_staff, patron=patron, branch=ny_branch, instrument="search_warrant"
    )
    with pytest.raises(services.LegalError) as exc:
        services.legal_warrant_execute(
            request=request,
            acting_user=director,
            counsel_called=True,
            staff_present="",
            scope_as_listed=True,
        )
    assert exc.value.message == review.CHECKLIST
    services.legal_warrant_execute(
        request=request,
        acting_user=director,
        counsel_called=True,
        staff_present="Director, branch supervisor",
        scope_as_listed=True,
    )
    item = factories.ItemFactory(home_branch=ny_branch)
    seized = services.legal_item_seize(request=request, acting_user=director, barcode=item.barcode)
    item.refresh_from_db()
    assert item.status == Item.Status.MISSING
    assert seized.reference == "SW-2026-19"
    on_loan = factories.LoanFactory(patron=patron).item
    with pytest.raises(services.LegalError) as exc:
        services.legal_item_seize(request=request, acting_user=director, barcode=on_loan.barcode)
    assert exc.value.message == review.ITEM_OUT


def test_a_guardian_of_the_patron_cannot_be_named_designee(
    ny_branch, desk_staff, director, supervisor, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    supervisor.first_name, supervisor.last_name = "Hal", "Quillfeather"
    supervisor.save()
    factories.GuardianLinkFactory(patron=patron, guardian_name="Hal Quillfeather")
    with pytest.raises(services.LegalError) as exc:
        services.legal_designee_name(request=request, acting_user=director, designee=supervisor)
    assert "parent or guardian" in exc.value.message


def test_only_the_director_names_designees(ny_branch, desk_staff, director, supervisor, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_designee_name(request=request, acting_user=director, designee=supervisor)
    with pytest.raises(PermissionDenied):
        services.legal_designee_name(request=request, acting_user=supervisor, designee=desk_staff)


def test_closing_releases_every_hold(ny_branch, desk_staff, director, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_close(request=request, acting_user=director, note="Withdrawn by the agency")
    assert not LegalHold.objects.active().filter(patron=patron).exists()
    request.refresh_from_db()
    assert request.status == LegalRequest.Status.CLOSED and request.closed_at


def _produce(request, director, patron):
    scoped(request, director, [patron], ("current_loans",))
    services.legal_counsel_note(request=request, acting_user=director, note="Valid subpoena.")
    production = services.production_request(request=request, acting_user=director)
    services.production_build(production_id=production.pk)
    production.refresh_from_db()
    return services.production_hand_over(
        production=production, acting_user=director, handed_to="Det. Ada Marsh"
    )


def test_without_an_order_the_patron_is_notified_and_sees_the_production(
    ny_branch, desk_staff, director, patron, django_capture_on_commit_callbacks, mailoutbox
):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    with django_capture_on_commit_callbacks(execute=False):
        _produce(request, director, patron)
    notice = PatronNotice.objects.get(request=request)
    assert notice.state == PatronNotice.State.QUEUED
    assert services.legal_notice_send(notice_id=notice.pk)
    assert mailoutbox[-1].to == [patron.email]
    assert "County Sheriff" in mailoutbox[-1].body
    assert any(request.reference in line.purpose for line in access_report(patron=patron))


def test_a_nondisclosure_order_hides_the_production_and_holds_the_notice_until_lifted(
    ny_branch, desk_staff, director, patron, django_capture_on_commit_callbacks, mailoutbox
):
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_nondisclosure_set(request=request, acting_user=director, active=True)
    with django_capture_on_commit_callbacks(execute=False):
        _produce(request, director, patron)
    notice = PatronNotice.objects.get(request=request)
    assert notice.state == PatronNotice.State.DEFERRED
    assert not services.legal_notice_send(notice_id=notice.pk)
    assert not any(request.reference in line.purpose for line in access_report(patron=patron))
    # Nor does the desk's law-enforcement check appear.
    assert not any("Law enforcement" in line.what for line in access_report(patron=patron))

    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False):
        services.legal_nondisclosure_set(request=request, acting_user=director, active=False)
    notice.refresh_from_db()
    assert notice.state == PatronNotice.State.QUEUED
    assert services.legal_notice_send(notice_id=notice.pk)
    assert any(request.reference in line.purpose for line in access_report(patron=patron))


def test_an_order_with_an_end_date_lapses_by_itself(ny_branch, desk_staff, director, patron):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    until = timezone.localdate() + datetime.timedelta(days=30)
    services.legal_nondisclosure_set(
        request=request, acting_user=director, active=True, until=until
    )
    request.refresh_from_db()
    assert request.nondisclosure_active()
    assert not request.nondisclosure_active(until + datetime.timedelta(days=1))


def test_the_review_clock_reminds_then_marks_a_missed_deadline_once(
    ny_branch, desk_staff, director, patron
):
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    due = request.review_due
    assert services.legal_check_clocks(now=due - datetime.timedelta(hours=1)) == {
        "reminder": 1,
        "breach": 0,
    }
    assert services.legal_check_clocks(now=due + datetime.timedelta(minutes=1)) == {
        "reminder": 0,
        "breach": 1,
    }
    assert services.legal_check_clocks(now=due + datetime.timedelta(days=1)) == {
        "reminder": 0,
        "breach": 0,
    }
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds.count(LegalEvent.Kind.REMINDER) == 1 and kinds.count(LegalEvent.Kind.BREACH) == 1
    assert Notice.objects.filter(recipient=director, subject__contains="missed").exists()


def test_an_ontario_emergency_releases_any_record_and_queues_the_notice_after(
    on_branch, make_staff, patron, django_capture_on_commit_callbacks
):
    desk = make_staff("desk_staff", at=on_branch, username="on-desk")
    director = make_staff("director", at=on_branch, username="on-director")
    factories.LoanFactory(
        patron=patron, checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    request = open_request(staff=desk, patron=patron, branch=on_branch, instrument="emergency")
    assert services.instrument_standing(request).state == "emergency"
    counts = scoped(request, director, [patron], ("registration", "current_loans"))
    assert counts == {"registration": 1, "current_loans": 1}
    with django_capture_on_commit_callbacks(execute=False):
        _produce(request, director, patron)
    assert PatronNotice.objects.get(request=request).state == PatronNotice.State.QUEUED
