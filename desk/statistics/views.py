"""Desk statistics for supervisors (their branch) and the Director (every
branch): each report as a chart with its numbers in a table beside it,
and as CSV. Counts only."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from desk import policies
from desk.statistics import selectors as desk_stats
from kernel.tabular import csv_response
from organisation import clock
from organisation.users import StaffRequest
from reports.charts import Chart, bar_chart, heat_map
from reports.forms import DateRangeForm


class StatsForm(DateRangeForm):
    branch: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All branches you may see"
    )

    def __init__(self, *args: Any, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]


def _scope(request: StaffRequest) -> tuple[StatsForm, list[int], datetime.tzinfo]:
    if not policies.can_view_desk_reports(request.user):
        raise PermissionDenied
    branches = policies.report_branches_for(request.user)
    tz = clock.zone(branches[0]) if branches else datetime.UTC
    today = clock.local_now(tz, timezone.now()).date()
    form = StatsForm(request.GET or None, branches=branches, today=today)
    if not request.GET:
        form = StatsForm({}, branches=branches, today=today)
    ids: list[int] = []
    if form.is_valid():
        chosen = form.cleaned_data.get("branch")
        ids = [chosen.pk] if chosen else list(branches.values_list("pk", flat=True))
    return form, ids, tz


def _chart(key: str, form: StatsForm, ids: list[int], tz: datetime.tzinfo) -> Chart:
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if key == desk_stats.HEAT_MAP:
        return heat_map(
            id="busiest-hours",
            title="Busiest hours (weekday by hour, inquiries and tallies)",
            counts=desk_stats.heat_counts(branch_ids=ids, start=start, end=end),
        )
    if key == desk_stats.ON_TIME:
        rows = desk_stats.callbacks_on_time(branch_ids=ids, start=start, end=end, tz=tz)
        return bar_chart(
            id="callbacks-on-time",
            title="Callbacks answered by the promised time",
            data=[(f"{r.branch} ({r.on_time} of {r.done})", r.percent) for r in rows],
            label_header="Branch",
            value_header="% on time",
            percent=True,
        )
    dimension = desk_stats.DIMENSIONS[key]
    return bar_chart(
        id=f"by-{key}",
        title=f"Inquiries and tallies by {dimension.title}",
        data=desk_stats.counts_by(dimension=key, branch_ids=ids, start=start, end=end),
        label_header=dimension.header,
    )


@require_GET
@login_required
def stats(request: StaffRequest) -> HttpResponse:
    form, ids, tz = _scope(request)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "desk/stats.html", context, status=400)
    query = request.GET.urlencode()
    charts = []
    for key in desk_stats.REPORT_KEYS:
        csv_url = reverse("desk:stats_csv", args=[key]) + (f"?{query}" if query else "")
        charts.append({"chart": _chart(key, form, ids, tz), "csv_url": csv_url})
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    context.update(
        charts=charts,
        start=start,
        end=end,
        totals=desk_stats.totals(branch_ids=ids, start=start, end=end),
    )
    return render(request, "desk/stats.html", context)


@require_GET
@login_required
def stats_csv(request: StaffRequest, report: str) -> HttpResponse:
    if report not in desk_stats.REPORT_KEYS:
        raise Http404
    form, ids, tz = _scope(request)
    if not form.is_valid():
        errors = " ".join(str(e) for e in form.non_field_errors()) or "Check the dates."
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    chart = _chart(report, form, ids, tz)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    name = f"desk-{report}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    if report == desk_stats.HEAT_MAP:
        hours = chart.columns[1:]
        rows = [(row[0], hour, row[i + 1]) for row in chart.rows for i, hour in enumerate(hours)]
        return csv_response(name, ["Weekday", "Hour", "Count"], rows)
    return csv_response(name, list(chart.columns), chart.rows)
