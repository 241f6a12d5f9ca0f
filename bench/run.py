"""Run the benchmarks: `make bench` or `python -m bench.run [--quick] [--only NAME]`.

Needs DATABASE_URL pointing at PostgreSQL. The dataset lives in a database of
its own, derived from DATABASE_URL's name (lsd -> lsd_medium, or lsd_quick
with --quick; BENCH_DATABASE_URL overrides the medium one); it is created,
migrated and generated on first use and reused afterwards.

Every `bench/bench_*.py` module exposes `NAME` and `run(args) -> dict`. The
args a module receives:

    database_url   the dataset database (Django is already set up on it)
    quick          small dataset, few iterations: a smoke test
    repeat         rounds of measurement (default 3; 1 with --quick)
    dataset        name, counts and generation time of the dataset

Results: a table on stdout and JSON in bench/results/ (gitignored):
`<UTC timestamp>.json` and `latest.json`.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import datasets

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small dataset, few iterations")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="rounds of measurement (default 3; 1 with --quick)"
    )
    parser.add_argument(
        "--dataset",
        choices=sorted(datasets.BY_NAME),
        default=None,
        help="dataset to run on (default medium; quick with --quick); consortium is "
        "2M patrons, 2M items, 30M loans",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--results-dir", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def discover() -> dict[str, ModuleType]:
    """bench_*.py modules by their NAME."""
    import bench

    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        found[getattr(module, "NAME", info.name.removeprefix("bench_"))] = module
    return found


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=datasets.ROOT,
        check=False,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
    }


def format_table(results: dict[str, dict[str, Any]]) -> str:
    lines = []
    for name, result in results.items():
        lines.append(f"== {name}")
        width = max((len(k) for k in result), default=0)
        for key, value in result.items():
            if isinstance(value, dict | list):
                continue
            if isinstance(value, float):
                value = f"{value:.2f}"
            lines.append(f"  {key.ljust(width)}  {value}")
    return "\n".join(lines)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        base_url = datasets.check_postgres_url(os.environ.get("DATABASE_URL"))
    except datasets.NotPostgres as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    modules = discover()
    if args.list:
        print("\n".join(modules))
        return 0
    unknown = [n for n in args.only if n not in modules]
    if unknown:
        print(
            f"bench: no benchmark named {', '.join(unknown)}; have {', '.join(modules)}",
            file=sys.stderr,
        )
        return 2
    selected = {n: m for n, m in modules.items() if not args.only or n in args.only}
    if args.dataset:
        dataset = datasets.BY_NAME[args.dataset]
    else:
        dataset = datasets.QUICK if args.quick else datasets.MEDIUM
    info = datasets.ensure(base_url, dataset)
    args.database_url = info.pop("database_url")
    args.dataset = info
    setup_django(args.database_url)

    started = datetime.datetime.now(datetime.UTC)
    results: dict[str, dict[str, Any]] = {}
    failed = False
    for name, module in selected.items():
        print(f"running {name} ...", flush=True)
        t0 = time.monotonic()
        try:
            results[name] = module.run(args)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            failed = True
        results[name]["seconds"] = round(time.monotonic() - t0, 1)
    report = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": args.quick,
        "repeat": args.repeat,
        "machine": machine(),
        "dataset": info,
        "results": results,
    }
    print(
        format_table(
            {"dataset": {k: v for k, v in info.items() if k != "counts"} | info.get("counts", {})}
        )
    )
    print(format_table(results))
    args.results_dir.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2, default=str)
    (args.results_dir / f"{stamp}{'-quick' if args.quick else ''}.json").write_text(text)
    (args.results_dir / "latest.json").write_text(text)
    print(f"results: {args.results_dir / (stamp + ('-quick' if args.quick else '') + '.json')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
