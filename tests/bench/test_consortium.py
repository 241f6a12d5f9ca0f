"""bench_consortium's parts on small data: the night it measures, the plan
it explains (the handler's own batch query), and every page it times
answering 200 for the Director and a branch supervisor."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bench import bench_consortium, datasets, run
from complaints.datasets import generate_cases
from retention.models import ExpungeRun
from tests import factories

AS_OF = datetime.date(2026, 3, 2)


def test_it_is_found_by_its_name():
    assert run.discover()["consortium"] is bench_consortium


def test_only_the_consortium_dataset_is_generated_with_desk_traffic_and_cases():
    # Medium and quick datasets already generated stay recognised as they are.
    assert datasets.MEDIUM.extra_options() == []
    assert datasets.QUICK.extra_options() == []
    assert datasets.CONSORTIUM.extra_options() == [
        "--desk-traffic=3000000",
        "--desk-days=1095",
        "--cases=100000",
    ]


@pytest.mark.django_db
def test_the_night_moves_one_day_past_the_latest_run():
    assert bench_consortium.next_night(AS_OF) == AS_OF + datetime.timedelta(days=1)
    ExpungeRun.objects.create(as_of=AS_OF + datetime.timedelta(days=5))
    ExpungeRun.objects.create(as_of=AS_OF + datetime.timedelta(days=9), dry_run=True)
    assert bench_consortium.next_night(AS_OF) == AS_OF + datetime.timedelta(days=6)
    # An older run does not take the night back before the dataset's day.
    assert bench_consortium.next_night(AS_OF + datetime.timedelta(days=30)) == (
        AS_OF + datetime.timedelta(days=31)
    )


@pytest.mark.django_db
# The consortium benchmark is PostgreSQL tooling (make bench): its raw
# MAX() comes back as text on SQLite.
@pytest.mark.postgres
def test_the_dataset_ends_on_the_day_of_its_latest_checkout(branch):
    patron = factories.PatronFactory(home_branch=branch)
    item = factories.ItemFactory(home_branch=branch)
    moment = datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC)
    factories.LoanFactory(patron=patron, item=item, branch=branch, checked_out_at=moment)
    assert bench_consortium.dataset_as_of() == datetime.date(2026, 3, 2)


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_explained_query_is_the_handlers_batch_selection(branch):
    explained = bench_consortium.explain_batch(AS_OF)
    assert explained["groups"]
    for group in explained["groups"]:
        plan = "\n".join(group["plan"])
        assert "circulation_loan" in plan
        assert "LockRows" in plan  # FOR UPDATE ... SKIP LOCKED, as the run chooses
        assert group["rows"] == 0
        assert "Execution Time" in plan


@pytest.mark.django_db
def test_every_page_answers_the_director_and_a_supervisor(branch):
    generate_cases(cases=200, seed=1, as_of=AS_OF, use_copy=True)
    measured = bench_consortium.measure_pages(AS_OF, timed=1)
    assert "director:reconsiderations" in measured
    assert "supervisor:reconsiderations" not in measured
    assert measured["director:complaints"]["queries"] > 0
    for name, page in measured.items():
        assert page["median_ms"] > 0, name
    assert measured["director:complaints_csv"]["export"] is True


@pytest.mark.django_db
def test_a_page_that_does_not_answer_200_fails_the_benchmark(branch, desk_staff):
    client = Client()
    client.force_login(desk_staff)
    with pytest.raises(bench_consortium.PageFailed, match="403"):
        bench_consortium.measure_page(client, reverse("complaints:reconsideration_list"), 1)
