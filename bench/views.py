"""The baseline: one indexed query behind the same middleware and login."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from patrons.models import Card


@login_required
@require_POST
def baseline(request: HttpRequest) -> HttpResponse:
    """Fetch a card by barcode (unique index) and say whether it exists."""
    found = Card.objects.filter(barcode=request.POST.get("barcode", "")).values_list("pk", "status")
    row = found.first()
    return HttpResponse("found" if row else "unknown", content_type="text/plain")
