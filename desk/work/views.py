"""The desk's own work, from the desk screen or its own pages: record an
inquiry (or "record and keep" for a run of the same kind), add a tally,
take a callback, put someone on the waiting list and call the next one.

Every form posts to one view that answers an htmx request with the form
again (fresh, kept, or with its errors), the status line and the live
panel out of band, and a plain request with a redirect back (or the page
with the errors, status 400), so that it works without JavaScript too.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desk import policies, services
from desk.models import Callback, Channel
from desk.work import forms as work_forms
from desk.work import selectors as work_selectors
from organisation import clock
from organisation import policies as lib_policies
from organisation.models import Branch, ServiceDesk
from organisation.selectors import staff_profile_for
from organisation.users import StaffRequest
from patrons import policies as patron_policies
from privacy import services as privacy_services
from privacy.vocabulary import AccessKind

NO_BRANCH = "Your staff profile has no branch yet: ask an administrator to assign one."
TOO_BIG = "That was far too much text: keep each text under 4000 characters. Nothing was saved."
INQUIRY_SAVED = "Inquiry recorded: {type}, READ {level}."
INQUIRY_KEPT = "Inquiry recorded: {type}, READ {level}. The form is kept for the next one."
TALLY_SAVED = "Counted: {type} (today at this branch: {count})."
CALLBACK_SAVED = "Callback added: call {name} by {when:%H:%M} ({day})."
CALLBACK_DONE = "Callback marked done."
CALLBACK_CANCELLED = "Callback cancelled."
WAITING_SAVED = "{name} added to the waiting list."
WAITING_CALLED = "Next: {name}{how}."
WAITING_LEFT = "Taken off the waiting list."
FIX_BELOW = "Nothing was saved: fix what is marked."
# Sent by a form drawn from posted values (see _saved).
REDRAW = "redraw"

SHORTCUTS = [
    ("Alt+Shift+I", "Record an inquiry (goes to its first field)"),
    ("Ctrl+Enter", "In the inquiry form: record and keep the form for the next one"),
    ("Alt+Shift+1 … 9", "Add one tally of the numbered kind"),
    ("Alt+Shift+C", "Take a callback"),
    ("Alt+Shift+W", "Add someone to the waiting list"),
    ("Alt+Shift+N", "Call the next person waiting"),
]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _branch(request: StaffRequest) -> Branch | None:
    profile = staff_profile_for(request.user)
    return profile.branch if profile is not None else None


def _desk(request: StaffRequest) -> ServiceDesk | None:
    profile = staff_profile_for(request.user)
    return profile.desk if profile is not None else None


def work_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, a desk role, working at a branch."""

    @login_required
    @wraps(view)
    def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # As desk_view: the user itself, not its lazy wrappers.
        request.user = lib_policies.unwrapped_user(request.user)
        if not policies.can_work_desk(request.user):
            raise PermissionDenied
        if _branch(request) is None:
            return HttpResponse(NO_BRANCH, status=403, content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return wrapper


def _posted(request: HttpRequest) -> QueryDict | None:
    """The posted fields, or None when the body is over Django's limit."""
    try:
        return request.POST
    except RequestDataTooBig:
        return None


def _local_now(branch: Branch) -> datetime.datetime:
    return clock.local_now(branch, timezone.now())


class Work:
    """Everything the desk work region may show, each part computed only
    when a template reads it (an answer renders one form and the panel)."""

    def __init__(self, request: StaffRequest, branch: Branch, forms: dict[str, Any]) -> None:
        self.request = request
        self.user = request.user
        self.branch = branch
        self.given = forms
        self.now = _local_now(branch)
        self.read_examples = work_forms.READ_CHOICES
        self.shortcuts = SHORTCUTS

    @cached_property
    def next(self) -> str:
        """Where the region's plain forms return to (read only when one is
        drawn: a desk write's answer mostly draws none)."""
        request = self.request
        return request.get_full_path() if request.method == "GET" else _next(request)

    @cached_property
    def can_log_inquiries(self) -> bool:
        return policies.can_log_inquiries(self.user)

    @cached_property
    def inquiry_form(self) -> work_forms.InquiryForm:
        return self.given.get("inquiry_form") or work_forms.InquiryForm(
            branch=self.branch, prefix="inq"
        )

    @cached_property
    def callback_form(self) -> work_forms.CallbackForm:
        return self.given.get("callback_form") or work_forms.CallbackForm(
            branch=self.branch, now=self.now, prefix="cb"
        )

    @cached_property
    def waiting_form(self) -> work_forms.WaitingForm:
        return self.given.get("waiting_form") or work_forms.WaitingForm(prefix="wait")

    @cached_property
    def tally_types(self) -> list[Any]:
        return list(work_forms.tally_types(self.branch))

    @cached_property
    def panel(self) -> work_selectors.WorkPanel:
        return work_selectors.work_panel(user=self.user, now=self.now)


def work_context(request: StaffRequest, **forms: Any) -> dict[str, Any]:
    """The desk work region's context (`work`: None for a user who does
    no desk work); given forms win (e.g. with their errors)."""
    branch = _branch(request)
    if branch is None or not policies.can_work_desk(request.user):
        return {"work": None}
    return {"work": Work(request, branch, forms)}


def _next(request: HttpRequest) -> str:
    """Where a plain (non-htmx) post returns to: a page of this site."""
    data: Any = _posted(request) or {}
    candidate = data.get("next") or request.headers.get("Referer") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return str(candidate)
    return reverse("desk:screen")


def _answer(
    request: StaffRequest,
    *,
    part: str,
    level: str,
    text: str,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    """The reply to a posted work form: htmx gets `part` (a template under
    desk/work/) re-rendered with the status line and live panel out of
    band; a plain post is redirected back with a message, or shown the
    work page with the errors."""
    if _is_htmx(request):
        context = work_context(request, **forms)
        context.update({"status": {"level": level, "text": text}, "oob": True, "flag_oob": True})
        return render(request, f"desk/work/_answer_{part}.html", context, status=status)
    if status < 400:
        messages.success(request, text) if level == "ok" else messages.warning(request, text)
        return HttpResponseRedirect(_next(request))
    context = work_context(request, **forms)
    context["status"] = {"level": level, "text": text}
    return render(request, "desk/work/page.html", context, status=status)


def _saved(
    request: StaffRequest, *, form_id: str, text: str, keep: bool = False, **forms: Any
) -> HttpResponse:
    """The reply to a work form that saved. htmx gets the status line and
    the live panel out of band and no form at all (HX-Reswap: none): the
    page resets the form itself, or with `keep` clears only its text, on
    the deskWorkSaved event, so that the busiest path renders no form. A
    plain post is redirected back, or with `keep` shown the kept form."""
    if _is_htmx(request) and REDRAW in (_posted(request) or {}):
        # The page shows a form drawn with the posted values (it had
        # errors): resetting it would bring them back, so send a fresh one.
        part = form_id.removesuffix("-form")
        return _answer(request, part=part, level="ok", text=text, **forms)
    if _is_htmx(request):
        context = work_context(request)
        context.update({"status": {"level": "ok", "text": text}, "oob": True, "flag_oob": True})
        response = render(request, "desk/work/_answer_saved.html", context)
        response["HX-Reswap"] = "none"
        response["HX-Trigger-After-Settle"] = json.dumps(
            {"deskWorkSaved": {"form": form_id, "keep": keep}}
        )
        return response
    if forms:
        context = work_context(request, **forms)
        context["status"] = {"level": "ok", "text": text}
        return render(request, "desk/work/page.html", context)
    messages.success(request, text)
    return HttpResponseRedirect(_next(request))


# ---------------------------------------------------------------- inquiries


@require_http_methods(["GET", "POST"])
@work_view
def inquiries(request: StaffRequest) -> HttpResponse:
    """The inquiry form and the latest inquiries (text as the policy
    allows); POST records one."""
    if request.method == "POST":
        return _inquiry_record(request)
    forms: dict[str, Any] = {}
    followup = None
    if "patron" in request.GET:
        followup = _followup_patron(request, request.GET.get("patron"))
        branch = _branch(request)
        assert branch is not None
        forms["inquiry_form"] = work_forms.InquiryForm(
            branch=branch, prefix="inq", initial={"patron": followup.pk}
        )
    context = work_context(request, **forms)
    context["rows"] = work_selectors.recent_inquiries(user=request.user)
    context["followup"] = followup
    return render(request, "desk/work/inquiries.html", context)


def _followup_patron(request: StaffRequest, patron_id: Any) -> Any:
    """The patron a question is linked to for follow-up: staff only, a
    patron they may open (404 otherwise); opening it is logged."""
    if not policies.can_link_inquiry_patron(request.user):
        raise PermissionDenied
    patron = patron_policies.access_patron(request.user, patron_id)
    if request.method == "GET":
        privacy_services.patron_access_log(
            patron=patron, acting_user=request.user, kind=AccessKind.DESK
        )
    return patron


def _inquiry_record(request: StaffRequest) -> HttpResponse:
    if not policies.can_log_inquiries(request.user):
        raise PermissionDenied
    branch = _branch(request)
    assert branch is not None
    data = _posted(request)
    if data is None:
        return _answer(request, part="inquiry", level="bad", text=TOO_BIG, status=413)
    form = work_forms.InquiryForm(data, branch=branch, prefix="inq")
    if not form.is_valid():
        return _answer(
            request, part="inquiry", level="bad", text=FIX_BELOW, status=400, inquiry_form=form
        )
    d = form.cleaned_data
    patron = _followup_patron(request, d["patron"]) if d.get("patron") else None
    try:
        inquiry = services.inquiry_record(
            acting_user=request.user,
            branch=branch,
            desk=_desk(request),
            channel=d["channel"],
            inquiry_type=d["inquiry_type"],
            read_level=d["read_level"],
            minutes=d["minutes"] or 0,
            referred_to=d["referred_to"],
            question=d["question"],
            answer=d["answer"],
            patron_category=d["patron_category"],
            patron=patron,
        )
    except services.DeskWorkError as exc:
        return _answer(
            request, part="inquiry", level="bad", text=exc.message, status=400, inquiry_form=form
        )
    keep = "keep" in data
    message = INQUIRY_KEPT if keep else INQUIRY_SAVED
    text = message.format(type=inquiry.inquiry_type, level=inquiry.read_level)
    if keep and (not _is_htmx(request) or REDRAW in data):
        initial = {
            k: data.get(f"inq-{k}")
            for k in ("channel", "inquiry_type", "read_level", "minutes", "referred_to")
        }
        initial["patron_category"] = data.get("inq-patron_category", "")
        kept = work_forms.InquiryForm(branch=branch, prefix="inq", initial=initial)
        kept.kept = True  # type: ignore[attr-defined]
        return _saved(request, form_id="inquiry-form", text=text, inquiry_form=kept)
    return _saved(request, form_id="inquiry-form", text=text, keep=keep)


@require_POST
@work_view
def tally(request: StaffRequest) -> HttpResponse:
    """One count of a quick question, from a button or its key."""
    branch = _branch(request)
    assert branch is not None
    form = work_forms.TallyForm(request.POST, branch=branch)
    if not form.is_valid():
        return _answer(
            request, part="status", level="bad", text="Choose a tally button.", status=400
        )
    inquiry_type = form.cleaned_data["inquiry_type"]
    _entry, count = services.tally_count(
        acting_user=request.user,
        branch=branch,
        desk=_desk(request),
        inquiry_type=inquiry_type,
        channel=form.cleaned_data.get("channel") or Channel.IN_PERSON,
    )
    return _answer(
        request, part="status", level="ok", text=TALLY_SAVED.format(type=inquiry_type, count=count)
    )


# ---------------------------------------------------------------- callbacks


@require_http_methods(["GET", "POST"])
@work_view
def callbacks(request: StaffRequest) -> HttpResponse:
    """Open callbacks (overdue ones first and marked) and the latest closed
    ones; POST takes a new one."""
    branch = _branch(request)
    assert branch is not None
    if request.method == "POST":
        return _callback_create(request, branch)
    now = _local_now(branch)
    context = work_context(request)
    context["open_rows"] = work_selectors.callback_rows(
        user=request.user, now=now, callbacks=work_selectors.open_callbacks(user=request.user)
    )
    context["closed_rows"] = work_selectors.callback_rows(
        user=request.user,
        now=now,
        callbacks=work_selectors.recent_closed_callbacks(user=request.user),
    )
    return render(request, "desk/work/callbacks.html", context)


def _callback_create(request: StaffRequest, branch: Branch) -> HttpResponse:
    data = _posted(request)
    if data is None:
        return _answer(request, part="callback", level="bad", text=TOO_BIG, status=413)
    now = _local_now(branch)
    with timezone.override(clock.zone(branch)):
        form = work_forms.CallbackForm(data, branch=branch, now=now, prefix="cb")
        valid = form.is_valid()
    if not valid:
        return _answer(
            request, part="callback", level="bad", text=FIX_BELOW, status=400, callback_form=form
        )
    d = form.cleaned_data
    try:
        callback = services.callback_create(
            acting_user=request.user,
            branch=branch,
            desk=_desk(request),
            name=d["name"],
            phone=d["phone"],
            email=d["email"],
            about=d["about"],
            promised_at=d["promised_at"],
            channel=d["channel"],
        )
    except services.DeskWorkError as exc:
        return _answer(
            request, part="callback", level="bad", text=exc.message, status=400, callback_form=form
        )
    local = clock.local_now(branch, callback.promised_at)
    day = "today" if local.date() == now.date() else f"{local:%a %d %b}"
    text = CALLBACK_SAVED.format(name=callback.name, when=local, day=day)
    return _saved(request, form_id="callback-form", text=text)


def _callback_close(
    request: StaffRequest, callback_id: int, status: str, text: str
) -> HttpResponse:
    callback = policies.access_callback(request.user, callback_id)
    try:
        services.callback_close(acting_user=request.user, callback_id=callback.pk, status=status)
    except services.DeskWorkError as exc:
        status_code = 403 if exc.message == services.NOT_ALLOWED else 409
        return _answer(request, part="status", level="bad", text=exc.message, status=status_code)
    return _answer(request, part="status", level="ok", text=text)


@require_POST
@work_view
def callback_done(request: StaffRequest, callback_id: int) -> HttpResponse:
    return _callback_close(request, callback_id, Callback.Status.DONE, CALLBACK_DONE)


@require_POST
@work_view
def callback_cancel(request: StaffRequest, callback_id: int) -> HttpResponse:
    return _callback_close(request, callback_id, Callback.Status.CANCELLED, CALLBACK_CANCELLED)


# ----------------------------------------------------------- waiting list


@require_http_methods(["GET", "POST"])
@work_view
def waiting(request: StaffRequest) -> HttpResponse:
    """The live waiting list; POST adds someone."""
    if request.method == "GET":
        return render(request, "desk/work/waiting.html", work_context(request))
    branch = _branch(request)
    assert branch is not None
    form = work_forms.WaitingForm(request.POST, prefix="wait")
    if not form.is_valid():
        return _answer(
            request, part="waiting", level="bad", text=FIX_BELOW, status=400, waiting_form=form
        )
    entry = services.waiting_add(
        acting_user=request.user,
        branch=branch,
        desk=_desk(request),
        name=form.cleaned_data["name"],
        reason=form.cleaned_data["reason"],
        in_person=form.cleaned_data["in_person"],
    )
    return _saved(request, form_id="waiting-form", text=WAITING_SAVED.format(name=entry.name))


@require_POST
@work_view
def waiting_next(request: StaffRequest) -> HttpResponse:
    """Call the next person (one key): in person before phone."""
    branch = _branch(request)
    assert branch is not None
    try:
        entry = services.waiting_call_next(acting_user=request.user, branch=branch)
    except services.DeskWorkError as exc:
        return _answer(request, part="status", level="warn", text=exc.message, status=409)
    how = "" if entry.in_person else " (on the phone)"
    return _answer(
        request, part="status", level="ok", text=WAITING_CALLED.format(name=entry.name, how=how)
    )


@require_POST
@work_view
def waiting_left(request: StaffRequest, entry_id: int) -> HttpResponse:
    entry = policies.access_waiting(request.user, entry_id)
    try:
        services.waiting_leave(acting_user=request.user, entry_id=entry.pk)
    except services.DeskWorkError as exc:
        return _answer(request, part="status", level="warn", text=exc.message, status=409)
    return _answer(request, part="status", level="ok", text=WAITING_LEFT)


@require_GET
@work_view
def panel(request: StaffRequest) -> HttpResponse:
    """The live panel alone, polled by every desk screen of the branch; a
    plain request (the address opened directly) gets the whole desk-work
    page around it."""
    if not _is_htmx(request):
        return render(request, "desk/work/page.html", work_context(request))
    context = work_context(request)
    context["poll"] = True
    context["flag_oob"] = True
    return render(request, "desk/work/_live.html", context)
