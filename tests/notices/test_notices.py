"""Staff notices: in the app for everyone, by e-mail where an address exists,
and a truthful account of who was told."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from notices import services, tasks
from notices.models import Notice
from tests.celery_worker import celery_worker

pytestmark = pytest.mark.django_db


def _with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def test_every_recipient_gets_a_notice_in_the_app_and_those_with_an_address_an_email(
    supervisor, director, django_capture_on_commit_callbacks, smtp_server, eager_tasks
):
    _with_email(director, "director@library.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.notice_send(
            recipients=[supervisor, director, director],
            subject="Incident #7 at your branch",
            body="Incident #7 was reported.",
            link="/complaints/incidents/7/",
            kind=Notice.Kind.INCIDENT,
        )

    assert {u.pk for u in delivery.in_app} == {supervisor.pk, director.pk}
    assert [u.pk for u in delivery.by_email] == [director.pk]
    assert Notice.objects.filter(recipient=supervisor, read_at__isnull=True).count() == 1
    assert Notice.objects.filter(recipient=director).count() == 1
    (message,) = smtp_server.wait_for(1)
    assert message.rcpt_tos == ["director@library.example.org"]
    assert message.subject == "Incident #7 at your branch"
    assert "Open it: https://desk.example.org/complaints/incidents/7/" in message.text()
    assert Notice.objects.get(recipient=director).emailed_at is not None


def test_the_screen_sentence_says_who_was_told_and_how(supervisor, director):
    _with_email(director, "director@library.example.org")
    delivery = services.notice_send(recipients=[supervisor, director], subject="s")
    sentence = delivery.describe()
    assert "by e-mail and in the app" in sentence
    assert "in the app only (no e-mail address on file)" in sentence


def test_nobody_to_tell_is_said_plainly():
    delivery = services.notice_send(recipients=[], subject="s")
    assert delivery.nobody
    assert delivery.describe().startswith("Nobody could be told")


def test_inactive_staff_are_not_told(supervisor):
    supervisor.is_active = False
    supervisor.save(update_fields=["is_active"])
    assert services.notice_send(recipients=[supervisor], subject="s").nobody


def test_an_email_is_sent_once_even_if_the_task_runs_twice(director, smtp_server):
    _with_email(director, "director@library.example.org")
    delivery = services.notice_send(recipients=[director], subject="Once", link="/x/")
    notice = delivery.notices[0]
    assert tasks.send_notice_email.run(notice.pk) is True
    assert tasks.send_notice_email.run(notice.pk) is False
    assert len(smtp_server.wait_for(1)) == 1
    time.sleep(0.2)
    assert len(smtp_server.messages) == 1


def test_a_missing_notice_sends_nothing(smtp_server):
    assert tasks.send_notice_email.run(987654) is False
    assert smtp_server.messages == []


def test_staff_see_only_their_own_notices_and_mark_them_read(client, supervisor, director):
    mine = services.notice_send(recipients=[supervisor], subject="Mine", link="/desk/")
    theirs = services.notice_send(recipients=[director], subject="Theirs")
    client.force_login(supervisor)

    page = client.get(reverse("notices:list"))
    assert page.status_code == 200
    assert b"Mine" in page.content and b"Theirs" not in page.content

    other = theirs.notices[0]
    assert client.post(reverse("notices:read", args=[other.pk])).status_code == 404
    assert Notice.objects.get(pk=other.pk).read_at is None

    own = mine.notices[0]
    response = client.post(reverse("notices:read", args=[own.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert Notice.objects.get(pk=own.pk).read_at is not None


def test_unread_notices_are_shown_first_on_log_in_and_counted_in_the_menu(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("home"))["Location"] != reverse("notices:list")
    services.notice_send(recipients=[supervisor], subject="New")
    assert client.get(reverse("home"))["Location"] == reverse("notices:list")
    page = client.get(reverse("notices:list"))
    assert b'1<span class="visually-hidden"> unread</span>' in page.content

    assert client.post(reverse("notices:read_all")).status_code == 302
    assert not Notice.objects.filter(recipient=supervisor, read_at__isnull=True).exists()


def test_notice_pages_need_a_log_in_and_reading_needs_a_post(client, supervisor):
    notice = services.notice_send(recipients=[supervisor], subject="s").notices[0]
    assert client.get(reverse("notices:list")).status_code == 302
    client.force_login(supervisor)
    assert client.get(reverse("notices:read", args=[notice.pk])).status_code == 405


@pytest.mark.integration
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_email_through_redis_to_the_smtp_server(director, smtp_server):
    _with_email(director, "director@library.example.org")
    with celery_worker(
        "notices-test", EMAIL_URL=smtp_server.url, SITE_URL="https://desk.example.org"
    ) as (queue, _):
        # Created directly: notice_send would also queue it on the default queue.
        notice = Notice.objects.create(
            recipient=director,
            subject="Through the worker",
            link="/notices/",
            email_to=director.email,
        )
        tasks.send_notice_email.apply_async(args=[notice.pk], queue=queue)
        (message,) = smtp_server.wait_for(1, timeout=90)
        assert message.rcpt_tos == ["director@library.example.org"]
        assert "https://desk.example.org/notices/" in message.text()
