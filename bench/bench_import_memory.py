"""Import memory by file size: the peak resident memory of `import_marc
--commit` and `import_patrons --commit` at two or more file sizes, to show
that it does not grow with the file (issue 24: under 300 MB whatever the
size).

Files are written here, fast and without the database (binary MARC 21 in
UTF-8 as Koha exports it: 008, 020, 100, 245, 264, 999 $c and a 952 per
copy, one or two copies a record; a Koha patron CSV), in a temporary
folder. Each import runs as the operator runs it (a subprocess, its peak
RSS from wait4) into a database of its own (`<dataset db>_import`, the one
bench_import uses), emptied before each run. Memory, not speed: the times
are printed but mean little on a shared machine.

Stand-alone:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lsd_import_bench \\
        python -m bench.bench_import_memory --records 100000,500000 \\
        --patrons 200000,1000000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_expunge import child_env, connect, db_name, ensure_database, with_db
from bench.bench_import import TABLES, run_import

NAME = "import_memory"
TARGETS = {"peak_rss_mb": 300, "growth_mb": 20}
ROOT = Path(__file__).resolve().parent.parent


def _luhn(body: str) -> str:
    total = 0
    for i, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def barcode(prefix: str, number: int) -> str:
    """Today's default scheme: 14 digits, the prefix, a Luhn check digit."""
    body = f"{prefix}{number:012d}"
    return body + _luhn(body)


def _data_field(tag: str, *pairs: str) -> tuple[str, bytes]:
    subfields = b"".join(
        b"\x1f" + pairs[i].encode() + pairs[i + 1].encode() for i in range(0, len(pairs), 2)
    )
    return tag, b"  " + subfields + b"\x1e"


def marc_record(number: int, first_copy: int, copies: int, branches: list[str]) -> bytes:
    year = str(1950 + number % 70)
    fields = [
        ("008", f"250101s{year}    xxu           000 1 eng d".encode() + b"\x1e"),
        _data_field("020", "a", f"978{number:010d}"),
        _data_field("100", "a", f"Author {number % 50000}, A."),
        _data_field("245", "a", f"A title of some length number {number}"),
        _data_field("264", "b", "Publisher", "c", year),
        _data_field("999", "c", str(number)),
    ]
    for copy in range(first_copy, first_copy + copies):
        fields.append(
            _data_field(
                "952",
                *("a", branches[copy % len(branches)], "o", f"FIC {number % 1000}"),
                *("p", barcode("3", copy), "v", "25.00"),
            )
        )
    directory, body = b"", b""
    for tag, data in fields:
        directory += f"{tag}{len(data):04d}{len(body):05d}".encode()
        body += data
    base = 24 + len(directory) + 1
    leader = f"{base + len(body) + 1:05d}nam a22{base:05d}   4500".encode()
    return leader + directory + b"\x1e" + body + b"\x1d"


def write_marc(path: str, records: int, branches: list[str]) -> int:
    """`records` records with 1.5 copies each on average; rows written."""
    copy = 1
    with open(path, "wb") as handle:
        for number in range(1, records + 1):
            copies = 1 + number % 2
            handle.write(marc_record(number, copy, copies, branches))
            copy += copies
    return records + copy - 1


def write_patrons(path: str, patrons: int, branches: list[str]) -> int:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            "cardnumber,surname,firstname,dateofbirth,branchcode,categorycode,email,"
            "phone,address,city,zipcode,dateenrolled,dateexpiry\n"
        )
        for n in range(1, patrons + 1):
            handle.write(
                f"{barcode('2', n)},Surname{n},First{n % 977},1980-01-{1 + n % 28:02d},"
                f"{branches[n % len(branches)]},PT,p{n}@example.org,555-{n % 10000:04d},{n} Main St,"
                f"Town,0{n % 10000:04d},2020-01-01,2030-01-01\n"
            )
    return 2 * patrons


def prepare(url: str) -> list[str]:
    """Empty the import's tables; the branch codes to write (the branches
    generate_dataset makes, made here if there are none)."""
    with connect(url) as conn:
        conn.execute(f"TRUNCATE {TABLES}, moving_importseen CASCADE")
        codes = [c for (c,) in conn.execute("SELECT code FROM libraryservice_branch LIMIT 4")]
    if codes:
        return codes
    subprocess.run(
        [
            *(sys.executable, "manage.py", "generate_dataset", "--patrons=1", "--items=1"),
            *("--titles=1", "--loans=0", "--no-vacuum"),
        ],
        cwd=ROOT,
        env=child_env(url),
        check=True,
        capture_output=True,
    )
    return prepare(url)


def peak_rss(url: str, command: list[str]) -> tuple[float, float, str]:
    """Peak RSS (MB), seconds and summary line of an import with --commit."""
    elapsed, rss, output = run_import(url, command)
    return rss, elapsed, output.strip().splitlines()[-1]


def measure(url: str, records: list[int], patrons: list[int]) -> dict[str, Any]:
    ensure_database(url)
    branches = prepare(url)
    result: dict[str, Any] = {}
    for kind, sizes in (("marc", records), ("patrons", patrons)):
        if not sizes:
            continue
        runs = []
        for size in sizes:
            with tempfile.TemporaryDirectory() as folder:
                if kind == "marc":
                    path = os.path.join(folder, "titles.mrc")
                    rows = write_marc(path, size, branches)
                    command = ["import_marc", path, "--source=bench"]
                else:
                    path = os.path.join(folder, "patrons.csv")
                    rows = write_patrons(path, size, branches)
                    command = ["import_patrons", path]
                prepare(url)
                rss, seconds, _ = peak_rss(url, command)
            runs.append(
                {
                    "size": size,
                    "rows": rows,
                    "peak_rss_mb": round(rss, 1),
                    "seconds": round(seconds, 1),
                    "load": round(os.getloadavg()[0], 2),
                }
            )
            print(f"{kind} {size}: {runs[-1]}", flush=True)
        growth = runs[-1]["peak_rss_mb"] - runs[0]["peak_rss_mb"]
        result[kind] = {
            "sizes": sizes,
            "peak_rss_mb": [r["peak_rss_mb"] for r in runs],
            "growth_mb": round(growth, 1),
            "growth_target_mb": TARGETS["growth_mb"],
            "peak_rss_target_mb": TARGETS["peak_rss_mb"],
            "flat": growth < TARGETS["growth_mb"]
            and max(r["peak_rss_mb"] for r in runs) < TARGETS["peak_rss_mb"],
            "runs": runs,
        }
    prepare(url)
    return result


def run(args: Any) -> dict[str, Any]:
    url = with_db(args.database_url, db_name(args.database_url) + "_import")
    if args.quick:
        return measure(url, [5_000, 20_000], [5_000, 20_000])
    return measure(url, [50_000, 250_000], [100_000, 500_000])


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=_sizes, default=[50_000, 250_000])
    parser.add_argument("--patrons", type=_sizes, default=[100_000, 500_000])
    args = parser.parse_args(argv)
    result = measure(os.environ["DATABASE_URL"], args.records, args.patrons)
    for kind, figures in result.items():
        for key, value in figures.items():
            if key != "runs":
                print(f"{kind} {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
