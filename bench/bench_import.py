"""Import: patrons and cards from Koha's CSV layout against generate_dataset's
COPY of the same rows, side by side in one run.

What is measured, per round: `generate_dataset --patrons N` (its COPY of
patrons and cards; the rows per second of those two tables from its own
timings), then the same patrons written out as a Koha patron CSV, the
tables emptied, and `import_patrons FILE --commit` run as the operator
would (a subprocess; wall time, and its peak resident memory from wait4).
Ratio = import rows/s / COPY rows/s over patrons + cards (target >= 0.25);
peak RSS target < 300 MB. Medians over the rounds, with the load average.

Data: a database of its own (`<dataset db>_import`), created and migrated
once, emptied before each round. MARC titles and copies are not measured
here yet.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_import_bench \
        python -m bench.bench_import [--quick] [--patrons 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_expunge import child_env, connect, db_name, ensure_database, with_db

NAME = "import"
TARGETS = {"ratio": 0.25, "peak_rss_mb": 300}
ROOT = Path(__file__).resolve().parent.parent
TABLES = (
    "circulation_fee, circulation_hold, circulation_loan, circulation_item, catalogue_title, "
    "patrons_proxyauthorization, patrons_guardianlink, patrons_card, patrons_patron, "
    "moving_importbatch, moving_importrun"
)
HEADER = [
    "cardnumber",
    "surname",
    "firstname",
    "dateofbirth",
    "branchcode",
    "categorycode",
    "email",
    "phone",
    "address",
    "city",
    "zipcode",
    "dateenrolled",
    "dateexpiry",
]
TIMING = re.compile(r"^(patrons|cards): ([0-9,]+) rows in ([0-9.]+)s", re.MULTILINE)


def empty(url: str) -> None:
    with connect(url) as conn:
        conn.execute(f"TRUNCATE {TABLES} CASCADE")


def copy_baseline(url: str, patrons: int, seed: int) -> float:
    """generate_dataset's own rows/s for patrons + cards."""
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_dataset",
            f"--patrons={patrons}",
            "--items=1",
            "--loans=0",
            f"--seed={seed}",
            "--no-vacuum",
        ],
        cwd=ROOT,
        env=child_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    timings = {
        m.group(1): (int(m.group(2).replace(",", "")), float(m.group(3)))
        for m in TIMING.finditer(done.stdout + done.stderr)
    }
    rows = sum(n for n, _ in timings.values())
    seconds = sum(s for _, s in timings.values())
    if len(timings) != 2 or seconds <= 0:
        raise RuntimeError(f"no timings from generate_dataset: {done.stdout[-500:]}")
    return rows / seconds


def write_csv(url: str, path: str) -> int:
    query = (
        "SELECT c.barcode, p.last_name, p.first_name, p.date_of_birth, b.code, p.category, "
        "p.email, p.phone, p.address_line, p.city, p.postal_code, c.issued_on, c.expires_on "
        "FROM patrons_card c JOIN patrons_patron p ON p.id = c.patron_id "
        "JOIN libraryservice_branch b ON b.id = p.home_branch_id WHERE c.status = 'active' "
        "ORDER BY c.id"
    )
    count = 0
    with (
        connect(url, autocommit=False) as conn,
        open(path, "w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        with conn.cursor(name="export") as cursor:
            cursor.execute(query)
            for row in cursor:
                writer.writerow(["" if v is None else str(v) for v in row])
                count += 1
    return count


def timed_import(url: str, path: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of `import_patrons --commit`."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "import_patrons", path, "--commit", "--batch-size=2000"],
        cwd=ROOT,
        env=child_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - start
    if proc.returncode != 0 or " 0 rejected" not in output:
        raise RuntimeError(f"import_patrons failed: {output[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(url: str, patrons: int, repeat: int) -> dict[str, Any]:
    ensure_database(url)
    copy_rates, import_rates, peaks, loads = [], [], [], []
    for round_ in range(repeat):
        empty(url)
        copy_rates.append(copy_baseline(url, patrons, seed=2026 + round_))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "patrons.csv")
            rows = write_csv(url, path)
            empty(url)
            seconds, peak = timed_import(url, path)
        import_rates.append(2 * rows / seconds)
        peaks.append(peak)
        loads.append(os.getloadavg()[0])
    copy_rate = statistics.median(copy_rates)
    import_rate = statistics.median(import_rates)
    return {
        "patrons": patrons,
        "copy_rows_per_s": round(copy_rate),
        "import_rows_per_s": round(import_rate),
        "ratio": round(import_rate / copy_rate, 3),
        "ratio_target": TARGETS["ratio"],
        "peak_rss_mb": round(max(peaks), 1),
        "peak_rss_target_mb": TARGETS["peak_rss_mb"],
        "load_average": round(statistics.median(loads), 2),
        "rounds": {"copy": copy_rates, "import": import_rates, "rss_mb": peaks},
    }


def run(args: Any) -> dict[str, Any]:
    url = with_db(args.database_url, db_name(args.database_url) + "_import")
    return measure(url, 5_000 if args.quick else 200_000, args.repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--patrons", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    url = os.environ["DATABASE_URL"]
    patrons = args.patrons or (5_000 if args.quick else 200_000)
    repeat = args.repeat or (1 if args.quick else 3)
    result = measure(url, patrons, repeat)
    for key, value in result.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
