"""The desk's writes take only the statements they need (issue 28), and
what was cut leaves the answers as they were: the offered-entry check by
one fixed statement accepts exactly what the branch's lists offer, and a
tally's count, read by its INSERT, is the branch's day's."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk import services
from desk.models import Callback, Inquiry, InquiryType, ReferralTarget, WaitingEntry
from desk.work import forms as work_forms

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")
NEW_YORK = ZoneInfo("America/New_York")


def _post(kind):
    if kind == "inquiry":
        return reverse("desk:inquiries"), {
            "inq-channel": "phone",
            "inq-inquiry_type": InquiryType.objects.filter(tally_key="").first().pk,
            "inq-read_level": 2,
            "inq-minutes": 3,
            "inq-question": "Where are the tax forms?",
        }
    if kind == "tally":
        return reverse("desk:tally"), {
            "inquiry_type": InquiryType.objects.exclude(tally_key="").first().pk
        }
    if kind == "callback":
        return reverse("desk:callbacks"), {
            "cb-name": "Ana",
            "cb-phone": "555 0100",
            "cb-channel": "phone",
            "cb-promised_at": "",
        }
    return reverse("desk:waiting"), {"wait-name": "Ana", "wait-in_person": "1"}


# Session, user (with profile and branch), permissions, then the write's
# own: the form's type and the INSERT (a tally's INSERT also counts the
# day); the callback's calendar (opening hours, closures) and INSERT; the
# waiting list's INSERT; and the live panel in one read.
STATEMENTS = {"inquiry": 6, "tally": 6, "callback": 7, "waiting": 5}
WRITTEN = {"inquiry": Inquiry, "tally": Inquiry, "callback": Callback, "waiting": WaitingEntry}


@pytest.mark.postgres
@pytest.mark.parametrize("kind", sorted(STATEMENTS))
def test_a_desk_write_takes_only_the_statements_it_needs(client, desk_staff, kind):
    client.force_login(desk_staff)
    client.get(reverse("desk:screen"))
    url, data = _post(kind)
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert WRITTEN[kind].objects.count() == 1
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not any(TRANSACTION_CONTROL.match(sql) for sql in sqls), sqls
    assert sum("INSERT INTO" in sql for sql in sqls) == 1, sqls
    assert len(sqls) == STATEMENTS[kind], sqls


@pytest.fixture
def lists(branch, other_branch):
    """Entries every branch offers (the migration's), plus this branch's,
    another branch's and retired ones, tally buttons and not."""
    InquiryType.objects.create(label="Local history", branch=branch)
    InquiryType.objects.create(label="Harbour tides", branch=other_branch)
    InquiryType.objects.create(label="Fax", branch=None, active=False)
    InquiryType.objects.create(label="Stapler", branch=branch, tally_key="8")
    InquiryType.objects.create(label="Lockers", branch=other_branch, tally_key="9")
    ReferralTarget.objects.create(label="Archive", branch=branch)
    ReferralTarget.objects.create(label="Their archive", branch=other_branch)
    ReferralTarget.objects.create(label="Old agency", branch=None, active=False)


def test_a_posted_entry_is_accepted_exactly_when_the_branch_offers_it(branch, lists):
    offered_types = set(work_forms.offered(InquiryType, branch).filter(tally_key=""))
    tally_types = set(work_forms.tally_types(branch))
    offered_targets = set(work_forms.offered(ReferralTarget, branch))
    assert offered_types and tally_types and offered_targets
    for entry in InquiryType.objects.all():
        form = work_forms.InquiryForm(
            {"inq-inquiry_type": entry.pk, "inq-channel": "phone", "inq-read_level": 1},
            branch=branch,
            prefix="inq",
        )
        assert form.is_valid() is (entry in offered_types), entry.label
        if entry in offered_types:
            chosen = form.cleaned_data["inquiry_type"]
            assert (chosen.pk, chosen.label, chosen.branch_id) == (
                entry.pk,
                entry.label,
                entry.branch_id,
            )
        tally = work_forms.TallyForm({"inquiry_type": entry.pk}, branch=branch)
        assert tally.is_valid() is (entry in tally_types), entry.label
    default_type = next(iter(offered_types)).pk
    for target in ReferralTarget.objects.all():
        form = work_forms.InquiryForm(
            {
                "inq-inquiry_type": default_type,
                "inq-channel": "phone",
                "inq-read_level": 1,
                "inq-referred_to": target.pk,
            },
            branch=branch,
            prefix="inq",
        )
        assert form.is_valid() is (target in offered_targets), target.label


@pytest.mark.parametrize("value", ["x", "1.5", "-3", "0", "99999999999999999999999", "7\x00"])
def test_a_key_that_is_no_entry_is_refused_as_not_offered(client, desk_staff, value):
    client.force_login(desk_staff)
    for url, data in (
        (reverse("desk:inquiries"), {**_post("inquiry")[1], "inq-inquiry_type": value}),
        (reverse("desk:inquiries"), {**_post("inquiry")[1], "inq-referred_to": value}),
        (reverse("desk:tally"), {"inquiry_type": value}),
    ):
        response = client.post(url, data, **HTMX)
        assert response.status_code == 400, (url, data)
    assert not Inquiry.objects.exists()


def test_the_form_draws_the_offered_entries_in_the_lists_order(branch, lists):
    form = work_forms.InquiryForm(branch=branch, prefix="inq")
    drawn = [label for _, label in form.fields["inquiry_type"].choices]
    assert drawn == [str(t) for t in work_forms.offered(InquiryType, branch).filter(tally_key="")]
    targets = [label for _, label in form.fields["referred_to"].choices]
    assert targets == ["Not referred", *map(str, work_forms.offered(ReferralTarget, branch))]
    # Each form reads its own branch's lists, not the class's or another's.
    html = str(work_forms.InquiryForm(branch=branch, prefix="inq")["inquiry_type"])
    assert "Local history" in html and "Harbour tides" not in html


def _at(local):
    return datetime.datetime.fromisoformat(local).replace(tzinfo=NEW_YORK)


@pytest.mark.parametrize("local", ["2026-12-05 23:59", "2026-12-06 00:00", "2026-03-08 23:30"])
def test_a_tallys_count_is_of_its_type_at_its_branch_on_the_branchs_day(
    client, volunteer, branch, other_branch, time_machine, local
):
    """The count the desk is shown: the branch's day in its own zone (a
    late-evening tally in New York is already tomorrow in UTC), this type
    only, this branch only, the new tally included."""
    printer = InquiryType.objects.get(branch=None, tally_key="2")
    directions = InquiryType.objects.get(branch=None, tally_key="1")
    moment = _at(local)

    def tally(inquiry_type, at, where=branch):
        services.tally_add(
            acting_user=volunteer, branch=where, desk=None, inquiry_type=inquiry_type, now=at
        )

    tally(printer, moment - datetime.timedelta(minutes=20))  # same day, counted
    tally(directions, moment - datetime.timedelta(minutes=10))  # another type
    tally(printer, _at(local[:10] + " 00:00") - datetime.timedelta(minutes=1))  # the day before
    tally(printer, moment - datetime.timedelta(minutes=5), where=other_branch)
    time_machine.move_to(moment, tick=False)
    _entry, count = services.tally_count(
        acting_user=volunteer, branch=branch, desk=None, inquiry_type=printer
    )
    expected = 1 if local.endswith("00:00") else 2
    assert count == expected
    client.force_login(volunteer)
    response = client.post(reverse("desk:tally"), {"inquiry_type": printer.pk}, **HTMX)
    assert f"today at this branch: {expected + 1})" in response.content.decode()
