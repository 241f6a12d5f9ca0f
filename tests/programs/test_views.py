"""The programs and stations pages at the desk."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from computers.models import ComputerSession, GuestPass
from programs import services
from programs.models import Program, ProgramSignup
from tests import factories
from tests.computers.helpers import station
from tests.programs.helpers import program

pytestmark = pytest.mark.django_db


def test_the_list_shows_places_and_the_waitlist_in_few_queries(
    client, desk_staff, branch, django_assert_max_num_queries
):
    for n in range(5):
        p = program(branch=branch, capacity=1, title=f"Club {n}")
        for _ in range(2):
            services.signup_by_name(program=p, name="X", phone="5", acting_user=desk_staff)
    client.force_login(desk_staff)
    client.get(reverse("programs:list"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("programs:list")).content.decode()
    assert "Club 4" in html and "1 of 1" in html


def test_planning_a_program_that_ends_before_it_starts_is_refused_and_nothing_saved(
    client, desk_staff
):
    client.force_login(desk_staff)
    data = {
        "title": "Chess club",
        "starts_at": "2030-05-01T15:00",
        "ends_at": "2030-05-01T14:00",
        "capacity": "-1",
    }
    response = client.post(reverse("programs:create"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert services.ENDS_BEFORE_START in html and services.CAPACITY_TOO_LOW in html
    assert not Program.objects.exists()
    data.update(ends_at="2030-05-01T16:00", capacity="12")
    response = client.post(reverse("programs:create"), data)
    assert response.status_code == 302
    assert Program.objects.get().capacity == 12


def test_signing_up_by_card_then_cancelling_tells_the_desk_whom_to_call(client, desk_staff, branch):
    p = program(branch=branch, capacity=1)
    first = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    client.force_login(desk_staff)
    client.post(reverse("programs:signup", args=[p.pk]), {"barcode": first.barcode})
    response = client.post(
        reverse("programs:signup_name", args=[p.pk]),
        {"name": "Ada Quintrell", "phone": "555-0177"},
        follow=True,
    )
    assert "number 1 on the waitlist" in response.content.decode()
    signup = ProgramSignup.objects.get(patron=first.patron)
    response = client.post(reverse("programs:cancel", args=[p.pk, signup.pk]), follow=True)
    html = response.content.decode()
    assert "To call" in html and "Ada Quintrell" in html and "555-0177" in html


def test_volunteers_see_names_but_not_phone_numbers(client, volunteer, branch):
    p = program(branch=branch, capacity=1)
    s = services.signup_by_name(
        program=p, name="Ada Quintrell", phone="555-0177", acting_user=volunteer
    )
    ProgramSignup.objects.filter(pk=s.pk).update(promoted_at=timezone.now())
    client.force_login(volunteer)
    html = client.get(reverse("programs:detail", args=[p.pk])).content.decode()
    assert "Ada Quintrell" in html and "555-0177" not in html


def test_an_unknown_or_blocked_card_is_refused_with_an_alternative(client, desk_staff, branch):
    p = program(branch=branch)
    client.force_login(desk_staff)
    response = client.post(reverse("programs:signup", args=[p.pk]), {"barcode": "21234000099999"})
    assert response.status_code == 400 and "by name and phone" in response.content.decode()
    lost = factories.CardFactory(status="lost", patron__home_branch=branch)
    response = client.post(reverse("programs:signup", args=[p.pk]), {"barcode": lost.barcode})
    assert response.status_code == 409 and "by name and phone" in response.content.decode()


@time_machine.travel(datetime.datetime(2026, 12, 5, 11, tzinfo=ZoneInfo("America/New_York")))
def test_attendance_at_the_door_and_walk_ins(client, desk_staff, branch):
    p = program(branch=branch, days_ahead=-0.01)
    card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    client.force_login(desk_staff)
    response = client.post(
        reverse("programs:attend_scan", args=[p.pk]), {"door-barcode": card.barcode}, follow=True
    )
    assert "attending at the door" in response.content.decode()
    client.post(reverse("programs:walk_ins", args=[p.pk]), {"walk_ins": "4"})
    p.refresh_from_db()
    assert p.walk_ins == 4
    response = client.post(reverse("programs:walk_ins", args=[p.pk]), {"walk_ins": "-2"})
    assert response.status_code == 400


# -- the stations board ----------------------------------------------------


def test_the_board_shows_states_without_names(client, desk_staff, branch, card):
    pc = station(branch, "PC 1")
    station(branch, "PC 2").__class__.objects.filter(label="PC 2").update(out_of_order=True)
    client.force_login(desk_staff)
    response = client.post(
        reverse("computers:start", args=[pc.pk]), {"start-barcode": card.barcode}, follow=True
    )
    html = response.content.decode()
    assert "Session started on PC 1: 60 minutes" in html
    assert "In use" in html and "60 min left" in html and "Out of order" in html
    assert card.patron.last_name not in html


def test_extend_and_end_from_the_board(client, desk_staff, branch, card):
    pc = station(branch)
    client.force_login(desk_staff)
    client.post(reverse("computers:start", args=[pc.pk]), {"start-barcode": card.barcode})
    session = ComputerSession.objects.get()
    response = client.post(reverse("computers:extend", args=[session.pk]), follow=True)
    assert "15 minutes added" in response.content.decode()
    client.post(reverse("computers:end", args=[session.pk]))
    session.refresh_from_db()
    assert session.end_reason == "staff"
    response = client.post(reverse("computers:end", args=[session.pk]))
    assert response.status_code == 409 and "already ended" in response.content.decode()


def test_an_adult_guest_pass_without_the_id_check_is_refused(client, desk_staff, branch):
    client.force_login(desk_staff)
    response = client.post(reverse("computers:guest_pass"), {"pass-age_group": "adult"})
    assert response.status_code == 409 and "photo ID" in response.content.decode()
    assert not GuestPass.objects.exists()
    response = client.post(
        reverse("computers:guest_pass"),
        {"pass-age_group": "adult", "pass-photo_id_checked": "on"},
        follow=True,
    )
    code = GuestPass.objects.get().code
    assert f"Guest pass {code} issued" in response.content.decode()
    pc = station(branch)
    client.post(reverse("computers:start", args=[pc.pk]), {"start-guest_pass": code})
    assert ComputerSession.objects.get().is_guest


def test_the_queue_from_the_board(client, desk_staff, branch, card):
    pc = station(branch)
    other = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
    client.force_login(desk_staff)
    client.post(reverse("computers:start", args=[pc.pk]), {"start-barcode": other.barcode})
    response = client.post(
        reverse("computers:queue_join"), {"queue-barcode": card.barcode}, follow=True
    )
    assert "Ticket 1 is in the queue" in response.content.decode()
    response = client.post(reverse("computers:queue_join"), {}, follow=True)
    assert "Scan a card" in response.content.decode()
    session = ComputerSession.objects.get()
    response = client.post(reverse("computers:end", args=[session.pk]), follow=True)
    assert "for ticket 1 until" in response.content.decode()


def test_a_card_scanned_for_a_sign_up_is_on_the_patrons_access_report(
    client, desk_staff, branch, card
):
    from privacy.selectors import access_report

    p = program(branch=branch)
    client.force_login(desk_staff)
    client.post(reverse("programs:signup", args=[p.pk]), {"barcode": card.barcode})
    lines = access_report(patron=card.patron)
    assert lines and "Scanned the library card" in lines[0].what


def test_a_card_scanned_at_the_computers_board_is_on_the_patrons_access_report(
    client, desk_staff, branch, card
):
    from privacy.selectors import access_report

    pc = station(branch, "PC 1")
    client.force_login(desk_staff)
    assert access_report(patron=card.patron) == []
    client.post(reverse("computers:start", args=[pc.pk]), {"start-barcode": card.barcode})
    client.post(reverse("computers:queue_join"), {"queue-barcode": card.barcode})
    (line,) = access_report(patron=card.patron)
    assert line.what == "Scanned the library card (2 times)" and line.count == 2


def test_the_board_costs_the_same_few_queries_for_many_stations(
    client, desk_staff, branch, django_assert_max_num_queries
):
    from computers import services as computer_services

    for n in range(12):
        pc = station(branch, f"PC {n}")
        if n % 2:
            card = factories.CardFactory(patron=factories.PatronFactory(home_branch=branch))
            computer_services.session_start(station=pc, card=card)
    client.force_login(desk_staff)
    client.get(reverse("computers:board"))
    with django_assert_max_num_queries(14):
        html = client.get(reverse("computers:board")).content.decode()
    assert html.count("min left") == 6


def test_cancelling_a_program_needs_the_confirmation(client, desk_staff, branch):
    p = program(branch=branch)
    services.signup_by_name(
        program=p, name="Ada Quintrell", phone="555-0177", acting_user=desk_staff
    )
    client.force_login(desk_staff)
    response = client.post(reverse("programs:cancel_program", args=[p.pk]))
    assert response.status_code == 400 and "Tick the box" in response.content.decode()
    p.refresh_from_db()
    assert p.cancelled_at is None
    response = client.post(
        reverse("programs:cancel_program", args=[p.pk]), {"confirm": "yes"}, follow=True
    )
    html = response.content.decode()
    assert "To call: the program is cancelled" in html and "Ada Quintrell" in html
