"""The case workflow's shape: small modules, no two importing each other,
and every case step written once."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cases", "complaints")
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of PACKAGES that `path` imports, at any depth of the file."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in modules
                else node.module
                for alias in node.names
            ]
        else:
            continue
        out |= {name for name in names if name in modules}
    return out


def test_no_module_of_the_case_apps_is_over_600_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_import_cycle_among_the_case_modules():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in trail:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    assert cycles == []


def test_services_queue_tasks_by_name_only_through_cases_notify():
    """`.delay(` appears once in the case apps' code: the on-commit queue."""
    users = [
        str(path.relative_to(ROOT))
        for path in _modules().values()
        if ".delay(" in path.read_text(encoding="utf-8")
    ]
    assert users == ["cases/notify.py"]


def test_decide_appeal_and_close_are_written_once():
    """Only the shared workflow sets a decision, an appeal or a closing."""
    writers = {}
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        for field in (".decision_reasons = ", ".appeal_grounds = ", ".appealed_at = "):
            if field in text:
                writers.setdefault(field, []).append(name)
    assert writers == {
        ".decision_reasons = ": ["cases.workflow"],
        ".appeal_grounds = ": ["cases.workflow"],
        ".appealed_at = ": ["cases.workflow"],
    }
