"""The card scan's cost pinned, and the summary's one form per action.

The scan reads the card and everything its summary shows in one statement
(PostgreSQL) and writes the access-log entry (with the session, when the
scan changed it) in one more: a test here fails if the scan goes back to a
statement per list. The summary's row actions post to one form per action,
the pressed button naming its row; what they do and refuse is the same as
the per-record URLs'.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from circulation.models import Fee, Hold, Loan
from desk.scan import forms, selectors
from desk.scan import summary as scan_summary
from organisation.roles import Role
from privacy import selectors as privacy_selectors
from privacy.vocabulary import AccessKind
from tests import factories

pytestmark = pytest.mark.django_db

SCAN = "/desk/scan/"
TRANSACTION_CONTROL = re.compile(r"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")


@pytest.fixture
def desk_client(client, desk_staff):
    client.force_login(desk_staff)
    return client


@pytest.fixture
def busy_card(card, branch):
    """A young patron with loans, holds, fees, a guardian and a proxy."""
    patron = card.patron
    patron.date_of_birth = timezone.localdate() - datetime.timedelta(days=365 * 12)
    patron.save(update_fields=["date_of_birth"])
    for n in range(3):
        loan = factories.LoanFactory(
            patron=patron,
            item__title=f"Loan {n}",
            due_at=timezone.now() + datetime.timedelta(days=2 + n),
        )
        factories.FeeFactory(patron=patron, loan=loan, amount=Decimal("1.25"))
    factories.HoldFactory(patron=patron, item__title="Held")
    factories.HoldFactory(patron=patron, item__title="Ready", status=Hold.Status.READY)
    factories.GuardianLinkFactory(patron=patron)
    factories.ProxyAuthorizationFactory(cardholder=patron, may_borrow=True)
    return card


def statements(client, barcode):
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(SCAN, {"barcode": barcode}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]


@pytest.mark.postgres
def test_a_card_scan_reads_its_summary_in_one_statement(desk_client, busy_card):
    """Session, user, permissions, then the card with its loans, holds, fees,
    guardians, proxies and the age of majority, then the access-log entry:
    five statements, whatever the patron holds."""
    desk_client.get(reverse("desk:screen"))
    sqls = statements(desk_client, busy_card.barcode)
    reads = [sql for sql in sqls if "circulation_" in sql or "privacy_jurisdiction" in sql]
    assert len(reads) == 1, reads
    assert all(table in reads[0] for table in ("circulation_loan", "circulation_hold"))
    assert "circulation_fee" in reads[0] and "age_of_majority" in reads[0]
    assert len(sqls) <= 5, sqls
    access = [sql for sql in sqls if "auditlog_logentry" in sql]
    assert len(access) == 1 and sqls.index(access[0]) == len(sqls) - 1


@pytest.mark.postgres
def test_the_scan_count_does_not_grow_with_what_the_patron_holds(desk_client, card, busy_card):
    quiet = factories.CardFactory()
    desk_client.get(reverse("desk:screen"))
    assert len(statements(desk_client, quiet.barcode)) == len(
        statements(desk_client, busy_card.barcode)
    )


def test_scanning_the_same_card_again_writes_no_session(desk_client, busy_card):
    """The session names the patron after the first scan; a second scan of
    the card changes nothing in it, so only the access-log entry is written."""
    desk_client.get(reverse("desk:screen"))
    first = statements(desk_client, busy_card.barcode)
    again = statements(desk_client, busy_card.barcode)
    assert any("django_session" in sql and "UPDATE" in sql for sql in first)
    assert not any("django_session" in sql and "UPDATE" in sql for sql in again)
    assert sum("auditlog_logentry" in sql for sql in again) == 1
    assert desk_client.session["desk_patron_id"] == busy_card.patron_id


def test_every_scan_is_logged_before_the_answer(desk_client, busy_card):
    from auditlog.models import LogEntry

    for _ in range(2):
        desk_client.post(SCAN, {"barcode": busy_card.barcode}, HTTP_HX_REQUEST="true")
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=busy_card.patron_id)
    assert entries.count() == 2
    assert {e.additional_data["record"] for e in entries} == {AccessKind.SCAN.value}


def test_the_scan_s_summary_is_the_separate_reads_summary(desk_staff, busy_card, branch):
    """Row for row what patron_summary shows, and the age of majority of the
    desk's jurisdiction (the disclosure panel's, so it needs no read)."""
    now = timezone.now()
    found = selectors.card_by_barcode(user=desk_staff, barcode=busy_card.barcode)
    separate = selectors.patron_summary(
        user=desk_staff, card=found, threshold=branch.system.fee_block_threshold, now=now
    )
    one = scan_summary.patron_summary_by_barcode(
        user=desk_staff, barcode=busy_card.barcode, branch=branch, now=now
    )
    assert one is not None and one.card is not None
    assert one.card.pk == busy_card.pk and one.patron.pk == busy_card.patron_id
    for name in (
        "loans",
        "holds",
        "fees",
        "fees_total",
        "guardians",
        "proxies",
        "blocks",
        "contact",
        "today",
        "borrowing_proxies",
    ):
        assert getattr(one, name) == getattr(separate, name), name
    assert len(one.loans) == 3 and len(one.holds) == 2 and one.fees_total == Decimal("3.75")
    assert one.age_of_majority == privacy_selectors.age_of_majority(
        jurisdiction_code=branch.jurisdiction_code, on=one.today
    )
    assert type(one.fees[0].amount) is Decimal


def test_the_scan_finds_no_card_of_a_deidentified_patron_or_for_an_administrator(
    desk_staff, administrator, card, branch
):
    read = scan_summary.patron_summary_by_barcode
    assert read(user=administrator, barcode=card.barcode, branch=branch) is None
    assert read(user=desk_staff, barcode="20000000000000", branch=branch) is None
    card.patron.deidentified_at = timezone.now()
    card.patron.save(update_fields=["deidentified_at"])
    assert read(user=desk_staff, barcode=card.barcode, branch=branch) is None


def test_a_volunteer_s_scan_reads_no_contact_details(volunteer, card, branch):
    summary = scan_summary.patron_summary_by_barcode(
        user=volunteer, barcode=card.barcode, branch=branch
    )
    assert summary is not None and summary.contact is None
    assert set(selectors.CONTACT_FIELDS) <= summary.patron.get_deferred_fields()


def test_the_summary_has_one_form_per_action_and_buttons_that_name_their_rows(
    client, make_staff, busy_card
):
    client.force_login(make_staff(Role.SUPERVISOR, username="t-sup"))
    html = client.post(
        SCAN, {"barcode": busy_card.barcode}, HTTP_HX_REQUEST="true"
    ).content.decode()
    loans = Loan.objects.filter(patron=busy_card.patron).order_by("pk")
    fees = Fee.objects.filter(patron=busy_card.patron)
    holds = Hold.objects.filter(patron=busy_card.patron, status=Hold.Status.WAITING)
    for form_id, url in (
        ("desk-renew", "desk:renew_chosen"),
        ("desk-lost", "desk:loan_lost_chosen"),
        ("desk-hold-cancel", "desk:hold_cancel_chosen"),
        ("desk-fee-pay", "desk:fee_pay_chosen"),
    ):
        assert html.count(f'id="{form_id}"') == 1
        assert f'id="{form_id}" method="post" action="{reverse(url)}"' in html
    for loan in loans:
        assert f'form="desk-renew" name="loan" value="{loan.pk}"' in html
        assert f'aria-label="Renew {escape(loan.item.title)}"' in html
        assert f'form="desk-lost" name="loan" value="{loan.pk}"' in html
    for fee in fees:
        assert f'form="desk-fee-pay" name="fee" value="{fee.pk}"' in html
        assert f'<input type="hidden" name="fee" value="{fee.pk}">' in html  # its waive form
    assert f'form="desk-hold-cancel" name="hold" value="{holds.get().pk}"' in html
    # Per-record URLs are not built per row any more.
    assert reverse("desk:renew", args=[loans[0].pk]) not in html
    # One masked token for the page, the same in every form of the summary.
    own = re.findall(
        r'<form (?:id="desk-[a-z-]+" )?method="post" action="/desk/[^"]*"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )
    assert len(own) == 4 + 1 + 1 + len(fees)  # row actions, next, hold, each waive
    assert len(set(own)) == 1


def test_a_row_button_renews_pays_and_cancels_what_it_names(desk_client, busy_card):
    loan = Loan.objects.filter(patron=busy_card.patron).first()
    fee = Fee.objects.filter(patron=busy_card.patron).first()
    hold = Hold.objects.filter(patron=busy_card.patron, status=Hold.Status.WAITING).get()
    desk_client.post(SCAN, {"barcode": busy_card.barcode})

    renewed = desk_client.post(reverse("desk:renew_chosen"), {"loan": str(loan.pk)})
    assert renewed.status_code == 200 and "Renewed: Loan" in renewed.content.decode()
    assert Loan.objects.get(pk=loan.pk).renewals == 1

    paid = desk_client.post(reverse("desk:fee_pay_chosen"), {"fee": str(fee.pk)})
    assert paid.status_code == 200 and "Payment of $1.25 recorded." in paid.content.decode()
    assert Fee.objects.get(pk=fee.pk).status == Fee.Status.PAID

    cancelled = desk_client.post(reverse("desk:hold_cancel_chosen"), {"hold": str(hold.pk)})
    assert cancelled.status_code == 200 and "Hold cancelled: Held." in cancelled.content.decode()
    assert Hold.objects.get(pk=hold.pk).status == Hold.Status.CANCELLED


def test_a_supervisor_waives_the_fee_its_form_names(client, make_staff, busy_card):
    client.force_login(make_staff(Role.SUPERVISOR, username="t-sup"))
    fee = Fee.objects.filter(patron=busy_card.patron).first()
    missing = client.post(reverse("desk:fee_waive_chosen"), {"fee": str(fee.pk)})
    assert missing.status_code == 400
    waived = client.post(
        reverse("desk:fee_waive_chosen"), {"fee": str(fee.pk), "reason": "Hardship"}
    )
    assert waived.status_code == 200
    assert Fee.objects.get(pk=fee.pk).status == Fee.Status.WAIVED


@pytest.mark.parametrize("value", [None, "", "x", "0", "-3", "1.5", "9" * 30, "1\x00"])
@pytest.mark.parametrize(
    "name, field",
    [
        ("desk:renew_chosen", "loan"),
        ("desk:loan_lost_chosen", "loan"),
        ("desk:hold_cancel_chosen", "hold"),
        ("desk:fee_pay_chosen", "fee"),
    ],
)
def test_a_post_that_names_no_row_is_refused_and_changes_nothing(
    desk_client, busy_card, name, field, value
):
    desk_client.post(SCAN, {"barcode": busy_card.barcode})
    before = (
        list(Loan.objects.values_list("pk", "renewals", "returned_at").order_by("pk")),
        list(Fee.objects.values_list("pk", "status").order_by("pk")),
        list(Hold.objects.values_list("pk", "status").order_by("pk")),
    )
    response = desk_client.post(reverse(name), {} if value is None else {field: value})
    assert response.status_code == 400
    assert escape(forms.NO_ROW) in response.content.decode()
    assert before == (
        list(Loan.objects.values_list("pk", "renewals", "returned_at").order_by("pk")),
        list(Fee.objects.values_list("pk", "status").order_by("pk")),
        list(Hold.objects.values_list("pk", "status").order_by("pk")),
    )


def test_a_row_button_for_a_record_out_of_reach_is_not_found(client, make_staff, other_branch):
    """A button naming another branch's patron's loan (a forged post) gets
    what the per-record URL gives: not found, nothing renewed."""
    client.force_login(make_staff(Role.DESK_STAFF, username="t-desk-2"))
    outside = factories.LoanFactory(
        patron=factories.PatronFactory(home_branch=other_branch), item__home_branch=other_branch
    )
    by_url = client.post(reverse("desk:renew", args=[outside.pk]))
    by_button = client.post(reverse("desk:renew_chosen"), {"loan": str(outside.pk)})
    assert by_button.status_code == by_url.status_code
    assert Loan.objects.get(pk=outside.pk).renewals == 0


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_the_live_panel_read_in_one_statement_is_the_policies_querysets(
    desk_staff, branch, other_branch, make_staff
):
    """The panel drawn after every desk write: the same entries, in the same
    order and with every field as the ORM loads them, in one statement on
    PostgreSQL."""
    from desk import services as work_services
    from desk.models import Callback, WaitingEntry
    from desk.work import selectors as work_selectors

    now = timezone.now().replace(microsecond=123456)
    for n, in_person in enumerate([False, True, False, True]):
        work_services.waiting_add(
            acting_user=desk_staff,
            branch=branch,
            desk=None,
            name=f"Ticket {n}",
            reason="Printing" if n else "",
            in_person=in_person,
            now=now - datetime.timedelta(minutes=n),
        )
    called = WaitingEntry.objects.first()
    called.status, called.called_at = WaitingEntry.Status.CALLED, now
    called.save(update_fields=["status", "called_at"])
    for n in range(3):
        work_services.callback_create(
            acting_user=desk_staff,
            branch=branch,
            desk=None,
            name=f"Caller {n}",
            phone="555-0101",
            promised_at=now + datetime.timedelta(hours=n - 1),
            now=now - datetime.timedelta(hours=3),
        )
    elsewhere = make_staff(Role.DESK_STAFF, at=other_branch, username="t-elsewhere")
    work_services.waiting_add(acting_user=elsewhere, branch=other_branch, desk=None, name="Other")

    with CaptureQueriesContext(connection) as ctx:
        entries, callbacks = work_selectors._panel_rows(desk_staff)
    if connection.vendor == "postgresql":
        assert len(ctx.captured_queries) == 1
    expected_entries = list(work_selectors.waiting_now(user=desk_staff))
    expected_callbacks = list(work_selectors.open_callbacks(user=desk_staff))
    assert len(entries) == 3 and len(callbacks) == 3
    assert [_fields(e) for e in entries] == [_fields(e) for e in expected_entries]
    assert [_fields(c) for c in callbacks] == [_fields(c) for c in expected_callbacks]
    assert all(e._state.adding is False for e in entries)
    assert isinstance(callbacks[0], Callback) and callbacks[0].promised_at.tzinfo is not None
    panel = work_selectors.work_panel(user=desk_staff, now=now)
    assert [row.callback.name for row in panel.overdue] == ["Caller 0"]
    assert panel.open_callbacks == 3


@pytest.mark.postgres
@pytest.mark.parametrize("kind", ["inquiry", "tally"])
def test_recording_an_inquiry_or_a_tally_takes_only_the_statements_it_needs(
    client, desk_staff, kind
):
    """Session, user, permissions, the form's type, the INSERT (no
    transaction around one statement), the live panel in one read, and for
    a tally the day's count."""
    from desk.models import Inquiry, InquiryType

    client.force_login(desk_staff)
    client.get(reverse("desk:screen"))
    if kind == "tally":
        url = reverse("desk:tally")
        data = {"inquiry_type": InquiryType.objects.exclude(tally_key="").first().pk}
    else:
        url = reverse("desk:inquiries")
        data = {
            "inq-channel": "phone",
            "inq-inquiry_type": InquiryType.objects.filter(tally_key="").first().pk,
            "inq-read_level": 2,
            "inq-minutes": 3,
            "inq-question": "Where are the tax forms?",
        }
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Inquiry.objects.filter(is_tally=kind == "tally").count() == 1
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not any(TRANSACTION_CONTROL.match(sql) for sql in sqls), sqls
    assert len(sqls) <= (7 if kind == "tally" else 6), sqls


def test_a_scan_that_changes_the_session_answers_with_its_cookie(desk_client, busy_card):
    """The session is saved with the access-log entry, before the answer
    renders; the answer still carries the refreshed session cookie and
    varies on it, as SessionMiddleware would have set them."""
    from django.conf import settings

    desk_client.get(reverse("desk:screen"))
    response = desk_client.post(SCAN, {"barcode": busy_card.barcode}, HTTP_HX_REQUEST="true")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value == desk_client.session.session_key
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert "Cookie" in response["Vary"]
    assert desk_client.session["desk_patron_id"] == busy_card.patron_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_the_access_entry_is_committed_when_the_answer_leaves(desk_client, busy_card):
    """Sent before the answer renders, waited for before it leaves: once
    the answer is back, another connection sees the entry and nothing is
    left in flight on this one."""
    import psycopg
    from auditlog.models import LogEntry

    desk_client.get(reverse("desk:screen"))
    response = desk_client.post(SCAN, {"barcode": busy_card.barcode}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert connection.execute_wrappers == []
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as other:
        (count,) = other.execute(
            f"SELECT count(*) FROM {LogEntry._meta.db_table} WHERE object_id = %s AND action = %s",
            [busy_card.patron_id, LogEntry.Action.ACCESS],
        ).fetchone()
    assert count == 1


def test_the_desk_s_patron_urls_are_the_reversed_ones(busy_card):
    from django.urls import set_script_prefix

    from desk.scan import views

    for prefix in ("/", "/library/"):
        set_script_prefix(prefix)
        try:
            urls = views._patron_urls(busy_card.patron_id)
            assert urls == {
                key: reverse(name, args=[busy_card.patron_id])
                for key, name in views._PATRON_URLS.items()
            }
            assert urls["desk"].startswith(prefix)
        finally:
            set_script_prefix("/")


@pytest.mark.parametrize(
    "data",
    [
        {"barcode": "20000100697842"},
        {"barcode": " 3000-0100 0000 04 ", "proxy": "7", "checkin": "on"},
        {"barcode": ""},
        {},
        {"barcode": "2000010069784x"},
        {"barcode": "1" * 41},
        {"barcode": "12345"},
        {"barcode": "20000100697843"},
        {"barcode": "20000100697842", "proxy": "0"},
        {"barcode": "20000100697842", "proxy": "seven"},
        {"barcode": "99", "proxy": "seven"},
        {"barcode": "20000100697842", "checkin": "false"},
    ],
)
def test_the_scan_is_read_as_the_scan_form_reads_it(data):
    """forms.scan_posted (no form instance per scan) cleans and refuses
    exactly as ScanForm and first_error do."""
    from django.http import QueryDict

    posted = QueryDict(mutable=True)
    for name, value in data.items():
        posted[name] = value
    form = forms.ScanForm(posted)
    read = forms.scan_posted(posted)
    if form.is_valid():
        assert read == forms.Scan(**form.cleaned_data)
        assert read.kind == form.kind
    else:
        assert read == forms.first_error(form)


def test_the_desk_s_static_file_urls_follow_the_settings(busy_card, settings):
    from django.templatetags.static import static

    from desk.scan import views

    assert views._desk_urls()["privacy_js"] == static("js/privacy.js")
    settings.STATIC_URL = "/elsewhere/"
    assert views._desk_urls()["privacy_js"] == static("js/privacy.js")
    assert views._desk_urls()["privacy_js"].startswith("/elsewhere/")
