"""The system check of the sign-on settings (manage.py check, migrate)."""

from __future__ import annotations

from organisation.checks import sign_on_settings_are_sound
from organisation.roles import Role


def test_sound_defaults_pass():
    assert sign_on_settings_are_sound() == []


def test_a_proposal_of_a_role_that_does_not_exist_is_an_error(settings):
    settings.OIDC_GROUP_ROLE_PROPOSALS = {"staff": "superuser", "desk": str(Role.DESK_STAFF)}
    errors = sign_on_settings_are_sound()
    assert [e.msg for e in errors] == [
        "OIDC_GROUP_ROLE_PROPOSALS proposes roles that do not exist: superuser"
    ]


def test_openid_connect_without_its_endpoints_is_an_error(settings):
    settings.OIDC_RP_CLIENT_ID = "desk"
    settings.OIDC_RP_CLIENT_SECRET = "s"
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    errors = sign_on_settings_are_sound()
    assert len(errors) == 1
    assert "OIDC_OP_TOKEN_ENDPOINT" in errors[0].msg


def test_an_unknown_second_factor_setting_is_an_error(settings):
    settings.SIGNON_SECOND_FACTOR = "none"
    assert [e.id for e in sign_on_settings_are_sound()] == ["libraryservice.E002"]


def test_ldap_without_a_search_base_is_an_error(settings):
    settings.AUTH_LDAP_SERVER_URI = "ldap://127.0.0.1:1"
    settings.LDAP_USER_SEARCH_BASE = ""
    assert len(sign_on_settings_are_sound()) == 1
