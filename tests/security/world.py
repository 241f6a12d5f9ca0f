"""The objects URL arguments point at, for the matrix and the other security tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from organisation.roles import Role
from tests import factories


@dataclass
class World:
    """The objects a URL's arguments point at, built once per test."""

    branch: Any
    other_branch: Any
    users: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def obj(self, kind: str) -> Any:
        """The one object of `kind` (Objects.<kind>), made on first use."""
        return self.once(kind, getattr(Objects(self), kind))


def build_world(branch: Any, other_branch: Any) -> World:
    """One user per role at `branch`; the administrator is_staff as seed_demo makes it."""
    users = {}
    for role in Role:
        user = factories.staff_user(role.value, branch=branch, username=f"m-{role.value}")
        if role == Role.ADMINISTRATOR:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        users[role.value] = user
    return World(branch=branch, other_branch=other_branch, users=users)


def _open_weekdays(branch: Any) -> None:
    import datetime

    from organisation.models import OpeningHours

    if not OpeningHours.objects.filter(branch=branch).exists():
        OpeningHours.objects.bulk_create(
            OpeningHours(branch=branch, weekday=d, opens=datetime.time(9), closes=datetime.time(17))
            for d in range(5)
        )


class Objects:
    """Objects at the world's branch, made on first use (World.obj)."""

    def __init__(self, world: World) -> None:
        self.w = world

    def patron(self) -> Any:
        return factories.PatronFactory(home_branch=self.w.branch)

    def card(self) -> Any:
        return factories.CardFactory(patron=self.w.obj("patron"))

    def item(self) -> Any:
        return factories.ItemFactory(home_branch=self.w.branch)

    def loan(self) -> Any:
        return factories.LoanFactory(patron=self.w.obj("patron"), branch=self.w.branch)

    def hold(self) -> Any:
        return factories.HoldFactory(patron=self.w.obj("patron"), pickup_branch=self.w.branch)

    def fee(self) -> Any:
        return factories.FeeFactory(patron=self.w.obj("patron"), branch=self.w.branch)

    def proxy(self) -> Any:
        return factories.ProxyAuthorizationFactory(cardholder=self.w.obj("patron"))

    def complaint(self) -> Any:
        """Open, logged at the desk by the desk-staff user, about nobody."""
        from complaints import services

        _open_weekdays(self.w.branch)
        return services.complaint_log(
            branch=self.w.branch,
            logged_by=self.w.users[Role.DESK_STAFF.value],
            category="service",
            description="The self-checkout was out of order all afternoon.",
            patron_name="Matrix Patron",
        )

    def attachment(self) -> Any:
        from django.core.files.base import ContentFile

        from complaints.models import ComplaintAttachment

        attachment = ComplaintAttachment(
            complaint=self.w.obj("complaint"),
            original_name="note.txt",
            content_type="text/plain",
            size=5,
            uploaded_by=self.w.users[Role.DESK_STAFF.value],
        )
        attachment.file.save("note.txt", ContentFile(b"hello"), save=False)
        attachment.save()
        return attachment

    def reconsideration(self) -> Any:
        from complaints import services

        return services.reconsideration_request(
            item=self.w.obj("item"),
            branch=self.w.branch,
            logged_by=self.w.users[Role.DESK_STAFF.value],
            requester_name="Matrix Requester",
            objection="Not suitable for the children's room.",
            requester_patron=self.w.obj("card").patron,
            is_resident=True,
        )

    def incident(self) -> Any:
        from complaints import services

        return services.incident_report(
            branch=self.w.branch,
            reported_by=self.w.users[Role.DESK_STAFF.value],
            type="other",
            description="A water leak by the stairs.",
            called_911=False,
        )

    def escalated_complaint(self) -> Any:
        """In formal review, assigned to the Director by the branch supervisor."""
        from complaints import services

        complaint = self.complaint()
        return services.complaint_escalate(
            complaint=complaint,
            acting_user=self.w.users[Role.SUPERVISOR.value],
            assignee=self.w.users[Role.DIRECTOR.value],
        )

    def decided_complaint(self) -> Any:
        from complaints import services

        return services.complaint_decide(
            complaint=self.escalated_complaint(),
            acting_user=self.w.users[Role.DIRECTOR.value],
            decision="upheld",
            reasons="The machine was repaired and staff retrained.",
        )

    def notice(self) -> Any:
        """A notice to the desk-staff user."""
        from notices import services

        delivery = services.notice_send(
            recipients=[self.w.users[Role.DESK_STAFF.value]], subject="Matrix notice"
        )
        return delivery.notices[0]

    # -- legal requests (legal app) -------------------------------------------

    def _legal_open(self, instrument: str) -> Any:
        """A request the desk-staff user logged from a law-enforcement check."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from legal import services
        from privacy.services import disclosure_run

        _open_weekdays(self.w.branch)
        desk = self.w.users[Role.DESK_STAFF.value]
        log = disclosure_run(
            patron=self.w.obj("patron"),
            requester="law_enforcement",
            proof="none",
            instrument=instrument,
            acting_user=desk,
            staff_branch=self.w.branch,
        ).log
        return services.legal_request_open(
            log_id=log.pk,
            acting_user=desk,
            officer_name="Matrix Officer",
            officer_badge="1",
            agency="Matrix Agency",
            officer_contact="555-0100",
            instrument=instrument,
            upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4 matrix", "application/pdf"),
            content_type="application/pdf",
        )

    def legal_request(self) -> Any:
        """A subpoena, received; only the Director may see it."""
        return self._legal_open("subpoena")

    def staff_change(self) -> Any:
        """A volunteer role for a new account, proposed by the administrator
        and waiting for a Director's confirmation."""
        from organisation import dual_control

        newcomer = factories.UserFactory(username="m-newcomer")
        return dual_control.staff_roles_propose(
            user=newcomer,
            roles=[Role.VOLUNTEER.value],
            acting_user=self.w.users[Role.ADMINISTRATOR.value],
            reason="Matrix: joins the desk.",
        )

    def legal_document(self) -> Any:
        return self.w.obj("legal_request").documents.get()

    def legal_emergency(self) -> Any:
        return self._legal_open("emergency")

    def legal_designated(self) -> Any:
        """A subpoena with the supervisor named as designee."""
        from legal import services

        request = self._legal_open("subpoena")
        services.legal_designee_name(
            request=request,
            acting_user=self.w.users[Role.DIRECTOR.value],
            designee=self.w.users[Role.SUPERVISOR.value],
        )
        return request

    def legal_production(self) -> Any:
        """A built production of a loan of the patron, not yet handed over."""
        import datetime

        from django.utils import timezone

        from legal import services

        request = self.w.obj("legal_request")
        self.w.obj("loan")
        director = self.w.users[Role.DIRECTOR.value]
        today = timezone.localdate()
        services.legal_scope_set(
            request=request,
            acting_user=director,
            patrons=[self.w.obj("patron")],
            record_types=["current_loans"],
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=1),
        )
        services.legal_counsel_note(request=request, acting_user=director, note="Valid.")
        production = services.production_request(request=request, acting_user=director)
        return services.production_build(production_id=production.pk)

    def legal_file(self) -> Any:
        return self.w.obj("legal_production").files.first()

    def legal_notice(self) -> Any:
        from legal.models import PatronNotice

        return PatronNotice.objects.create(
            request=self.w.obj("legal_request"),
            patron=self.w.obj("patron"),
            state=PatronNotice.State.TO_PRINT,
        )

    def legal_check(self) -> Any:
        """The desk-staff user's law-enforcement check, not yet logged."""
        from privacy.services import disclosure_run

        _open_weekdays(self.w.branch)
        return disclosure_run(
            patron=self.w.obj("patron"),
            requester="law_enforcement",
            proof="none",
            instrument="subpoena",
            acting_user=self.w.users[Role.DESK_STAFF.value],
            staff_branch=self.w.branch,
        ).log

    # -- programs and public computers (issue 13) ---------------------------

    def program(self) -> Any:
        import datetime

        from django.utils import timezone

        from programs.models import Program

        starts = timezone.now() + datetime.timedelta(days=3)
        return Program.objects.create(
            branch=self.w.branch,
            title="Matrix story time",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            capacity=5,
        )

    def program_under_way(self) -> Any:
        """A program that started half an hour ago: today at its branch
        whatever the hour, so that the door and attendance forms are open."""
        import datetime

        from django.utils import timezone

        from programs.models import Program

        starts = timezone.now() - datetime.timedelta(minutes=30)
        return Program.objects.create(
            branch=self.w.branch,
            title="Matrix homework help",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=5,
        )

    def signup(self) -> Any:
        from programs.models import ProgramSignup

        return ProgramSignup.objects.create(
            program=self.w.obj("program"),
            branch=self.w.branch,
            patron=self.w.obj("patron"),
            status=ProgramSignup.Status.CONFIRMED,
        )

    def print_batch(self) -> Any:
        from patronnotices.models import PrintBatch

        return PrintBatch.objects.create(branch=self.w.branch)

    def station(self) -> Any:
        from computers.models import Station

        return Station.objects.create(branch=self.w.branch, label="Matrix PC 1")

    def computer_session(self) -> Any:
        from computers import services

        return services.session_start(station=self.w.obj("station"), card=self.w.obj("card"))

    def queue_entry(self) -> Any:
        from computers.models import QueueEntry

        other = factories.PatronFactory(home_branch=self.w.branch)
        return QueueEntry.objects.create(branch=self.w.branch, ticket=1, patron=other)

    def callback(self) -> Any:
        """Open, taken at the desk by the desk-staff user, due in an hour."""
        import datetime

        from django.utils import timezone

        from desk import services

        return services.callback_create(
            acting_user=self.w.users[Role.DESK_STAFF.value],
            branch=self.w.branch,
            desk=None,
            name="Matrix Caller",
            phone="555-0100",
            promised_at=timezone.now() + datetime.timedelta(hours=1),
        )

    def waiting_entry(self) -> Any:
        from desk import services

        return services.waiting_add(
            acting_user=self.w.users[Role.VOLUNTEER.value],
            branch=self.w.branch,
            desk=None,
            name="Ticket 7",
        )
