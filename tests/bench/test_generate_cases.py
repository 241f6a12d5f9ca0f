"""generate_dataset --cases on small numbers: counts, states, constraints,
determinism, and that the lists render them."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Q
from django.test import Client
from django.urls import reverse

from complaints.models import (
    CommitteeMember,
    Complaint,
    ComplaintEvent,
    ReconsiderationRequest,
)
from organisation.policies import directors

AS_OF = datetime.date(2026, 3, 2)
NOW = datetime.datetime.combine(AS_OF, datetime.time(6), tzinfo=datetime.UTC)


def generate(cases=3000, seed=1, **options):
    out = StringIO()
    call_command(
        "generate_dataset",
        patrons=300,
        items=600,
        loans=3000,
        cases=cases,
        seed=seed,
        as_of=AS_OF,
        stdout=out,
        **options,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_cases_come_in_every_state_and_keep_every_constraint():
    output = generate()
    connection.check_constraints()

    assert "complaints 3,000" in output
    assert Complaint.objects.count() == 3000
    assert ReconsiderationRequest.objects.count() == 150
    statuses = dict(
        (s, Complaint.objects.filter(status=s).count()) for s in Complaint.Status.values
    )
    # Most resolved or closed; some open at every stage.
    assert statuses[Complaint.Status.CLOSED] > 0.85 * 3000
    for status in Complaint.Status.values:
        assert statuses[status] > 0, statuses
    assert {r.status for r in ReconsiderationRequest.objects.all()} >= {
        ReconsiderationRequest.Status.CLOSED,
        ReconsiderationRequest.Status.UNDER_REVIEW,
    }
    # Spread over five years, nothing after the as-of day.
    first = Complaint.objects.order_by("created_at").first()
    assert first is not None and first.created_at < NOW - datetime.timedelta(days=4 * 365)
    assert not Complaint.objects.filter(created_at__gt=NOW).exists()
    assert not Complaint.objects.filter(closed_at__gt=NOW).exists()
    # Every state holds what the services would have set.
    closed = Complaint.objects.filter(status=Complaint.Status.CLOSED)
    assert not closed.filter(closed_at__isnull=True).exists()
    assert not closed.filter(closed_at__lt=F("created_at")).exists()
    assert (
        not Complaint.objects.exclude(status=Complaint.Status.CLOSED)
        .filter(closed_at__isnull=False)
        .exists()
    )
    formal = Complaint.objects.filter(escalated_at__isnull=False)
    assert not formal.filter(
        Q(assignee__isnull=True)
        | Q(resolution_due__isnull=True)
        | Q(first_response_due__isnull=True)
    ).exists()
    assert not Complaint.objects.filter(
        status__in=[Complaint.Status.ESCALATED, Complaint.Status.WAITING], escalated_at=None
    ).exists()
    assert not Complaint.objects.filter(status=Complaint.Status.WAITING, paused_at=None).exists()
    decided = Complaint.objects.filter(decided_at__isnull=False)
    assert not decided.filter(Q(decision="") | Q(appeal_due=None)).exists()
    assert not decided.filter(decided_at__lt=F("escalated_at")).exists()
    # Some of the open formal reviews are past a deadline, flagged as the clock job does.
    in_review = Complaint.objects.filter(status=Complaint.Status.ESCALATED)
    assert in_review.filter(resolution_due__gt=NOW).exists()
    assert Complaint.objects.filter(
        Q(resolution_breached_at__isnull=False) | Q(next_update_breached_at__isnull=False)
    ).exists()
    assert not Complaint.objects.filter(resolution_breached_at__gt=NOW).exists()
    # Patron links: a share, never a de-identified patron.
    linked = Complaint.objects.filter(patron__isnull=False)
    # (as many as there are patrons to sample: 300 here)
    assert 250 < linked.count() <= 0.6 * 3000
    assert not linked.filter(patron__deidentified_at__isnull=False).exists()
    assert not linked.filter(patron_name="").exists()
    # Timelines and committees.
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.LOGGED).count() == 3000
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.DECIDED).count() == (
        decided.count()
    )
    assert CommitteeMember.objects.count() == 3 * (
        ReconsiderationRequest.objects.filter(acknowledged_at__isnull=False).count()
    )
    assert not ReconsiderationRequest.objects.filter(
        status=ReconsiderationRequest.Status.CLOSED, closed_at=None
    ).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_cases():
    generate(cases=300, seed=5)
    first = list(Complaint.objects.order_by("pk").values_list())
    recons = list(ReconsiderationRequest.objects.order_by("pk").values_list())
    Complaint.objects.all().delete()
    ReconsiderationRequest.objects.all().delete()
    call_command(
        "generate_dataset", patrons=0, items=0, loans=0, cases=300, seed=5, as_of=AS_OF,
        stdout=StringIO(),
    )  # fmt: skip
    again = list(Complaint.objects.order_by("pk").values_list())
    assert [row[1:] for row in again] == [row[1:] for row in first]
    assert len(ReconsiderationRequest.objects.all()) == len(recons)


@pytest.mark.django_db
def test_the_lists_render_the_generated_cases():
    generate(cases=600)
    director = directors().first()
    assert director is not None
    client = Client()
    client.force_login(director)
    for status in ("active", "all", *Complaint.Status.values):
        response = client.get(reverse("complaints:list"), {"status": status})
        assert response.status_code == 200, status
    assert b"C-0" in client.get(reverse("complaints:list"), {"status": "all"}).content
    response = client.get(reverse("complaints:reconsideration_list"))
    assert response.status_code == 200
    assert b"R-0" in response.content
    # A sample of detail pages, one per state.
    for status in Complaint.Status.values:
        found = Complaint.objects.filter(status=status).first()
        if found is not None:
            assert client.get(reverse("complaints:detail", args=[found.pk])).status_code == 200
    for status in ReconsiderationRequest.Status.values:
        recon = ReconsiderationRequest.objects.filter(status=status).first()
        if recon is not None:
            url = reverse("complaints:reconsideration_detail", args=[recon.pk])
            assert client.get(url).status_code == 200
