"""The desk's side of patron notices: the preferred channel on the
patron's record, and the print batches of letters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from organisation.users import StaffRequest
from patronnotices import policies, selectors, services
from patronnotices.forms import NoticePreferenceForm
from patronnotices.models import NoticePreference, PatronNotice
from privacy import services as privacy_services

SAVED = "Saved: how this patron hears from the library."
PRINTED = "Marked as printed. New letters start a new batch."
LETTER_ACCESS = "notice_letter"


@login_required
@require_POST
def preference(request: StaffRequest, patron_id: int) -> HttpResponse:
    """Set the patron's preferred channel, titles choice and whether the
    contact on file is shared (staff who edit patrons)."""
    patron = policies.access_patron_preference(request.user, patron_id)
    current = NoticePreference.objects.filter(patron=patron).first()
    form = NoticePreferenceForm(request.POST, instance=current)
    if not form.is_valid():
        return render(
            request,
            "patronnotices/preference_invalid.html",
            {"patron": patron, "form": form},
            status=400,
        )
    services.preference_set(patron=patron, acting_user=request.user, **form.cleaned_data)
    messages.success(request, SAVED)
    return redirect("patrons:detail", patron.pk)


@login_required
@require_GET
def print_batches(request: StaffRequest) -> HttpResponse:
    policies.require_print_letters(request.user)
    batches = (
        policies.print_batches_visible_to(request.user)
        .annotate(
            letters=Count("notices"),
            at_desk=Count("notices", filter=Q(notices__outcome=services.AT_DESK)),
        )
        .order_by("printed_at", "-created_at")[:100]
    )
    return render(request, "patronnotices/print_batches.html", {"batches": batches})


@login_required
@require_GET
def print_batch(request: StaffRequest, batch_id: int) -> HttpResponse:
    """The letters of a batch, ready to print: each one composed now by the
    same rules as e-mail, each opening on the patron's access report."""
    batch = policies.access_print_batch(request.user, batch_id)
    letters = []
    for notice in selectors.print_batch_notices(batch=batch):
        composed = services.compose(notice)
        if composed.patron is None or composed.words is None:
            continue
        privacy_services.patron_access_log(
            patron=composed.patron, acting_user=request.user, kind=LETTER_ACCESS
        )
        letters.append(
            {
                "patron": composed.patron,
                "words": composed.words,
                "at_desk": notice.outcome == services.AT_DESK,
            }
        )
    return render(request, "patronnotices/print_batch.html", {"batch": batch, "letters": letters})


@login_required
@require_POST
def print_batch_printed(request: StaffRequest, batch_id: int) -> HttpResponse:
    batch = policies.access_print_batch(request.user, batch_id)
    services.print_batch_close(batch=batch, acting_user=request.user)
    messages.success(request, PRINTED)
    return redirect("patronnotices:print_batches")


__all__ = ["PatronNotice"]
