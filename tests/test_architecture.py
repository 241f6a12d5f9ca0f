"""The shape of the code, checked: small files, no import cycles between
modules, and a retention engine that names no other app's statuses.

These are the "done when" lines of the reshaping, kept true after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "tests", "bench", "migrations", "node_modules", "staticfiles", "var"}
MAX_LINES = 600


def _app_modules() -> dict[str, Path]:
    modules = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIP_DIRS.intersection(rel.parts) or rel.parts[0].startswith("."):
            continue
        name = ".".join(rel.with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours that `name` imports, at any depth of the file
    (a function-level import is still a dependency)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in known and module != name}


def test_no_application_file_is_over_600_lines():
    long = {
        name: n
        for name, path in _app_modules().items()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}, "split these by subject: " + repr(long)


def test_no_two_modules_import_each_other():
    modules = _app_modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    mutual = sorted(
        {tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph[b]}
    )
    assert mutual == []


def _status_values_of_other_apps() -> set[str]:
    values = set()
    for model in apps.get_models():
        if model._meta.app_label == "retention":
            continue
        for field in model._meta.get_fields():
            if getattr(field, "name", "") in ("status", "state") and getattr(
                field, "choices", None
            ):
                values.update(str(value) for value, _label in field.choices)
    return values


# Words of the engine's own vocabulary that happen to equal another app's
# status value: "available" is the key of the expunge report's JSON
# (a record type with a handler), not Item.Status.AVAILABLE.
ENGINE_WORDS = {"available"}


def test_retention_code_spells_no_status_as_a_literal():
    """In the engine and in every app's handlers, statuses come from the
    models' constants, passed as parameters: no SQL literal such as 'open'
    and no Python string such as "fulfilled"."""
    values = _status_values_of_other_apps() - ENGINE_WORDS
    assert values, "expected some status choices to check against"
    offenders = []
    engine = sorted((ROOT / "retention").rglob("*.py"))
    handlers = sorted(ROOT.glob("*/retention.py"))
    for path in engine + handlers:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if text in values:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
            for value in values:
                if f"'{value}'" in text:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: SQL '{value}'")
    assert offenders == []


# Where a role or capability may be named as a string: the role table, the
# policies, the model that declares the permissions, and the demo, whose
# logins are named after the roles (DESIGN section 9).
AUTHORIZATION_HOMES = {"policies.py", "roles.py", "demo.py", "seed_demo.py"}


def test_authorization_is_decided_only_in_policies():
    """No capability string, role name, group lookup or permission check in
    views, services, selectors, tasks or templates of any app."""
    import re

    from organisation.roles import CAPABILITIES, Role

    capabilities = "|".join(CAPABILITIES)
    roles = "|".join(r.value for r in Role)
    patterns = [
        re.compile(r"has_capability\(|has_perm\(|has_role\(|roles_of\(|groups__name"),
        re.compile(rf"[\"']({capabilities}|{roles})[\"']"),
        re.compile(rf"\bnav\.({capabilities})\b"),
    ]
    files = [
        path
        for path in _app_modules().values()
        if path.name not in AUTHORIZATION_HOMES
        and path.relative_to(ROOT).as_posix() != "organisation/models.py"
    ]
    files += sorted((ROOT / "templates").rglob("*.html"))
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in files
        for pattern in patterns
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


# Where a record-type key may be spelled in the apps that read the registry:
# their stable vocabularies (DESIGN section 6, the expunge report's keys),
# the declarations of the record types they own themselves (retention
# handlers of the disclosure log, the access log, legal requests), and
# migrations, which freeze data.
RECORD_TYPE_READERS = ("privacy", "legal", "retention")
RECORD_TYPE_HOMES = {"vocabulary.py", "retention.py", "recordtypes.py"}


def _record_type_keys() -> set[str]:
    import recordtypes
    from privacy.vocabulary import RecordType as Disclosed
    from retention.registry import record_types as retained
    from retention.vocabulary import RecordType as Retained

    return {
        *Disclosed.values,
        *Retained.values,
        *retained(),
        *(d.key for d in recordtypes.declared()),
    }


def _names_not_types(tree: ast.AST, keys: set[str]) -> set[int]:
    """Strings that name something else and happen to equal a key: the
    keys of a dictionary that has other keys too or only one (a template
    context's or a form's "reference", a request's number), a subscript, a
    URL's name, a relation's name ("holds" of a request). A dictionary
    keyed by record types alone is a table of types, and counts."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            spelled = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if len(spelled) < 2 or any(value not in keys for value in spelled):
                found.update(id(key) for key in node.keys if key is not None)
        elif isinstance(node, ast.Subscript):
            found.add(id(node.slice))
        elif isinstance(node, ast.keyword) and node.arg in {"name", "related_name"}:
            found.add(id(node.value))
    return found


def test_privacy_legal_and_retention_spell_no_record_type():
    """They read the record-type registry (recordtypes): no key such as
    "current_loans" or "returned_loans" as a Python string or inside SQL,
    so that a new record type is declared in its own app alone."""
    keys = _record_type_keys()
    assert {"current_loans", "returned_loans", "reference"} <= keys
    offenders = []
    for app in RECORD_TYPE_READERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or path.name in RECORD_TYPE_HOMES:
                continue
            tree = ast.parse(path.read_text())
            names = _names_not_types(tree, keys)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                    continue
                if id(node) in names:
                    continue
                if node.value in keys or any(f"'{key}'" in node.value for key in keys):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert offenders == []


# The one clock (DESIGN section 3, STYLE "Time"): only these modules turn
# an instant into a wall-clock time or a date, or read the real clock.
CLOCK_HOMES = {"organisation.clock", "organisation.calendar"}
# Modules another change owns, still to move to the clock; a new entry
# here needs a reason, and one that no longer offends fails the test.
CLOCK_PENDING: set[str] = set()
# Calls that compute a local time or date, or read the real clock, by name
# (django.utils.timezone.localdate/localtime, zoneinfo.ZoneInfo,
# datetime.astimezone, date.today, datetime.now / today / utcnow).
CLOCK_CALLS = {"localdate", "localtime", "ZoneInfo", "astimezone", "today", "now", "utcnow"}
# `timezone.now` is the current instant, not a local day: allowed anywhere
# (clock.now() is the same function); `datetime.now` is not.
CLOCK_CALLS_ALLOWED_ON = {("timezone", "now")}


def _clock_offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    # A model field's default (`default=timezone.localdate`) is a callable
    # that migrations name by its path; it is the system's date, like
    # clock.server_day.
    defaults = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "default"
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in defaults:
            continue
        name = None
        if isinstance(node, ast.Attribute) and node.attr in CLOCK_CALLS:
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if owner is None and isinstance(node.value, ast.Attribute):
                owner = node.value.attr
            if (owner, node.attr) in CLOCK_CALLS_ALLOWED_ON:
                continue
            if node.attr in ("today", "now", "utcnow") and owner not in ("date", "datetime"):
                continue
            name = f"{owner}.{node.attr}" if owner else node.attr
        elif isinstance(node, ast.Name) and node.id in {"localdate", "localtime", "ZoneInfo"}:
            name = node.id
        elif isinstance(node, ast.ImportFrom) and node.module in (
            "zoneinfo",
            "django.utils.timezone",
        ):
            hits = [a.name for a in node.names if a.name in {"ZoneInfo", "localdate", "localtime"}]
            name = ", ".join(hits) if hits else None
        elif isinstance(node, ast.Import) and any(a.name == "zoneinfo" for a in node.names):
            name = "import zoneinfo"
        if name:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_branch_local_dates_come_only_from_the_clock():
    """No module but the clock computes a local date or time (localdate,
    localtime, astimezone, ZoneInfo) or reads the real clock (date.today,
    datetime.now): a day computed by hand is a day in the wrong zone."""
    offenders = []
    still_pending = set()
    for name, path in sorted(_app_modules().items()):
        if name in CLOCK_HOMES:
            continue
        found = _clock_offences(path)
        if name in CLOCK_PENDING:
            if found:
                still_pending.add(name)
            continue
        offenders += found
    assert offenders == []
    assert still_pending == CLOCK_PENDING, "these use the clock now: " + repr(
        CLOCK_PENDING - still_pending
    )


# -- the layers (pyproject.toml, checked for Python by `lint-imports`) -------


def _layer_ranks() -> dict[str, int]:
    """Each app's height in the import-linter layers contract (higher
    imports lower); apps of one layer share a height."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    return {
        app.strip(): len(layers) - height
        for height, layer in enumerate(layers)
        for app in layer.split("|")
    }


def test_every_app_is_in_the_layers_contract():
    """A new app must take its place in the layers, or lint-imports would
    not look at it."""
    import tomllib

    packages = {
        path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name not in SKIP_DIRS
    }
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert set(config["root_packages"]) == set(_layer_ranks()) == packages


def test_configuration_and_kernel_are_rooms_of_their_own():
    """config/ (settings, root URLconf, WSGI, Celery app, dev server) is the
    top and holds no models; kernel/ (SQL, files, CSV, sessions, logging)
    is the bottom; the organisation's domain is the app between them, still
    labelled "libraryservice" so its tables, migration history, content
    types and permissions are those it always had."""
    ranks = _layer_ranks()
    assert ranks["config"] == max(ranks.values())
    assert ranks["kernel"] == min(ranks.values())
    assert [name for name, rank in ranks.items() if rank == ranks["config"]] == ["config"]
    installed = {config.name.split(".")[0] for config in apps.get_app_configs()}
    assert "config" not in installed and "kernel" not in installed
    assert not list((ROOT / "config").rglob("models.py"))
    assert not list((ROOT / "kernel").rglob("models.py"))
    assert apps.get_app_config("libraryservice").name == "organisation"


def _private_imports() -> list[str]:
    """Imports of another module's private (underscore) name, unless both
    modules are in one sub-package of an app (desk/scan/): an app's top
    level shares only public names."""
    modules = _app_modules()
    found = []
    for name, path in sorted(modules.items()):
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or node.level or node.module not in modules:
                continue
            source = node.module
            source_package = (
                source if modules[source].name == "__init__.py" else source.rpartition(".")[0]
            )
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and not (source_package == package and "." in package):
                    found.append(f"{name} imports {source}.{alias.name}")
    return found


def test_no_module_imports_another_rooms_private_names():
    assert _private_imports() == []


def _template_uses(text: str, libraries: dict[str, str]) -> list[tuple[str, str]]:
    import re

    uses = []
    for kind, argument in re.findall(r"\{%\s*(load|include|extends)\s+([^%]+?)\s*%\}", text):
        if kind == "load":
            uses += [(kind, libraries[name]) for name in argument.split() if name in libraries]
        elif match := re.match(r"[\"']([a-z_0-9]+)/", argument):
            uses.append((kind, match.group(1)))
    return uses


def test_templates_use_only_their_own_layer_and_those_below():
    """What lint-imports cannot see: an app's templates load no tag library,
    and include or extend no template, of an app above or beside it (a
    higher app offers its part through a registry, as legal offers its
    intake form to privacy's answer)."""
    ranks = _layer_ranks()
    libraries = {path.stem: path.parent.parent.name for path in ROOT.glob("*/templatetags/*.py")}
    # Template folders are named by app label ("libraryservice" is organisation/).
    package_of = {config.label: config.name.split(".")[0] for config in apps.get_app_configs()}
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        app = package_of.get(path.relative_to(ROOT / "templates").parts[0], "")
        if app not in ranks:
            continue
        for kind, used in _template_uses(path.read_text(), libraries):
            used = package_of.get(used, used)
            if used in ranks and used != app and ranks[used] >= ranks[app]:
                offenders.append(f"{path.relative_to(ROOT)}: {kind} {used}")
    assert offenders == []


def test_the_template_check_sees_an_upward_load():
    libraries = {"legal_intake": "legal"}
    text = '{% load legal_intake %}{% include "legal/_intake.html" %}{% load tz %}'
    assert _template_uses(text, libraries) == [("load", "legal"), ("include", "legal")]
