from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from organisation import dual_control, policies
from organisation import staff_access as access
from organisation.forms import StaffChangeDecisionForm
from organisation.models import PendingStaffChange
from organisation.users import StaffRequest


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker state, for load balancers and monitoring."""
    database = _check_database()
    broker = _check_broker()
    healthy = database["ok"] and broker["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}


def _check_broker() -> dict:
    # The project's Celery app, made current when config/ is imported
    # (the settings module lives there): the domain does not import config.
    from celery import current_app as app

    transport = settings.CELERY_BROKER_URL.split(":", 1)[0]
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": transport}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "transport": transport, "error": type(exc).__name__}


@login_required
def home(request: StaffRequest) -> HttpResponse:
    """Send each role to where its work is; unread notices come first."""
    from notices.selectors import notices_unread_count

    if notices_unread_count(user=request.user):
        return redirect("notices:list")
    if policies.can_use_desk(request.user):
        return redirect("desk:screen")
    if policies.can_configure(request.user):
        return redirect("admin:index")
    return render(request, "home.html", status=200)


@login_required
@require_GET
def staff_access(request: StaffRequest) -> HttpResponse:
    """The Director's list of roles given and taken, second factors reset and
    set-password links sent, with who, to whom, when and why."""
    if not policies.can_view_staff_access(request.user):
        raise PermissionDenied
    events = list(access.staff_access_events()[:500])
    pending = dual_control.staff_changes_pending().count()
    return render(
        request, "libraryservice/staff_access.html", {"events": events, "pending": pending}
    )


PENDING = PendingStaffChange.Status.PENDING
CONFIRMED = "Confirmed: {summary}. It has taken effect."
REFUSED = "Refused: {summary}. Nothing changed."


@login_required
@require_GET
def staff_changes(request: StaffRequest) -> HttpResponse:
    """The Directors' list of staff-account changes waiting for a second
    person (dual control), oldest first, with recent decisions. Changes past
    their deadline are marked expired first."""
    if not policies.can_view_staff_access(request.user):
        raise PermissionDenied
    dual_control.staff_changes_expire()
    visible = policies.staff_changes_visible_to(request.user)
    pending = [
        (change, policies.can_decide_staff_change(request.user, change))
        for change in visible.filter(status=PENDING).order_by("created_at", "pk")
    ]
    decided = list(visible.exclude(status=PENDING).order_by("-decided_at", "-pk")[:50])
    return render(
        request,
        "libraryservice/staff_changes.html",
        {"pending": pending, "decided": decided},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_change(request: StaffRequest, change_id: int) -> HttpResponse:
    """One change waiting for dual control: what it does, to which account,
    who asked and why, the account's recent staff-access history; a Director
    other than the proposer and the account's owner confirms or refuses it."""
    if not policies.can_view_staff_access(request.user):
        raise PermissionDenied
    dual_control.staff_changes_expire()
    change = policies.access_staff_change(request.user, change_id)
    form = StaffChangeDecisionForm(request.POST or None)
    error = None
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            decide = (
                dual_control.staff_change_confirm
                if form.cleaned_data["decision"] == "confirm"
                else dual_control.staff_change_refuse
            )
            kwargs = (
                {}
                if decide is dual_control.staff_change_confirm
                else {"note": form.cleaned_data["note"]}
            )
            try:
                decided = decide(change=change, acting_user=request.user, **kwargs)
            except access.StaffAccessError as exc:
                error, status = exc.message, 409
                change.refresh_from_db()
            else:
                text = CONFIRMED if decided.status == decided.Status.CONFIRMED else REFUSED
                messages.success(request, text.format(summary=decided.summary))
                return redirect("staff_changes")
    account = change.user
    context = {
        "change": change,
        "form": form,
        "error": error,
        "can_decide": change.is_pending and policies.can_decide_staff_change(request.user, change),
        "account": account,
        "account_roles": sorted(access.role_names(account)),
        "has_password": account.has_usable_password(),
        "unconfirmed_email": access.unconfirmed_email_change(account),
        "history": list(access.staff_access_events().filter(user=account)[:20]),
        "confirmers": list(dual_control.eligible_confirmers(change)),
    }
    return render(request, "libraryservice/staff_change.html", context, status=status)
