"""System checks of the deployment's configuration (`manage.py check`; also
run by `migrate`, which the web container runs before gunicorn starts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string

LOCAL_STORAGE_ID = "libraryservice.E001"
LOCAL_STORAGE = (
    "Stored files (complaint attachments, legal scans and file sets) would be "
    "kept on this machine's disk, which another web node or Celery worker cannot read."
)
LOCAL_STORAGE_HINT = (
    "Set STORAGE_S3_BUCKET (and STORAGE_S3_ENDPOINT_URL for MinIO or Ceph) to keep them "
    "in object storage, or set MEDIA_ROOT_SHARED=1 if MEDIA_ROOT is a mount that every "
    "web node and worker shares. See README, 'Stored files'."
)


@register(Tags.files)
def stored_files_are_shared(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Production settings (STORAGE_MUST_BE_SHARED) refuse a default storage
    on local disk unless MEDIA_ROOT is declared a shared mount."""
    if not getattr(settings, "STORAGE_MUST_BE_SHARED", False):
        return []
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    if not issubclass(backend, FileSystemStorage):
        return []
    if getattr(settings, "MEDIA_ROOT_SHARED", False):
        return []
    return [Error(LOCAL_STORAGE, hint=LOCAL_STORAGE_HINT, id=LOCAL_STORAGE_ID)]


SIGNON_SETTINGS_ID = "libraryservice.E002"


@register(Tags.security)
def sign_on_settings_are_sound(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Directory sign-on (docs/sign-on.md): role proposals name real roles,
    the second-factor setting is one of its two values, OpenID Connect has
    all its endpoints, and LDAP knows where to look."""
    from organisation.roles import Role

    errors = []
    for name in ("LDAP_GROUP_ROLE_PROPOSALS", "OIDC_GROUP_ROLE_PROPOSALS"):
        mapping = getattr(settings, name, {})
        if not isinstance(mapping, dict):
            errors.append(Error(f"{name} must be a JSON object", id=SIGNON_SETTINGS_ID))
            continue
        unknown = sorted(str(role) for role in mapping.values() if role not in Role.values)
        if unknown:
            errors.append(
                Error(
                    f"{name} proposes roles that do not exist: {', '.join(unknown)}",
                    hint=f"Roles: {', '.join(Role.values)}.",
                    id=SIGNON_SETTINGS_ID,
                )
            )
    if getattr(settings, "SIGNON_SECOND_FACTOR", "totp") not in ("totp", "provider"):
        errors.append(
            Error('SIGNON_SECOND_FACTOR must be "totp" or "provider"', id=SIGNON_SETTINGS_ID)
        )
    if getattr(settings, "OIDC_RP_CLIENT_ID", ""):
        missing = [
            name
            for name in (
                "OIDC_RP_CLIENT_SECRET",
                "OIDC_OP_AUTHORIZATION_ENDPOINT",
                "OIDC_OP_TOKEN_ENDPOINT",
                "OIDC_OP_USER_ENDPOINT",
                "OIDC_OP_JWKS_ENDPOINT",
            )
            if not getattr(settings, name, "")
        ]
        if missing:
            errors.append(
                Error(
                    f"OpenID Connect sign-on is on but {', '.join(missing)} not set",
                    id=SIGNON_SETTINGS_ID,
                )
            )
    if getattr(settings, "AUTH_LDAP_SERVER_URI", "") and not getattr(
        settings, "LDAP_USER_SEARCH_BASE", ""
    ):
        errors.append(
            Error("LDAP sign-on is on but LDAP_USER_SEARCH_BASE is not set", id=SIGNON_SETTINGS_ID)
        )
    if getattr(settings, "LDAP_GROUP_TYPE", "groupOfNames") not in (
        "groupOfNames",
        "nested_active_directory",
        "posix",
    ):
        errors.append(
            Error(
                "LDAP_GROUP_TYPE must be groupOfNames, nested_active_directory or posix",
                id=SIGNON_SETTINGS_ID,
            )
        )
    return errors
