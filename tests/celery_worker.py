"""A real Celery worker in a subprocess, on a queue of its own, for the
integration tests that prove a task runs through the broker."""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Iterator

import pytest

from tests.retention.subprocess_env import BIN, ROOT, subprocess_env


@contextlib.contextmanager
def celery_worker(
    prefix: str, queue: str | None = None, **env: str
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start a solo worker on a fresh queue, or on `queue` beside another
    worker (skipping without REDIS_URL); yield (queue, process) and stop it
    afterwards. `env` is added to the worker's environment, which already
    points at the test database."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs a Redis broker: set REDIS_URL")
    queue = queue or f"{prefix}-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=subprocess_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield queue, worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
