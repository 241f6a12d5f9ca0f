"""Import: patrons and cards from Koha's CSV layout, and titles with their
copies from MARC 21, each against generate_dataset's COPY of the same rows,
side by side in one run.

What is measured, per round and kind:

- patrons: `generate_dataset --patrons N` (its COPY of patrons and cards;
  the rows per second of those two tables from its own timings), then the
  same patrons written out as a Koha patron CSV, the tables emptied, and
  `import_patrons FILE --commit` run as the operator would (a subprocess;
  wall time, and its peak resident memory from wait4);
- MARC: `generate_dataset --titles M --items 3M/2` (its COPY of titles and
  items), then the same titles written with pymarc as one binary MARC 21
  file (245, 100, 020, 264, 008, Koha's 999 $c record number, a 952 per
  copy: barcode, call number, branch, price), the tables emptied, and
  `import_marc FILE --source koha --commit`.

Ratio = import rows/s / COPY rows/s (patrons + cards; titles + copies),
target >= 0.25; peak RSS target < 300 MB. Medians over the rounds, with
the load average. COPY's figure is its own timing of the COPY, without the
index rebuild that follows it for 100,000 rows or more (both are
reported); the import's is the whole command, start-up included.

Data: a database of its own (`<dataset db>_import`), created and migrated
once, emptied before each round.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_import_bench \
        python -m bench.bench_import [--quick] [--patrons 200000] \
        [--records 500000] [--repeat 3]
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
TIMING = re.compile(
    r"^(patrons|cards|titles|items): ([0-9,]+) rows in ([0-9.]+)s(?: \+ ([0-9.]+)s indexes)?",
    re.MULTILINE,
)


def empty(url: str) -> None:
    with connect(url) as conn:
        conn.execute(f"TRUNCATE {TABLES} CASCADE")


def copy_baseline(url: str, seed: int, *, patrons: int = 0, records: int = 0) -> dict[str, float]:
    """generate_dataset's own COPY of patrons + cards (or of titles +
    items): rows, seconds of COPY, seconds of the index rebuild after it."""
    tables = ("titles", "items") if records else ("patrons", "cards")
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_dataset",
            f"--patrons={patrons}",
            f"--items={records * 3 // 2 if records else 1}",
            *([f"--titles={records}"] if records else []),
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
        m.group(1): (int(m.group(2).replace(",", "")), float(m.group(3)), float(m.group(4) or 0))
        for m in TIMING.finditer(done.stdout + done.stderr)
        if m.group(1) in tables
    }
    if len(timings) != 2 or sum(t[1] for t in timings.values()) <= 0:
        raise RuntimeError(f"no timings from generate_dataset: {done.stdout[-500:]}")
    return {
        "rows": sum(t[0] for t in timings.values()),
        "seconds": sum(t[1] for t in timings.values()),
        "index_seconds": sum(t[2] for t in timings.values()),
    }


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


MARC_QUERY = """
SELECT t.id, t.title, t.author, t.isbn, t.publisher, t.year, t.language,
       array_agg(ARRAY[i.barcode, i.call_number, b.code, i.replacement_cost::text]
                 ORDER BY i.id)
  FROM catalogue_title t
  JOIN circulation_item i ON i.title_record_id = t.id
  JOIN libraryservice_branch b ON b.id = i.home_branch_id
 GROUP BY t.id ORDER BY t.id
"""


def _field(tag: str, *pairs: str) -> Any:
    import pymarc

    return pymarc.Field(
        tag=tag,
        indicators=pymarc.Indicators(" ", " "),
        subfields=[pymarc.Subfield(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)],
    )


def write_marc(url: str, path: str) -> tuple[int, int]:
    """The titles that have copies, as Koha exports them: binary MARC 21,
    UTF-8, the record number in 999 $c, a 952 per copy. (titles, copies)."""
    import pymarc

    titles = copies = 0
    with (
        connect(url, autocommit=False) as conn,
        open(path, "wb") as handle,
        conn.cursor(name="marc") as cursor,
    ):
        cursor.itersize = 2000
        cursor.execute(MARC_QUERY)
        for number, title, author, isbn, publisher, year, language, items in cursor:
            record = pymarc.Record(force_utf8=True)
            fixed = f"250101s{year or '    '}    xxu           000 1 {language or 'eng'} d"
            record.add_field(pymarc.Field(tag="008", data=fixed))
            if isbn:
                record.add_field(_field("020", "a", isbn))
            if author:
                record.add_field(_field("100", "a", author))
            record.add_field(_field("245", "a", title))
            record.add_field(_field("264", "b", publisher, "c", str(year or "")))
            record.add_field(_field("999", "c", str(number)))
            for barcode, call_number, branch, price in items:
                record.add_field(
                    _field("952", "a", branch, "o", call_number, "p", barcode, "v", price)
                )
                copies += 1
            handle.write(record.as_marc())
            titles += 1
    return titles, copies


def run_import(url: str, command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and standard output of an import command
    with --commit; RuntimeError unless it ran cleanly with 0 rejected."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", *command, "--commit"],
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
        raise RuntimeError(f"{command[0]} failed: {output[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, output


def timed_import(url: str, command: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of an import command with --commit."""
    elapsed, rss, _ = run_import(url, command)
    return elapsed, rss


def _round(url: str, kind: str, count: int, seed: int) -> dict[str, float]:
    empty(url)
    if kind == "patrons":
        copy = copy_baseline(url, seed, patrons=count)
    else:
        copy = copy_baseline(url, seed, records=count)
    with tempfile.TemporaryDirectory() as folder:
        if kind == "patrons":
            path = os.path.join(folder, "patrons.csv")
            rows = 2 * write_csv(url, path)
            command = ["import_patrons", path]
        else:
            path = os.path.join(folder, "titles.mrc")
            rows = sum(write_marc(url, path))
            command = ["import_marc", path, "--source=koha"]
        empty(url)
        seconds, peak = timed_import(url, command)
    return {
        "copy_rows_per_s": copy["rows"] / copy["seconds"],
        "copy_with_indexes_rows_per_s": copy["rows"] / (copy["seconds"] + copy["index_seconds"]),
        "import_rows": rows,
        "import_seconds": seconds,
        "import_rows_per_s": rows / seconds,
        "rss_mb": peak,
        "load": os.getloadavg()[0],
    }


def measure(url: str, patrons: int, records: int, repeat: int) -> dict[str, Any]:
    ensure_database(url)
    result: dict[str, Any] = {}
    for kind, count in (("patrons", patrons), ("marc", records)):
        if not count:
            continue
        rounds = [_round(url, kind, count, seed=2026 + r) for r in range(repeat)]
        median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        result[kind] = {
            "count": count,
            "copy_rows_per_s": round(median["copy_rows_per_s"]),
            "copy_with_indexes_rows_per_s": round(median["copy_with_indexes_rows_per_s"]),
            "import_rows": int(median["import_rows"]),
            "import_seconds": round(median["import_seconds"], 1),
            "import_rows_per_s": round(median["import_rows_per_s"]),
            "ratio": round(
                statistics.median(r["import_rows_per_s"] / r["copy_rows_per_s"] for r in rounds),
                3,
            ),
            "ratio_to_copy_with_indexes": round(
                statistics.median(
                    r["import_rows_per_s"] / r["copy_with_indexes_rows_per_s"] for r in rounds
                ),
                3,
            ),
            "ratio_target": TARGETS["ratio"],
            "peak_rss_mb": round(max(r["rss_mb"] for r in rounds), 1),
            "peak_rss_target_mb": TARGETS["peak_rss_mb"],
            "load_average": round(median["load"], 2),
            "rounds": rounds,
        }
    return result


def run(args: Any) -> dict[str, Any]:
    url = with_db(args.database_url, db_name(args.database_url) + "_import")
    if args.quick:
        return measure(url, 5_000, 5_000, args.repeat)
    return measure(url, 200_000, 500_000, args.repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--patrons", type=int, default=None, help="0: no patron rounds")
    parser.add_argument("--records", type=int, default=None, help="0: no MARC rounds")
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    url = os.environ["DATABASE_URL"]
    default = 5_000 if args.quick else None
    patrons = args.patrons if args.patrons is not None else default or 200_000
    records = args.records if args.records is not None else default or 500_000
    repeat = args.repeat or (1 if args.quick else 3)
    result = measure(url, patrons, records, repeat)
    for kind, figures in result.items():
        for key, value in figures.items():
            print(f"{kind} {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
