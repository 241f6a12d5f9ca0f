"""An S3 API on loopback (moto's ThreadedMotoServer, a real HTTP server) and
the default storage pointed at a fresh bucket in it, as production runs
with STORAGE_S3_BUCKET set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import environ
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from kernel.storage import default_storage_config

# The complaint builders, for driving the complaint pages.
from tests.complaints.conftest import (  # noqa: F401
    log_complaint,
    other_supervisor,
    subject,
    weekday_hours,
)

REGION = "us-east-1"
PREFIX = "desk-media"
CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: Any
    media_root: Path

    def object_keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(obj["Key"] for obj in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def grantees(self, key: str) -> list[dict]:
        return [
            g["Grantee"] for g in self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        ]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings, monkeypatch, tmp_path) -> Bucket:
    """A fresh bucket, and STORAGES["default"] built by the same function as
    production's from the same environment variables. Set through the
    pytest-django settings fixture: Django's setting_changed handler drops
    the cached storages, and every FileField's storage is the lazy
    default_storage, so the models follow."""
    name = f"desk-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket=name)
    for key, value in {
        "STORAGE_S3_BUCKET": name,
        "STORAGE_S3_ENDPOINT_URL": s3_endpoint,
        "STORAGE_S3_REGION": REGION,
        "STORAGE_S3_PREFIX": PREFIX,
        "STORAGE_S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "STORAGE_S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
    }.items():
        monkeypatch.setenv(key, value)
    # Anything that fell back to the filesystem would land here.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_config(environ.Env())}
    assert isinstance(default_storage, S3Storage)
    assert default_storage.bucket_name == name
    return Bucket(name=name, endpoint=s3_endpoint, client=client, media_root=tmp_path / "media")
