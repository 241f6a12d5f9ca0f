"""A patron withdrawing the keep-loan-history opt-in (DESIGN section 6)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from organisation.users import StaffRequest
from patrons.forms import WithdrawHistoryForm
from patrons.history import loan_history_count, loan_history_withdraw
from patrons.policies import access_patron_history_choice
from retention.services import RetentionError


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_history(request: StaffRequest, patron_id: int) -> HttpResponse:
    """Confirm, then erase, the loan history of a patron who withdraws the
    keep-history opt-in. Erasing happens on POST only."""
    patron = access_patron_history_choice(request.user, patron_id)
    form = WithdrawHistoryForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                erased = loan_history_withdraw(patron=patron, acting_user=request.user)
            except RetentionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    f"Loan history erased ({erased} returned loans). "
                    "The library no longer keeps this patron's loan history.",
                )
            return redirect("patrons:withdraw_history", patron_id=patron.pk)
        status = 400
    context = {
        "patron": patron,
        "form": form,
        "history_count": loan_history_count(patron=patron),
    }
    return render(request, "patrons/withdraw_history.html", context, status=status)
