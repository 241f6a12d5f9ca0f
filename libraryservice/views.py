from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from libraryservice import policies


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
    from libraryservice.celery import app

    transport = settings.CELERY_BROKER_URL.split(":", 1)[0]
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": transport}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "transport": transport, "error": type(exc).__name__}


@login_required
def home(request: HttpRequest) -> HttpResponse:
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
def staff_access(request: HttpRequest) -> HttpResponse:
    """The Director's list of roles given and taken, second factors reset and
    set-password links sent, with who, to whom, when and why."""
    from libraryservice.staff_access import staff_access_events

    if not policies.can_view_staff_access(request.user):
        raise PermissionDenied
    events = list(staff_access_events()[:500])
    return render(request, "libraryservice/staff_access.html", {"events": events})
