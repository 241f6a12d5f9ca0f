"""The objects URL arguments point at, for the matrix and the other security tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from libraryservice.roles import Role
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

    from libraryservice.models import OpeningHours

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
