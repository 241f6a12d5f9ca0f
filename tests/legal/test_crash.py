"""A production worker killed with SIGKILL halfway through writing the file
set leaves nothing that can be served or handed over; building again
completes it, byte for byte as an uninterrupted build."""

from __future__ import annotations

import datetime
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from legal import policies, services
from legal.models import Production
from tests import factories
from tests.legal.conftest import open_request
from tests.retention.subprocess_env import PYTHON, ROOT, subprocess_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# The worker, with a storage that takes a second per file: time to kill it.
WORKER = """
import time, django
django.setup()
from django.core.files.storage import default_storage
from legal.services import production

class Slow:
    def save(self, name, content, **kwargs):
        saved = default_storage.save(name, content, **kwargs)
        time.sleep(1)
        return saved

production.default_storage = Slow()
production.production_build(production_id={pk})
"""


def test_a_worker_killed_halfway_leaves_no_file_set_and_a_rerun_completes_it(
    ny_branch, desk_staff, director, patron, settings
):
    for day in (3, 10, 20):
        factories.LoanFactory(
            patron=patron,
            checked_out_at=timezone.make_aware(datetime.datetime(2026, 3, day, 12)),
        )
    request = open_request(staff=desk_staff, patron=patron, branch=ny_branch)
    services.legal_scope_set(
        request=request,
        acting_user=director,
        patrons=[patron],
        record_types=["registration", "current_loans", "holds"],
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 3, 31),
    )
    services.legal_counsel_note(request=request, acting_user=director, note="Valid subpoena.")
    production = services.production_request(request=request, acting_user=director)
    folder = Path(settings.MEDIA_ROOT) / "legal" / "productions" / str(production.pk)

    proc = subprocess.Popen(
        [PYTHON, "-c", WORKER.format(pk=production.pk)],
        cwd=ROOT,
        env=subprocess_env(MEDIA_ROOT=str(settings.MEDIA_ROOT)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if folder.exists() and any(p.is_file() for p in folder.rglob("*")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()

    written = [p for p in folder.rglob("*") if p.is_file()]
    assert 0 < len(written) < 6, "killed after some files, before the set was complete"
    production.refresh_from_db()
    assert production.status == Production.Status.BUILDING
    assert not production.files.exists()
    with pytest.raises(services.LegalError):
        services.production_hand_over(production=production, acting_user=director, handed_to="X")

    done = services.production_build(production_id=production.pk)
    assert done.status == Production.Status.READY
    clean = services.production_build(
        production_id=services.production_request(request=request, acting_user=director).pk
    )

    def contents(p: Production) -> dict[str, bytes]:
        return {f.name: default_storage.open(f.file.name).read() for f in p.files.all()}

    assert contents(done) == contents(clean)
    # Three CSVs, the workbook, the cover letter, the manifest.
    assert len(contents(done)) == 6
    for f in done.files.all():
        assert policies.access_production_file(director, f.pk) == f
