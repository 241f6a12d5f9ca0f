"""Loan history behind a stated purpose, the cardholder's access report,
and a minor's own choice to share with a guardian."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from organisation.roles import Role
from patrons.models import Patron
from privacy import policies, services
from privacy.models import DisclosureLog
from privacy.vocabulary import record_types
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR, Role.ADMINISTRATOR]
STAFF_ROLES = {Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR}


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=40)


def access_entries(patron):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Patron),
        object_id=patron.pk,
        action=LogEntry.Action.ACCESS,
    )


@pytest.fixture
def reader(branch):
    """An adult who opted in to keep a loan history, with one past loan."""
    patron = factories.PatronFactory(home_branch=branch, keeps_loan_history=True)
    factories.CardFactory(patron=patron)
    factories.LoanFactory(patron=patron, item__title="Middlemarch", returned_at=timezone.now())
    return patron


class TestPolicies:
    @pytest.mark.parametrize("role", ROLES)
    def test_who_runs_the_disclosure_flow(self, make_staff, role):
        user = make_staff(role, username=f"p-{role}")
        assert policies.can_run_disclosure(user) is (role in STAFF_ROLES)

    @pytest.mark.parametrize("role", ROLES)
    def test_who_opens_loan_history(self, make_staff, role):
        """Volunteers never see history (nor do administrators)."""
        user = make_staff(role, username=f"h-{role}")
        assert policies.can_view_loan_history(user) is (role in STAFF_ROLES)

    @pytest.mark.parametrize("role", ROLES)
    def test_who_edits_rules(self, make_staff, role):
        user = make_staff(role, username=f"e-{role}")
        assert policies.can_edit_rules(user) is (role == Role.ADMINISTRATOR)

    def test_anonymous_may_do_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        anon = AnonymousUser()
        assert not policies.can_run_disclosure(anon)
        assert not policies.can_view_loan_history(anon)
        assert not policies.can_edit_rules(anon)


class TestLoanHistory:
    def url(self, patron):
        return reverse("privacy:loan_history", args=[patron.pk])

    def test_staff_must_state_a_purpose_before_seeing_history(self, client, desk_staff, reader):
        client.force_login(desk_staff)
        response = client.get(self.url(reader))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Why are you opening this loan history?" in html
        assert "Middlemarch" not in html
        assert not access_entries(reader).exists()

    def test_an_empty_purpose_is_refused_and_nothing_is_shown(self, client, desk_staff, reader):
        client.force_login(desk_staff)
        response = client.post(self.url(reader), {"purpose": "  "})
        assert response.status_code == 400
        assert "Middlemarch" not in response.content.decode()
        assert not access_entries(reader).exists()

    def test_opening_history_is_logged_with_the_purpose(self, client, desk_staff, reader):
        client.force_login(desk_staff)
        response = client.post(self.url(reader), {"purpose": "Patron asked what they read"})
        assert response.status_code == 200
        assert "Middlemarch" in response.content.decode()
        entry = access_entries(reader).get()
        assert entry.actor == desk_staff
        assert entry.additional_data == {
            "record": "loan_history",
            "purpose": "Patron asked what they read",
        }

    def test_no_history_for_a_patron_who_did_not_opt_in(self, client, desk_staff, patron):
        factories.LoanFactory(patron=patron, item__title="Secret", returned_at=timezone.now())
        client.force_login(desk_staff)
        response = client.post(self.url(patron), {"purpose": "curious"})
        html = response.content.decode()
        assert "has not asked the library to keep a loan history" in html
        assert "Secret" not in html
        assert not access_entries(patron).exists()

    @pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.ADMINISTRATOR])
    def test_volunteers_and_administrators_never_see_history(
        self, client, make_staff, reader, role
    ):
        user = make_staff(role, username=f"v-{role}")
        client.force_login(user)
        response = client.post(self.url(reader), {"purpose": "helping"})
        assert response.status_code == 404
        assert "Middlemarch" not in response.content.decode()
        with pytest.raises(services.PrivacyError, match="may not open loan history"):
            services.loan_history_access(patron=reader, purpose="helping", acting_user=user)
        assert not access_entries(reader).exists()

    def test_the_history_page_has_a_fixed_query_count(
        self, client, desk_staff, reader, django_assert_max_num_queries
    ):
        for _ in range(5):
            factories.LoanFactory(patron=reader, returned_at=timezone.now())
        client.force_login(desk_staff)
        with django_assert_max_num_queries(16):
            response = client.post(self.url(reader), {"purpose": "checking a dispute"})
        assert response.status_code == 200


class TestAccessReport:
    def url(self, patron):
        return reverse("privacy:access_report", args=[patron.pk])

    def test_the_cardholder_sees_who_accessed_and_why(self, client, desk_staff, reader):
        services.loan_history_access(
            patron=reader, purpose="Patron asked what they read", acting_user=desk_staff
        )
        client.force_login(desk_staff)
        client.post(reverse("privacy:disclose"), {"patron": reader.pk, "ask": "third_party:none"})
        response = client.get(self.url(reader))
        assert response.status_code == 200
        html = response.content.decode()
        assert desk_staff.staff_profile.display_name in html
        assert "Patron asked what they read" in html
        assert "Opened the loan history" in html
        assert "Disclosure check: Another person" in html
        assert timezone.localdate().strftime("%Y") in html

    def test_law_enforcement_checks_stay_out_of_the_patrons_report(
        self, client, desk_staff, reader
    ):
        """Whether a patron learns of a legal request is the Director's call."""
        client.force_login(desk_staff)
        client.post(
            reverse("privacy:disclose"), {"patron": reader.pk, "ask": "law_enforcement:none"}
        )
        html = client.get(self.url(reader)).content.decode()
        assert "Law enforcement" not in html
        assert "No accesses are on record" in html

    def test_the_report_has_a_fixed_query_count(
        self, client, desk_staff, reader, django_assert_max_num_queries
    ):
        for n in range(5):
            services.loan_history_access(
                patron=reader, purpose=f"reason {n}", acting_user=desk_staff
            )
            DisclosureLog.objects.create(
                patron=reader,
                staff=desk_staff,
                requester="cardholder",
                proof="card",
                jurisdiction_code="US-NY",
                decisions=[],
            )
        client.force_login(desk_staff)
        with django_assert_max_num_queries(14):
            response = client.get(self.url(reader))
        assert response.content.decode().count("reason ") == 5

    @pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.ADMINISTRATOR])
    def test_volunteers_and_administrators_cannot_open_it(self, client, make_staff, reader, role):
        client.force_login(make_staff(role, username=f"a-{role}"))
        assert client.get(self.url(reader)).status_code == 404


class TestGuardianSharing:
    @pytest.fixture
    def minor(self, branch):
        patron = factories.PatronFactory(
            home_branch=branch, date_of_birth=years_ago(13), category="juvenile"
        )
        factories.CardFactory(patron=patron)
        factories.GuardianLinkFactory(patron=patron)
        factories.LoanFactory(patron=patron, item__title="Hatchet")
        return patron

    def test_the_childs_choice_is_recorded_with_an_audit_entry(self, client, desk_staff, minor):
        client.force_login(desk_staff)
        response = client.post(
            reverse("privacy:guardian_sharing"),
            {"patron": minor.pk, "shares": "1"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        minor.refresh_from_db()
        assert minor.shares_with_guardian
        entry = LogEntry.objects.get_for_object(minor).filter(action=LogEntry.Action.UPDATE).get()
        assert entry.actor == desk_staff
        assert "shares_with_guardian" in entry.changes_dict

    def test_an_adults_choice_is_not_recorded(self, desk_staff, patron):
        with pytest.raises(services.PrivacyError, match="minor"):
            services.patron_set_guardian_sharing(patron=patron, shares=True, acting_user=desk_staff)
        patron.refresh_from_db()
        assert not patron.shares_with_guardian

    def test_a_volunteer_cannot_record_it(self, client, volunteer, minor):
        client.force_login(volunteer)
        response = client.post(
            reverse("privacy:guardian_sharing"), {"patron": minor.pk, "shares": "1"}
        )
        assert response.status_code == 403
        minor.refresh_from_db()
        assert not minor.shares_with_guardian

    def test_sharing_is_honoured_where_parents_otherwise_may_not_know(
        self, client, make_staff, other_branch, minor
    ):
        """In Massachusetts a parent is refused, until the child chooses to
        share; then every record type may be told."""
        client.force_login(make_staff(Role.DESK_STAFF, at=other_branch, username="ma"))
        html = client.post(
            reverse("privacy:disclose"),
            {"patron": minor.pk, "ask": "guardian:card"},
            HTTP_HX_REQUEST="true",
        ).content.decode()
        assert "Hatchet" not in html
        services.patron_set_guardian_sharing(
            patron=minor, shares=True, acting_user=make_staff(Role.DESK_STAFF, username="x")
        )
        html = client.post(
            reverse("privacy:disclose"),
            {"patron": minor.pk, "ask": "guardian:card"},
            HTTP_HX_REQUEST="true",
        ).content.decode()
        assert "Hatchet" in html
        assert DisclosureLog.objects.order_by("-pk").first().rule_ids == [
            "guardian.minor_shared"
        ] * len(record_types())

    def test_sharing_ends_when_the_child_comes_of_age(self, client, desk_staff, minor):
        minor.shares_with_guardian = True
        minor.date_of_birth = years_ago(18)
        minor.save()
        client.force_login(desk_staff)
        html = client.post(
            reverse("privacy:disclose"),
            {"patron": minor.pk, "ask": "guardian:card"},
            HTTP_HX_REQUEST="true",
        ).content.decode()
        assert "Hatchet" not in html
