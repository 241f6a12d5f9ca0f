"""Benchmarks on PostgreSQL: `make bench` (python -m bench.run).

Each `bench/bench_*.py` module exposes `NAME` and `run(args) -> dict`; see
bench/run.py for the arguments and docs/benchmarks.md for the figures.
"""
