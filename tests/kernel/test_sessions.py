"""The session store: odd cookies are no session, never an error."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from kernel.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "cookie",
    [
        "abcdefgh\x00ijklmnop",
        "x" * 500,
        "ñandúñandúñandú",
        "'; DROP TABLE django_session; --",
        "short",
    ],
)
def test_an_odd_session_cookie_is_no_session_not_an_error(client, cookie):
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get(reverse("desk:screen"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200


def test_a_real_session_still_loads_and_saves(client, desk_staff):
    client.force_login(desk_staff)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = SessionStore(key)
    assert store.session_key == key
    store["note"] = "kept"
    store.save()
    assert SessionStore(key)["note"] == "kept"
    assert client.get(reverse("desk:screen")).status_code == 200


def test_the_fixed_sql_names_the_session_model_s_table():
    assert SessionStore().model._meta.db_table == "django_session"


def test_a_session_is_saved_uncompressed_and_a_compressed_one_still_reads():
    """Sessions are signed as Django signs them, without zlib (its set-up
    cost more than the bytes it saved); those saved compressed before, as
    Django's own store saves them, still read."""
    from django.contrib.sessions.backends.base import SessionBase

    data = {"_auth_user_id": "7", "desk_patron_id": 123456, "note": "x" * 200}
    store = SessionStore()
    encoded = store.encode(data)
    assert not encoded.startswith(".")  # signing's mark of compressed data
    assert store.decode(encoded) == data
    compressed = SessionBase.encode(store, data)
    assert compressed.startswith(".")
    assert store.decode(compressed) == data
