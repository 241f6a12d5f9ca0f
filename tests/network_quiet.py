"""Keep the browser tests and the tests that add network links apart.

Chromium watches the host's network interfaces: when a test adds or removes
links (the load harness's network namespaces and veth pairs), every page
Chromium is loading at that moment fails with ERR_NETWORK_CHANGED, and a
browser test on the other xdist worker fails for a reason that is neither
its own nor the application's. A browser test holds a shared lock on one
file for its duration; a test that changes the host's links holds it
exclusively, so the two never overlap.
"""

from __future__ import annotations

import contextlib
import fcntl
import tempfile
from collections.abc import Iterator
from pathlib import Path

LOCK = Path(tempfile.gettempdir()) / "lsd-tests-network-quiet.lock"


@contextlib.contextmanager
def _held(mode: int) -> Iterator[None]:
    with LOCK.open("a") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def browsing() -> contextlib.AbstractContextManager[None]:
    """Held by a browser test: no link changes while it runs."""
    return _held(fcntl.LOCK_SH)


def changing_links() -> contextlib.AbstractContextManager[None]:
    """Held by a test that adds or removes network links."""
    return _held(fcntl.LOCK_EX)
