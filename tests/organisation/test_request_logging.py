"""A refused request is one line in the server log, with no traceback."""

from __future__ import annotations

import logging
import sys

import pytest
from django.urls import reverse

from kernel.logfilters import ClientErrorsWithoutTraceback

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line_without_a_traceback(client, volunteer, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(volunteer)
    response = client.get(reverse("complaints:review"))
    assert response.status_code == 403
    refused = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(refused) == 1
    record = refused[0]
    assert record.name == "django.request"
    assert record.getMessage() == "Forbidden (Permission denied): /complaints/review/"
    assert all(r.exc_info is None and r.exc_text is None for r in caplog.records)
    assert "Traceback" not in caplog.text
    assert "PermissionDenied" not in caplog.text


def test_a_403_with_a_message_keeps_the_message_out_of_the_log(client, make_staff, caplog):
    """The exception's free text (here about the staff profile) stays out."""
    from organisation.roles import Role

    user = make_staff(Role.DESK_STAFF, username="t-nobranch")
    user.staff_profile.branch = None
    user.staff_profile.save()
    caplog.set_level(logging.DEBUG)
    client.force_login(user)
    response = client.get(reverse("complaints:create"))
    assert response.status_code == 403
    assert any(getattr(r, "status_code", None) == 403 for r in caplog.records)
    assert "staff profile" not in caplog.text
    assert "Traceback" not in caplog.text


def _record(status: int) -> logging.LogRecord:
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    record.status_code = status
    return record


def test_server_errors_keep_their_traceback():
    record = _record(500)
    assert ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is not None


def test_client_errors_lose_their_traceback_but_are_still_logged():
    record = _record(403)
    assert ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is None
