"""Legal-request screens: intake at the desk, the Director's queue and the
request page with its steps, scans, productions, printable forms.

URLs carry opaque integer ids only. A request the user may not see is a
404 (policies.access_legal_request); a step they may not take on one they
see is a 403; a refused step is the page again with the message, 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from cases import letters
from cases.files import stored_file_response
from cases.views import case_action
from cases.workflow import ServiceError
from kernel import tabular
from legal import forms, policies, records, selectors, services
from legal.models import LegalDocument, LegalRequest, PatronNotice, Production
from legal.services.notices import notice_context
from legal.services.review import counsel_guidance, counsel_problem, emergency_mode
from organisation.users import StaffRequest
from privacy.selectors import director_display_name
from privacy.vocabulary import Instrument
from retention.registry import record_type_label

SCRIPTS = {
    Instrument.NONE: (
        "I can't share library records, or say whether someone uses the library. "
        "Library records are released only on a valid court order or subpoena, "
        "presented to the Library Director{director}. I have noted your request."
    ),
    Instrument.SEARCH_WARRANT: (
        "A search warrant takes effect at once: do not obstruct the officer. Call "
        "the Library Director{director} now and ask the officer to wait for the "
        "Director or the library's counsel. Stay with the officer; note what is "
        "searched and taken."
    ),
    Instrument.EMERGENCY: (
        "I'm calling the Library Director{director} now; only the Director can act "
        "in an emergency. If someone is in danger, call 911."
    ),
}
DEFAULT_SCRIPT = (
    "Thank you. I have passed this to the Library Director{director}, who handles "
    "every legal request with the library's counsel and will contact you. I can't "
    "release anything at the desk."
)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _intake_render(request: HttpRequest, context: dict[str, Any], status: int) -> HttpResponse:
    if _is_htmx(request):
        return render(request, "legal/_intake.html", context, status=status)
    return render(request, "legal/intake_page.html", context, status=status)


@login_required
@require_POST
def intake(request: StaffRequest) -> HttpResponse:
    """The desk logs what the officer shows; staff see their confirmation
    and the script, nothing else of the request, ever."""
    if not policies.can_take_intake(request.user):
        raise PermissionDenied
    form = forms.IntakeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _intake_render(request, {"intake_form": form}, 400)
    data = form.cleaned_data
    try:
        opened = services.legal_request_open(
            log_id=data["log"],
            acting_user=request.user,
            officer_name=data["officer_name"],
            officer_badge=data["officer_badge"],
            agency=data["agency"],
            officer_contact=data["officer_contact"],
            instrument=data["instrument"],
            issuing_court=data["issuing_court"],
            instrument_reference=data["instrument_reference"],
            return_date=data["return_date"],
            upload=data.get("scan"),
            content_type=data.get("content_type", ""),
        )
    except ServiceError as exc:
        raise Http404(exc.message) from None
    name = director_display_name(branch=opened.branch)
    script = SCRIPTS.get(opened.instrument, DEFAULT_SCRIPT)  # type: ignore[call-overload]
    context = {
        "done": True,
        "reference": opened.reference,
        "refused": opened.status == LegalRequest.Status.REFUSED,
        "script": script.format(director=f", {name}" if name else ""),
    }
    return _intake_render(request, context, 200)


@login_required
@require_GET
def queue(request: StaffRequest) -> HttpResponse:
    if not policies.can_view_queue(request.user):
        raise Http404
    state = "all" if request.GET.get("state") == "all" else "open"
    rows = list(selectors.queue_for(user=request.user, state=state))
    return render(
        request,
        "legal/queue.html",
        {
            "rows": [(r, services.instrument_standing(r)) for r in rows],
            "state": state,
        },
    )


def _detail_context(request: StaffRequest, legal: LegalRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    named = selectors.patrons_named(request=legal)
    scope_initial = {
        "patrons": "\n".join(str(p.pk) for p in named),
        "record_types": legal.scope_record_types,
        "starts_on": legal.scope_starts_on,
        "ends_on": legal.scope_ends_on,
    }
    can_name = policies.can_name_designee(user, legal)
    context: dict[str, Any] = {
        "legal": legal,
        "standing": services.instrument_standing(legal),
        "emergency": emergency_mode(legal, legal.received_at.date())
        if legal.instrument == Instrument.EMERGENCY
        else "",
        "named": named,
        "counts": [
            (records.label(rt), n) for rt, n in selectors.scope_counts(request=legal).items()
        ],
        "return_days": selectors.business_days_until(request=legal, day=legal.return_date),
        "documents": legal.documents.all(),
        "events": legal.events.select_related("actor__staff_profile"),
        "holds": [
            (link.hold, [record_type_label(rt) for rt in link.hold.record_types])
            for link in legal.holds.select_related("hold")
        ],
        "counsel_guidance": counsel_guidance(legal),
        "counsel_missing": counsel_problem(legal),
        "productions": selectors.productions_of(request=legal),
        "notices": legal.notices.all(),
        "seized": legal.seized.select_related("item"),
        "designees": policies.designees_of(legal),
        "can_work": policies.can_work(user, legal),
        "can_name": can_name,
        "can_refuse": policies.can_refuse(user, legal),
        "can_close": policies.can_close(user, legal),
        "can_ndo": policies.can_set_nondisclosure(user, legal),
        "ndo_active": legal.nondisclosure_active(),
        "note_form": extra.get("note_form") or forms.NoteForm(),
        "scope_form": extra.get("scope_form") or forms.ScopeForm(initial=scope_initial),
        "document_form": extra.get("document_form") or forms.DocumentForm(),
        "warrant_form": extra.get("warrant_form")
        or forms.WarrantForm(initial={"reference": legal.instrument_reference}),
        "seize_form": extra.get("seize_form") or forms.SeizeForm(),
        "ndo_form": extra.get("ndo_form")
        or forms.NondisclosureForm(
            initial={
                "active": "1" if legal.nondisclosure_active() else "0",
                "until": legal.nondisclosure_until,
            }
        ),
        "hand_form": extra.get("hand_form")
        or forms.HandOverForm(
            initial={"handed_to": f"{legal.officer_name}, {legal.officer_badge}, {legal.agency}"}
        ),
        "refuse_form": extra.get("refuse_form") or forms.ReasonForm(),
        "close_form": extra.get("close_form") or forms.CloseForm(),
        "error": extra.get("error"),
    }
    if can_name:
        context["designee_form"] = extra.get("designee_form") or forms.DesigneeForm(
            candidates=policies.designee_candidates(legal)
        )
    return context


@login_required
@require_GET
def detail(request: StaffRequest, request_id: int) -> HttpResponse:
    legal = policies.access_legal_request(request.user, request_id)
    return render(request, "legal/detail.html", _detail_context(request, legal))


def _step(
    request: StaffRequest,
    request_id: int,
    *,
    form_name: str | None,
    form: Any,
    allowed: Callable[[Any, LegalRequest], bool],
    run: Callable[[LegalRequest, dict[str, Any]], Any],
    done: Callable[[Any], str],
) -> HttpResponse:
    """One step on the request page: policy, form, one service, redirect
    (or the page again with the refusal, 400)."""
    legal = policies.access_legal_request(request.user, request_id)

    def rerender(bound: Any, error: str | None) -> HttpResponse:
        extra = {form_name: bound} if form_name else {}
        return render(
            request,
            "legal/detail.html",
            _detail_context(request, legal, error=error, **extra),
            status=400,
        )

    return case_action(
        request,
        form=form,
        run=lambda data: run(legal, data),
        done=done,
        rerender=rerender,
        after=lambda: redirect("legal:detail", legal.pk),
        allowed=allowed(request.user, legal),
        invalid_message="Check the form below.",
    )


@login_required
@require_POST
def counsel(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="note_form",
        form=forms.NoteForm(request.POST),
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_counsel_note(
            request=legal, acting_user=request.user, note=d["note"]
        ),
        done=lambda _r: "Counsel's advice recorded.",
    )


@login_required
@require_POST
def designee(request: StaffRequest, request_id: int) -> HttpResponse:
    legal = policies.access_legal_request(request.user, request_id)
    return _step(
        request,
        request_id,
        form_name="designee_form",
        form=forms.DesigneeForm(
            request.POST,
            candidates=get_user_model().objects.filter(
                pk__in=policies.designee_candidates(legal).values("pk")
            ),
        ),
        allowed=policies.can_name_designee,
        run=lambda legal, d: services.legal_designee_name(
            request=legal, acting_user=request.user, designee=d["designee"]
        ),
        done=lambda _r: "Designee named: they can now see and work this request.",
    )


@login_required
@require_POST
def designee_remove(request: StaffRequest, request_id: int, user_id: int) -> HttpResponse:
    legal = policies.access_legal_request(request.user, request_id)
    if not policies.can_name_designee(request.user, legal):
        raise PermissionDenied
    target = next((u for u in policies.designees_of(legal) if u.pk == user_id), None)
    if target is None:
        raise Http404
    services.legal_designee_remove(request=legal, acting_user=request.user, designee=target)
    messages.success(request, "Designee removed.")
    return redirect("legal:detail", legal.pk)


@login_required
@require_POST
def scope(request: StaffRequest, request_id: int) -> HttpResponse:
    def run(legal: LegalRequest, d: dict[str, Any]) -> Any:
        patrons, missing = selectors.patrons_from_keys(d["patrons"])
        if missing:
            raise services.LegalError(f"No patron has the card or number {', '.join(missing[:5])}.")
        return services.legal_scope_set(
            request=legal,
            acting_user=request.user,
            patrons=patrons,
            record_types=d["record_types"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
        )

    return _step(
        request,
        request_id,
        form_name="scope_form",
        form=forms.ScopeForm(request.POST),
        allowed=policies.can_work,
        run=run,
        done=lambda counts: (
            "Scope set: "
            + "; ".join(
                f"{records.label(rt)}: {'not kept' if n is None else n}" for rt, n in counts.items()
            )
            + ". The legal hold now covers exactly this scope."
        ),
    )


@login_required
@require_POST
def document_upload(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="document_form",
        form=forms.DocumentForm(request.POST, request.FILES),
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_document_add(
            request=legal,
            acting_user=request.user,
            kind=d["kind"],
            upload=d["scan"],
            content_type=d["content_type"],
        ),
        done=lambda doc: f"{doc.get_kind_display()} attached.",
    )


@login_required
@require_GET
def document(request: StaffRequest, document_id: int) -> FileResponse:
    found: LegalDocument = policies.access_document(request.user, document_id)
    # Named by the request, never by the uploaded name (a scan's name may
    # carry the patron's).
    return stored_file_response(
        found, filename=f"{found.request.reference}-{found.kind}-{found.pk}"
    )


@login_required
@require_POST
def warrant(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="warrant_form",
        form=forms.WarrantForm(request.POST),
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_warrant_execute(
            request=legal,
            acting_user=request.user,
            counsel_called=d["counsel_called"],
            staff_present=d["staff_present"],
            scope_as_listed=d["scope_as_listed"],
            reference=d["reference"],
        ),
        done=lambda _r: "The warrant's execution is recorded.",
    )


@login_required
@require_POST
def seize(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="seize_form",
        form=forms.SeizeForm(request.POST),
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_item_seize(
            request=legal, acting_user=request.user, barcode=d["barcode"]
        ),
        done=lambda s: f"Item {s.item.barcode} marked missing, taken under warrant {s.reference}.",
    )


@login_required
@require_POST
def nondisclosure(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="ndo_form",
        form=forms.NondisclosureForm(request.POST),
        allowed=policies.can_set_nondisclosure,
        run=lambda legal, d: services.legal_nondisclosure_set(
            request=legal, acting_user=request.user, active=d["active"], until=d["until"]
        ),
        done=lambda r: (
            "Non-disclosure order recorded."
            if r.nondisclosure_active()
            else "Non-disclosure order lifted: held-back notices are queued."
        ),
    )


@login_required
@require_POST
def produce(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name=None,
        form=None,
        allowed=policies.can_work,
        run=lambda legal, d: services.production_request(request=legal, acting_user=request.user),
        done=lambda p: f"Production #{p.pk} is being built; reload this page in a moment.",
    )


@login_required
@require_POST
def hand_over(request: StaffRequest, production_id: int) -> HttpResponse:
    production = Production.objects.filter(pk=production_id).select_related("request").first()
    if production is None:
        raise Http404
    legal = policies.access_legal_request(request.user, production.request_id)
    return _step(
        request,
        legal.pk,
        form_name="hand_form",
        form=forms.HandOverForm(request.POST),
        allowed=lambda user, _legal: policies.can_hand_over(user, production),
        run=lambda _legal, d: services.production_hand_over(
            production=production, acting_user=request.user, handed_to=d["handed_to"]
        ),
        done=lambda p: f"Hand-over recorded: production #{p.pk} to {p.handed_to}.",
    )


@login_required
@require_GET
def production_file(request: StaffRequest, file_id: int) -> FileResponse:
    found = policies.access_production_file(request.user, file_id)
    reference = found.production.request.reference
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"{reference}-{found.production.pk}-{found.name}",
        content_type=tabular.content_type_of(found.name),
    )


@login_required
@require_POST
def refuse(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="refuse_form",
        form=forms.ReasonForm(request.POST),
        allowed=policies.can_refuse,
        run=lambda legal, d: services.legal_refuse(
            request=legal, acting_user=request.user, reason=d["reason"]
        ),
        done=lambda _r: "Request refused.",
    )


@login_required
@require_POST
def close(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name="close_form",
        form=forms.CloseForm(request.POST),
        allowed=policies.can_close,
        run=lambda legal, d: services.legal_close(
            request=legal, acting_user=request.user, note=d["note"]
        ),
        done=lambda _r: "Request closed; its legal holds are released.",
    )


@login_required
@require_POST
def hold_place(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name=None,
        form=None,
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_hold_place_now(request=legal, acting_user=request.user),
        done=lambda n: f"Legal hold placed over {n} patron(s).",
    )


@login_required
@require_POST
def hold_release(request: StaffRequest, request_id: int) -> HttpResponse:
    return _step(
        request,
        request_id,
        form_name=None,
        form=None,
        allowed=policies.can_work,
        run=lambda legal, d: services.legal_hold_release_now(
            request=legal, acting_user=request.user
        ),
        done=lambda n: f"{n} legal hold(s) released.",
    )


@login_required
@require_GET
def acknowledgement(request: StaffRequest, request_id: int) -> HttpResponse:
    """The emergency acknowledgement form the officer signs (printable)."""
    legal = policies.access_legal_request(request.user, request_id)
    if legal.instrument != Instrument.EMERGENCY:
        raise Http404
    return render(
        request,
        "legal/acknowledgement.html",
        {
            "legal": legal,
            "patrons": selectors.patrons_named(request=legal),
            "signatory": letters.signatory(None),
            "standing": services.instrument_standing(legal),
        },
    )


@login_required
@require_GET
def notice_letter(request: StaffRequest, notice_id: int) -> HttpResponse:
    """The patron notice as a printable letter, once it may be sent."""
    notice = PatronNotice.objects.filter(pk=notice_id).select_related("request").first()
    if notice is None:
        raise Http404
    policies.access_legal_request(request.user, notice.request_id)
    if notice.state == PatronNotice.State.DEFERRED or notice.request.nondisclosure_active():
        raise Http404
    return render(request, "legal/letters/patron_notice.html", notice_context(notice))


@login_required
@require_GET
def production_zip(request: StaffRequest, production_id: int) -> HttpResponse:
    """The whole file set, to hand over on one medium."""
    production = policies.access_production(request.user, production_id)
    response = HttpResponse(
        selectors.production_zip(production=production), content_type="application/zip"
    )
    name = f"{production.request.reference}-{production.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
