"""Which storage the environment chooses, and production's refusal of a
MEDIA_ROOT on one machine's disk."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.module_loading import import_string
from storages.backends.s3 import S3Storage

from config.settings.base import BASE_DIR
from kernel.storage import (
    BOTH_KEYS,
    FILESYSTEM_BACKEND,
    S3_BACKEND,
    default_storage_config,
)
from organisation import checks

STORAGE_VARIABLES = (
    "STORAGE_S3_BUCKET",
    "STORAGE_S3_ENDPOINT_URL",
    "STORAGE_S3_REGION",
    "STORAGE_S3_PREFIX",
    "STORAGE_S3_ADDRESSING_STYLE",
    "STORAGE_S3_ACCESS_KEY_ID",
    "STORAGE_S3_SECRET_ACCESS_KEY",
    "MEDIA_ROOT_SHARED",
)


@pytest.fixture
def environment(monkeypatch):
    for name in STORAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def config(**values: str) -> dict:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        return default_storage_config(environ.Env())

    return config


def test_without_a_bucket_files_stay_in_media_root(environment):
    assert environment() == {"BACKEND": FILESYSTEM_BACKEND}
    assert environment(STORAGE_S3_BUCKET="  ") == {"BACKEND": FILESYSTEM_BACKEND}


def test_the_test_settings_use_the_filesystem(settings):
    assert settings.STORAGES["default"]["BACKEND"] == FILESYSTEM_BACKEND
    assert isinstance(default_storage, FileSystemStorage)


def test_a_bucket_on_the_librarys_own_servers(environment):
    config = environment(
        STORAGE_S3_BUCKET="desk-files",
        STORAGE_S3_ENDPOINT_URL="https://minio.library.example.org",
        STORAGE_S3_REGION="ny-1",
        STORAGE_S3_PREFIX="/prod/",
        STORAGE_S3_ACCESS_KEY_ID="desk",
        STORAGE_S3_SECRET_ACCESS_KEY="s3cret",
    )
    assert config["BACKEND"] == S3_BACKEND
    assert config["OPTIONS"] == {
        "bucket_name": "desk-files",
        "location": "prod",
        "endpoint_url": "https://minio.library.example.org",
        "region_name": "ny-1",
        "addressing_style": "path",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "max_memory_size": 10 * 1024 * 1024,
        "access_key": "desk",
        "secret_key": "s3cret",
    }
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    assert isinstance(storage, S3Storage)
    assert (storage.bucket_name, storage.location, storage.default_acl) == (
        "desk-files",
        "prod",
        None,
    )
    assert storage.file_overwrite is False and storage.querystring_auth is True


def test_a_cloud_bucket_with_the_machines_own_credentials(environment):
    options = environment(STORAGE_S3_BUCKET="desk-files")["OPTIONS"]
    # No keys named: boto3's chain (AWS_* variables, a profile, the instance role).
    assert "access_key" not in options and "secret_key" not in options
    assert options["endpoint_url"] is None and options["region_name"] is None
    assert options["addressing_style"] is None
    assert options["location"] == "media"


def test_half_a_key_pair_is_refused(environment):
    with pytest.raises(ImproperlyConfigured, match=BOTH_KEYS):
        environment(STORAGE_S3_BUCKET="desk-files", STORAGE_S3_ACCESS_KEY_ID="desk")


def test_the_check_stays_quiet_outside_production(settings):
    settings.STORAGE_MUST_BE_SHARED = False
    assert checks.stored_files_are_shared() == []


@pytest.mark.parametrize(
    ("default", "shared", "errors"),
    [
        ({"BACKEND": FILESYSTEM_BACKEND}, False, [checks.LOCAL_STORAGE_ID]),
        ({"BACKEND": FILESYSTEM_BACKEND}, True, []),
        ({"BACKEND": S3_BACKEND, "OPTIONS": {"bucket_name": "desk-files"}}, False, []),
    ],
)
def test_production_refuses_files_on_one_machines_disk(settings, default, shared, errors):
    settings.STORAGE_MUST_BE_SHARED = True
    settings.MEDIA_ROOT_SHARED = shared
    settings.STORAGES = {**settings.STORAGES, "default": default}
    assert [e.id for e in checks.stored_files_are_shared()] == errors


def _production_check(**extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in STORAGE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="desk.example.org",
        CSRF_TRUSTED_ORIGINS="https://desk.example.org",
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
        SITE_URL="https://desk.example.org",
        **extra,
    )
    env.pop("DEBUG", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_settings_fail_the_check_without_shared_storage():
    refused = _production_check()
    assert refused.returncode != 0
    assert checks.LOCAL_STORAGE_ID in refused.stderr and "STORAGE_S3_BUCKET" in refused.stderr
    assert _production_check(MEDIA_ROOT_SHARED="1").returncode == 0
    bucket = _production_check(STORAGE_S3_BUCKET="desk-files")
    assert bucket.returncode == 0, bucket.stderr
