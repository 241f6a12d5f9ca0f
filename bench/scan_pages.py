"""Write the desk's answers for a sample of cards to a directory, so that
two revisions of the code can be compared byte for byte (`diff -r`).

    DATABASE_URL=... .venv/bin/python -m bench.scan_pages OUT_DIR [N]

For N cards of the benchmark dataset (N - 10 random active cards, as
bench_scan samples them, and the 10 busiest): the scan's htmx answer
(POST /desk/scan/) with its status and HX-Push-Url, and the full page of
/desk/patron/<id>/. The CSRF token, masked afresh on every render, is
replaced by a fixed string; nothing else is changed. Run both revisions
against the same database copy within the same day (due dates and
overdue marks follow the branch's clock).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+(")')


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from bench import bench_scan

    out = Path(argv[0])
    n = int(argv[1]) if len(argv) > 1 else 50
    out.mkdir(parents=True, exist_ok=True)
    client = Client()
    client.force_login(bench_scan.desk_user())
    heavy = bench_scan.heavy_barcodes(10)
    barcodes = bench_scan.sample_barcodes(max(0, n - len(heavy)), 2026) + heavy
    scan_url = reverse(bench_scan.SCAN_URL_NAME)
    for i, barcode in enumerate(barcodes):
        response = client.post(
            scan_url,
            bench_scan._form(barcode),
            content_type=bench_scan.FORM,
            **bench_scan.HEADERS,
        )
        push = response.get("HX-Push-Url", "")
        head = f"{response.status_code} {push} {response['Content-Type']}\n".encode()
        (out / f"{i:03d}-scan.html").write_bytes(head + TOKEN.sub(rb"\1-\2", response.content))
        if push.startswith("/desk/patron/"):
            page = client.get(push)
            (out / f"{i:03d}-page.html").write_bytes(
                f"{page.status_code}\n".encode() + TOKEN.sub(rb"\1-\2", page.content)
            )
    print(f"{len(barcodes)} cards written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
