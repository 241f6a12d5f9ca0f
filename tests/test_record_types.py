"""One declaration makes a confidential record type known everywhere: the
desk's disclosure answer, the retention report, a legal request's scope
and the hold that preserves it (DESIGN section 3, the record-type
registry). The type here is a throw-away one, declared by the test and
forgotten after it."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import recordtypes
from legal import records, services
from legal.forms import ScopeForm
from privacy import disclosure
from privacy import services as privacy_services
from privacy.disclosure import DisclosedLine
from privacy.selectors import access_report
from programs.retention import ProgramSignupHandler
from retention import registry
from retention.models import LegalHold
from retention.vocabulary import Action, Default
from tests import factories
from tests.legal.conftest import open_request

pytestmark = pytest.mark.django_db

KEY = "club_visits"
LABEL = "Reading-club visits"
RETAINED = "club_visit_signups"
VISIT_DAY = datetime.date(2026, 3, 10)
SECRET = "Came to the Tuesday mystery club"
DOOR = "club_door"
DOOR_LABEL = "Opened the reading club's door list"


class ClubVisitHandler(ProgramSignupHandler):
    """Another record type over an existing table, for the report only."""

    record_type = RETAINED
    label = "Reading-club sign-ups"
    default = Default(14, Action.ANONYMIZE)


def club_visits(patron, limit):
    return [DisclosedLine(when=VISIT_DAY, text=f"{SECRET} ({patron.pk})")][:limit]


DECLARATION = recordtypes.Declaration(
    key=KEY,
    label=LABEL,
    disclose=club_visits,
    retention=(ClubVisitHandler,),
    access_kinds=((DOOR, DOOR_LABEL),),
)


@pytest.fixture
def club_visits_declared():
    recordtypes.register(DECLARATION)
    yield DECLARATION
    recordtypes.unregister(KEY)


def test_the_desk_answer_tells_a_declared_type_to_the_cardholder(
    client, desk_staff, patron, club_visits_declared
):
    factories.CardFactory(patron=patron)
    client.force_login(desk_staff)
    html = client.post(
        reverse("privacy:disclose"),
        {"patron": patron.pk, "ask": "cardholder:card"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert LABEL in html
    assert f"{SECRET} ({patron.pk})" in html


def test_the_desk_answer_tells_a_third_party_none_of_it(
    client, desk_staff, patron, club_visits_declared
):
    client.force_login(desk_staff)
    html = client.post(
        reverse("privacy:disclose"),
        {"patron": patron.pk, "ask": "third_party:none"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert LABEL in html
    assert SECRET not in html


def test_the_access_report_names_its_declared_access_kind(desk_staff, patron, club_visits_declared):
    privacy_services.patron_access_log(patron=patron, acting_user=desk_staff, kind=DOOR)
    (line,) = access_report(patron=patron)
    assert line.what == DOOR_LABEL


def test_an_undeclared_access_kind_is_refused(desk_staff, patron):
    with pytest.raises(ValueError, match="Unknown access kind"):
        privacy_services.patron_access_log(patron=patron, acting_user=desk_staff, kind=DOOR)


def test_the_expunge_report_lists_the_declared_handlers_type(club_visits_declared):
    out = StringIO()
    call_command("expunge", "--dry-run", "--json", stdout=out)
    report = json.loads(out.getvalue())["record_types"]
    assert report[RETAINED]["available"] is True
    assert report[RETAINED]["action"] == Action.ANONYMIZE


def test_a_legal_scope_offers_it_and_its_hold_keeps_what_it_reaches(
    branch, desk_staff, director, patron, club_visits_declared
):
    assert (KEY, LABEL) in list(ScopeForm().fields["record_types"].choices)
    request = open_request(staff=desk_staff, patron=patron, branch=branch)

    counts = services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=[KEY],
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 3, 31),
    )

    assert counts == {KEY: 1}
    hold = LegalHold.objects.get(patron=patron, released_at__isnull=True)
    assert RETAINED in hold.record_types
    assert {"disclosure_log", "access_log"} <= set(hold.record_types)
    scope = records.Scope(
        patron_ids=(patron.pk,),
        record_types=(KEY,),
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 3, 31),
        tz=timezone.get_current_timezone_name(),
    )
    assert records.rows(scope, KEY) == [(str(patron.pk), "2026-03-10", f"{SECRET} ({patron.pk})")]


def test_forgetting_the_declaration_forgets_it_everywhere():
    recordtypes.register(DECLARATION)
    recordtypes.unregister(KEY)
    assert KEY not in disclosure.PROVIDERS
    assert RETAINED not in registry.HANDLERS
    assert KEY not in records.RECORD_TYPES
    assert KEY not in dict(ScopeForm().fields["record_types"].choices)


def test_a_second_declaration_of_a_key_is_refused(club_visits_declared):
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        recordtypes.register(recordtypes.Declaration(key=KEY, label="Something else"))


def test_every_confidential_type_is_declared_by_its_owning_app():
    """The vocabulary of DESIGN section 6, each by the app whose rows hold it."""
    owners = {d.key: d.disclose.__module__.split(".")[0] for d in recordtypes.declared()}
    assert owners == {
        "registration": "patrons",
        "current_loans": "circulation",
        "loan_history": "circulation",
        "holds": "circulation",
        "fees": "circulation",
        "program_attendance": "programs",
        "computer_use": "computers",
        "reference": "desk",
        # Beyond the vocabulary: the notices sent to the patron (DESIGN 7).
        "patron_notices": "patronnotices",
    }
    reach = {d.key: d.reach for d in recordtypes.declared()}
    assert reach == {
        "registration": ("inactive_patrons",),
        "current_loans": ("returned_loans",),
        "loan_history": ("returned_loans",),
        "holds": ("finished_holds",),
        "fees": ("paid_fees",),
        "program_attendance": ("program_signups",),
        "computer_use": ("computer_sessions",),
        "reference": ("inquiries", "callbacks"),
        "patron_notices": ("patron_notices", "notice_preferences"),
    }
