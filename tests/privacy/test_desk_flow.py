"""The desk "who is asking?" flow: decisions by the desk's jurisdiction,
only what may be told on screen, every check logged."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from circulation.models import Item
from organisation.roles import Role
from privacy.models import DisclosureLog
from privacy.vocabulary import record_types
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def years_ago(years: int, days: int = 40) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def minor(branch):
    patron = factories.PatronFactory(
        home_branch=branch,
        date_of_birth=years_ago(12),
        category="juvenile",
        first_name="Ottoline",
        last_name="Brackenridge",
    )
    factories.CardFactory(patron=patron)
    factories.GuardianLinkFactory(patron=patron)
    factories.LoanFactory(patron=patron, item__title="A Wrinkle in Time")
    factories.HoldFactory(patron=patron, item__title="The Hobbit")
    return patron


def ask(client, patron, value=None, **fields):
    data = {"patron": patron.pk, **fields}
    if value:
        data["ask"] = value
    return client.post(reverse("privacy:disclose"), data, **HTMX)


class TestWhoDecides:
    def test_a_parent_in_new_york_is_shown_current_loans_with_the_citation(
        self, client, desk_staff, minor
    ):
        client.force_login(desk_staff)
        response = ask(client, minor, "guardian:card")
        html = response.content.decode()
        assert response.status_code == 200
        assert "A Wrinkle in Time" in html
        assert "The Hobbit" in html
        assert "CPLR 4509" in html
        assert "May be told" in html

    def test_the_same_question_at_a_massachusetts_desk_is_refused(
        self, client, make_staff, other_branch, minor
    ):
        """The rules of the branch where the desk is decide, not the
        patron's home branch."""
        client.force_login(make_staff(Role.DESK_STAFF, at=other_branch, username="ma-desk"))
        response = ask(client, minor, "guardian:card")
        html = response.content.decode()
        assert response.status_code == 200
        assert "A Wrinkle in Time" not in html
        assert "The Hobbit" not in html
        assert "G.L. c.78 §7" in html
        assert "Offer instead" in html

    def test_staff_without_a_branch_fall_back_to_the_patrons_home_branch(
        self, client, make_staff, minor
    ):
        user = make_staff(Role.DESK_STAFF, username="no-branch")
        user.staff_profile.branch = None
        user.staff_profile.save()
        client.force_login(user)
        ask(client, minor, "guardian:card")
        assert DisclosureLog.objects.get().jurisdiction_code == "US-NY"

    def test_parent_access_ends_by_itself_at_the_age_limit(self, client, desk_staff, minor):
        minor.date_of_birth = years_ago(18, days=1)
        minor.save()
        client.force_login(desk_staff)
        html = ask(client, minor, "guardian:card").content.decode()
        assert "A Wrinkle in Time" not in html
        log = DisclosureLog.objects.get()
        assert set(log.outcomes) == {"deny"}
        assert set(log.rule_ids) == {"guardian.adult_patron"}


class TestWhatIsShown:
    def test_the_cardholder_with_a_card_hears_every_record(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        html = ask(client, minor, "cardholder:card").content.decode()
        assert "A Wrinkle in Time" in html
        assert "Do not tell" not in html

    def test_a_cardholder_without_proof_is_told_nothing(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        html = ask(client, minor, requester="cardholder", proof="none").content.decode()
        assert "A Wrinkle in Time" not in html
        assert "Ask the cardholder to come in with" in html

    def test_a_proxy_is_told_nothing_but_may_still_borrow(self, client, desk_staff, minor):
        factories.ProxyAuthorizationFactory(cardholder=minor)
        client.force_login(desk_staff)
        html = ask(client, minor, "proxy:card").content.decode()
        assert "A Wrinkle in Time" not in html
        assert "Tell them nothing from the record" in html
        assert "check out items on the card" in html
        assert "with a borrowing authorization on file" in html

    def test_the_proxy_answer_says_when_no_authorization_is_on_file(
        self, client, desk_staff, minor
    ):
        factories.ProxyAuthorizationFactory(
            cardholder=minor, expires_on=timezone.localdate() - datetime.timedelta(days=1)
        )
        client.force_login(desk_staff)
        html = ask(client, minor, "proxy:card").content.decode()
        assert "with no authorization on file" in html
        assert "with authorization" not in html.split("disclosure-answer-h")[1].split("</h4>")[0]
        assert "No one is authorized to borrow on this card" in html
        assert "Tell them nothing from the record" in html

    def test_law_enforcement_gets_the_script_and_nothing_from_the_record(
        self, client, desk_staff, director, minor
    ):
        client.force_login(desk_staff)
        html = ask(client, minor, "law_enforcement:none").content.decode()
        assert "I can't share library records" in html
        assert director.staff_profile.display_name in html
        assert "A Wrinkle in Time" not in html
        assert minor.first_name not in html
        assert "Log the request and refer to the Director" in html

    def test_an_officer_with_a_subpoena_is_referred(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        response = ask(client, minor, requester="law_enforcement", instrument="subpoena")
        assert response.status_code == 200
        assert set(DisclosureLog.objects.get().outcomes) == {"refer"}

    def test_a_plain_post_gets_a_whole_page(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        response = client.post(
            reverse("privacy:disclose"), {"patron": minor.pk, "ask": "guardian:card"}
        )
        assert response.status_code == 200
        assert "<html" in response.content.decode()

    @pytest.mark.parametrize(
        "data",
        [
            {"ask": "mayor:card"},
            {"ask": "guardian:passport"},
            {"requester": ""},
            {"requester": "guardian", "instrument": "letter"},
        ],
    )
    def test_bad_input_is_a_400_and_logs_nothing(self, client, desk_staff, minor, data):
        client.force_login(desk_staff)
        response = client.post(reverse("privacy:disclose"), {"patron": minor.pk, **data}, **HTMX)
        assert response.status_code == 400
        assert not DisclosureLog.objects.exists()

    def test_an_unknown_patron_is_a_404(self, client, desk_staff):
        client.force_login(desk_staff)
        response = client.post(
            reverse("privacy:disclose"), {"patron": 999999, "ask": "cardholder:card"}, **HTMX
        )
        assert response.status_code == 404

    def test_a_branch_with_no_rule_set_says_so(self, client, make_staff, minor):
        far = factories.BranchFactory(code="far", jurisdiction_code="US-ZZ")
        client.force_login(make_staff(Role.DESK_STAFF, at=far, username="far-desk"))
        response = ask(client, minor, "cardholder:card")
        assert response.status_code == 409
        assert "No rule set for jurisdiction" in response.content.decode()
        assert not DisclosureLog.objects.exists()


class TestLog:
    def test_each_check_is_logged_with_who_what_and_the_rules(
        self, client, desk_staff, branch, minor
    ):
        client.force_login(desk_staff)
        ask(client, minor, "guardian:card")
        log = DisclosureLog.objects.get()
        assert log.patron == minor
        assert log.staff == desk_staff
        assert log.branch == branch
        assert (log.requester, log.proof, log.instrument) == ("guardian", "card", "none")
        assert log.jurisdiction_code == "US-NY"
        assert log.record_types == list(record_types())
        by_record = dict(zip(log.record_types, log.outcomes, strict=True))
        assert by_record["current_loans"] == "allow"
        assert by_record["loan_history"] == "deny"
        assert "guardian.parent_access" in log.rule_ids
        assert "guardian.scope" in log.rule_ids
        assert str(log) == f"Disclosure log #{log.pk}"


class TestWhoMayRunIt:
    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (Role.VOLUNTEER, False),
            (Role.DESK_STAFF, True),
            (Role.SUPERVISOR, True),
            (Role.DIRECTOR, True),
            (Role.ADMINISTRATOR, False),
        ],
    )
    def test_run_disclosure_by_role(self, client, make_staff, minor, role, allowed):
        client.force_login(make_staff(role, username=f"r-{role}"))
        response = ask(client, minor, "cardholder:card")
        assert (response.status_code == 200) is allowed
        if not allowed:
            assert response.status_code == 403
            assert not DisclosureLog.objects.exists()

    def test_anonymous_users_are_sent_to_log_in(self, client, minor):
        response = ask(client, minor, "cardholder:card")
        assert response.status_code == 302


class TestDeskScreen:
    def scan(self, client, card):
        return client.post(reverse("desk:scan"), {"barcode": card.barcode})

    def test_the_desk_screen_offers_the_one_click_buttons(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        html = self.scan(client, minor.cards.first()).content.decode()
        assert 'value="guardian:card"' in html
        assert 'value="law_enforcement:none"' in html
        assert reverse("privacy:disclose") in html
        assert 'id="disclosure-result"' in html

    def test_volunteers_are_not_offered_the_check(self, client, volunteer, minor):
        client.force_login(volunteer)
        html = self.scan(client, minor.cards.first()).content.decode()
        assert 'value="guardian:card"' not in html
        assert "volunteers do not run the disclosure check" in html

    def test_checking_out_for_a_proxy_still_works(self, client, desk_staff, minor):
        """Checkout on the proxy's authorization is staff work, not a
        disclosure: it keeps working while the proxy is told nothing."""
        proxy = factories.ProxyAuthorizationFactory(cardholder=minor)
        item = factories.ItemFactory(status=Item.Status.AVAILABLE)
        client.force_login(desk_staff)
        self.scan(client, minor.cards.first())
        response = client.post(reverse("desk:scan"), {"barcode": item.barcode, "proxy": proxy.pk})
        assert response.status_code == 200
        item.refresh_from_db()
        assert item.status == Item.Status.ON_LOAN
        assert ask(client, minor, "proxy:card").status_code == 200
        assert DisclosureLog.objects.get().outcomes == ["deny"] * len(record_types())


def test_the_disclosure_answer_has_a_fixed_query_count(
    client, desk_staff, minor, django_assert_max_num_queries
):
    """However many loans and holds the patron has, one answer costs the same."""
    for _ in range(6):
        factories.LoanFactory(patron=minor)
        factories.HoldFactory(patron=minor)
    client.force_login(desk_staff)
    with django_assert_max_num_queries(22) as captured:
        response = ask(client, minor, "cardholder:card")
    assert response.status_code == 200
    few = len(captured)
    for _ in range(6):
        factories.LoanFactory(patron=minor)
    with django_assert_max_num_queries(few) as captured:
        ask(client, minor, "cardholder:card")
