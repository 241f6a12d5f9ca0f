"""The review desk: work in progress by deadline, counts and the CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from complaints import policies, selectors
from complaints.views.complaints import require
from kernel import tabular
from organisation.users import StaffRequest


@login_required
@require_GET
def review(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_review_desk(request.user))
    return render(
        request,
        "complaints/review.html",
        {
            "complaints": selectors.review_complaints(
                user=request.user, page=request.GET.get("page", 1)
            ),
            "requests": selectors.review_reconsiderations(user=request.user),
            "counts": selectors.complaint_counts(user=request.user),
        },
    )


@login_required
@require_GET
def review_csv(request: StaffRequest) -> StreamingHttpResponse:
    require(policies.can_view_review_desk(request.user))
    return tabular.csv_stream_response(
        "complaints.csv", selectors.CSV_HEADER, selectors.complaints_csv_rows(user=request.user)
    )
