"""Who may see and do what with legal requests. The only place these rules
live.

DESIGN section 4: legal requests are the Director's and the named
designees' (a django-guardian grant per request), never an
administrator's. Visibility is one queryset, `legal_requests_visible_to`;
every check and `access_*` is derived from it.

- the Director: every request;
- a designee: the requests they are named on, nothing else;
- desk staff who took the request at the desk: only their confirmation,
  on the page that answered their form, never the request again;
- anyone holding the administrator's capability: nothing, ever (even with
  another role as well), so that whoever configures the system cannot read
  what it protects.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from legal.models import LegalDocument, LegalRequest, Production, ProductionFile
from organisation.policies import has_capability, users_with_any_role, users_without_role
from organisation.users import StaffUser
from patrons.models import GuardianLink

HANDLE_PERM = "legal.handle_legal_request"
GUARDIAN_DESIGNEE = (
    "{name} is listed as a parent or guardian of a patron this request names; name someone else."
)
NOT_A_DESIGNEE = "{name} cannot be named: designees are library staff who work with patron records."


def _is_active(user: StaffUser) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _shut_out(user: StaffUser) -> bool:
    """Inactive users and administrators never see a legal request."""
    return not _is_active(user) or has_capability(user, "configure_library")


def is_legal_director(user: StaffUser) -> bool:
    return not _shut_out(user) and has_capability(user, "handle_escalations")


def _granted_ids(user: StaffUser) -> QuerySet[Any, Any]:
    return get_objects_for_user(
        user,
        HANDLE_PERM,
        klass=LegalRequest,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    ).values("pk")


def legal_requests_visible_to(user: StaffUser) -> QuerySet[LegalRequest]:
    if _shut_out(user):
        return LegalRequest.objects.none()
    if has_capability(user, "handle_escalations"):
        return LegalRequest.objects.all()
    if not has_capability(user, "manage_patrons"):
        return LegalRequest.objects.none()
    return LegalRequest.objects.filter(pk__in=_granted_ids(user))


def can_view_legal_request(user: StaffUser, request: LegalRequest) -> bool:
    return legal_requests_visible_to(user).filter(pk=request.pk).exists()


def access_legal_request(
    user: StaffUser, request_id: int, *, for_update: bool = False
) -> LegalRequest:
    """The request if `user` may see it; Http404 for forbidden and missing alike."""
    qs = legal_requests_visible_to(user).select_related("branch")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    found = qs.filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


def can_view_queue(user: StaffUser) -> bool:
    """The Director, and a designee while named on some request."""
    return is_legal_director(user) or legal_requests_visible_to(user).exists()


def can_take_intake(user: StaffUser) -> bool:
    """Staff who run the desk's disclosure flow log an officer's request."""
    return not _shut_out(user) and has_capability(user, "run_disclosure")


def can_work(user: StaffUser, request: LegalRequest) -> bool:
    """Counsel notes, scope, documents, holds, warrant steps, production."""
    return request.is_open and can_view_legal_request(user, request)


def can_name_designee(user: StaffUser, request: LegalRequest) -> bool:
    """Only the Director names or removes designees."""
    return request.status != LegalRequest.Status.CLOSED and is_legal_director(user)


def can_refuse(user: StaffUser, request: LegalRequest) -> bool:
    return request.status in (
        LegalRequest.Status.RECEIVED,
        LegalRequest.Status.WITH_COUNSEL,
    ) and can_view_legal_request(user, request)


def can_close(user: StaffUser, request: LegalRequest) -> bool:
    return request.status != LegalRequest.Status.CLOSED and can_view_legal_request(user, request)


def can_set_nondisclosure(user: StaffUser, request: LegalRequest) -> bool:
    return request.status != LegalRequest.Status.CLOSED and can_view_legal_request(user, request)


def can_hand_over(user: StaffUser, production: Production) -> bool:
    return (
        production.status == Production.Status.READY
        and production.handed_at is None
        and can_work(user, production.request)
    )


def designee_refusal(user: StaffUser, request: LegalRequest) -> str | None:
    """Why `user` cannot be named on `request`, or None if they can."""
    name = _display_name(user)
    if _shut_out(user) or not has_capability(user, "manage_patrons"):
        return NOT_A_DESIGNEE.format(name=name)
    if is_patrons_guardian(user, request):
        return GUARDIAN_DESIGNEE.format(name=name)
    return None


def is_patrons_guardian(user: StaffUser, request: LegalRequest) -> bool:
    """Whether the staff member is on record as a parent or guardian of a
    patron the request names: by the guardian's own patron record (same
    e-mail or name) or by the guardian's name as written on the link."""
    names = {n.strip().lower() for n in (user.get_full_name(), _display_name(user)) if n.strip()}
    links = GuardianLink.objects.filter(
        patron_id__in=request.scope.values("patron_id")
    ).select_related("guardian_patron")
    email = (user.email or "").strip().lower()
    for link in links:
        guardian = link.guardian_patron
        candidates = {link.guardian_name.strip().lower()}
        if guardian is not None:
            candidates.add(f"{guardian.first_name} {guardian.last_name}".strip().lower())
            if email and (guardian.email or "").strip().lower() == email:
                return True
        if names & (candidates - {""}):
            return True
    return False


def designee_candidates(request: LegalRequest) -> QuerySet[Any]:
    """Staff the Director may name (the form lists them; the service
    re-checks each with `designee_refusal`)."""
    from organisation.roles import Role

    candidates = users_with_any_role((Role.SUPERVISOR, Role.DESK_STAFF))
    for role in (Role.ADMINISTRATOR, Role.DIRECTOR):
        candidates = users_without_role(candidates, role)
    return (
        candidates.filter(is_active=True)
        .select_related("staff_profile")
        .order_by("staff_profile__display_name", "pk")
    )


def designees_of(request: LegalRequest) -> list[Any]:
    from guardian.shortcuts import get_users_with_perms

    users = get_users_with_perms(
        request, only_with_perms_in=["handle_legal_request"], with_group_users=False
    )
    return sorted(users, key=lambda u: (_display_name(u), u.pk))


def access_document(user: StaffUser, document_id: int) -> LegalDocument:
    found = (
        LegalDocument.objects.filter(pk=document_id, request__in=legal_requests_visible_to(user))
        .select_related("request")
        .first()
    )
    if found is None:
        raise Http404("No such document.")
    return found


def access_production_file(user: StaffUser, file_id: int) -> ProductionFile:
    """A file of a published production of a request `user` may see."""
    found = (
        ProductionFile.objects.filter(
            Q(pk=file_id)
            & Q(production__status=Production.Status.READY)
            & Q(production__request__in=legal_requests_visible_to(user))
        )
        .select_related("production__request")
        .first()
    )
    if found is None:
        raise Http404("No such file.")
    return found


def _display_name(user: StaffUser) -> str:
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else user.get_username()


def access_production(user: StaffUser, production_id: int) -> Production:
    """A published production of a request `user` may see; Http404 otherwise."""
    found = (
        Production.objects.filter(
            pk=production_id,
            status=Production.Status.READY,
            request__in=legal_requests_visible_to(user),
        )
        .select_related("request")
        .first()
    )
    if found is None:
        raise Http404("No such production.")
    return found
