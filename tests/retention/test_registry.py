"""The engine discovers each app's handlers, and an app adds a record type
without editing retention/."""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models

from complaints.models import CommentCard
from retention import registry
from retention.context import Fragment, Rule, RunContext
from retention.handlers import SimpleHandler
from retention.models import RetentionRule
from retention.registry import register
from retention.services import retention_expunge
from retention.vocabulary import Action, Default, KeptReason, RecordType
from tests.retention.helpers import AS_OF, at

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "retention"


def test_each_record_type_is_served_by_the_app_that_owns_it():
    owners = {rt: type(h).__module__ for rt, h in registry.HANDLERS.items()}

    assert owners == {
        "returned_loans": "circulation.retention",
        "finished_holds": "circulation.retention",
        "paid_fees": "circulation.retention",
        "disclosure_log": "privacy.retention",
        "complaints": "complaints.retention",
        "incidents": "complaints.retention",
        "reconsiderations": "complaints.retention",
        "comment_cards": "complaints.retention",
        "inactive_patrons": "patrons.retention",
        "access_log": "patrons.retention",
        "legal_requests": "legal.retention",
        "program_signups": "programs.retention",
        "computer_sessions": "computers.retention",
        "computer_queue": "computers.retention",
        "inquiries": "desk.retention",
        "callbacks": "desk.retention",
        "waiting_list": "desk.retention",
        "sip2_pins": "sip2.retention",
        "patron_notices": "patronnotices.retention",
        "notice_preferences": "patronnotices.retention",
    }
    # Per-record rules first; the patron sweep last.
    assert registry.handlers_in_order()[-1].record_type == RecordType.INACTIVE_PATRONS


class ContactsHandler(SimpleHandler):
    """What an app adds for a record type of its own (here over comment
    cards, which every installation has): contacts kept a week."""

    record_type = "test_contacts"
    label = "Contacts given on cards"
    default = Default(7, Action.ANONYMIZE)
    model_label = "complaints.CommentCard"
    actions = (Action.ANONYMIZE,)
    branch_column = "t.branch_id"
    personal_sql = "t.contact <> ''"
    anonymize_sets = {"contact": "''"}
    audit_keys = ("contact",)

    def due_sql(self, ctx: RunContext, rule: Rule) -> Fragment:
        return "t.received_on <= %s", [ctx.cutoff_day(rule)]


@pytest.fixture
def contacts_type():
    register(ContactsHandler)
    yield ContactsHandler.record_type
    registry.unregister(ContactsHandler.record_type)


def card(branch, days_ago: int) -> CommentCard:
    return CommentCard.objects.create(
        branch=branch,
        received_on=AS_OF - datetime.timedelta(days=days_ago),
        theme=CommentCard.Theme.OTHER,
        text="Call me back",
        anonymous=False,
        contact=f"555-01{days_ago:02d}",
        created_at=at(days_ago),
    )


@pytest.mark.django_db
def test_a_record_type_declared_by_its_handler_runs_with_its_default_and_is_reported(
    branch, contacts_type
):
    old, recent = card(branch, 8), card(branch, 3)

    report = retention_expunge(as_of=AS_OF, dry_run=False)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact == "" and recent.contact == "555-0103"
    result = report.as_dict()["record_types"][contacts_type]
    assert result == {
        "available": True,
        "action": "anonymize",
        "expunged": 1,
        "kept": {KeptReason.RETENTION_PERIOD: 1},
    }
    assert list(report.record_types)[-1] == contacts_type
    assert registry.record_type_label(contacts_type) == "Contacts given on cards"


@pytest.mark.django_db
def test_an_administrator_can_set_a_rule_for_a_declared_record_type(branch, contacts_type):
    rule = RetentionRule(jurisdiction_code="*", record_type=contacts_type, period_days=2)
    rule.full_clean()
    rule.save()
    recent = card(branch, 3)

    retention_expunge(as_of=AS_OF)

    recent.refresh_from_db()
    assert recent.contact == ""
    refused = RetentionRule(
        jurisdiction_code="US-NY", record_type=contacts_type, period_days=2, action=Action.DELETE
    )
    with pytest.raises(ValidationError, match="can only be: anonymize"):
        refused.full_clean()


@pytest.mark.django_db
def test_an_unknown_record_type_is_refused_in_a_rule():
    with pytest.raises(ValidationError):
        RetentionRule(jurisdiction_code="*", record_type="no_such_type", period_days=2).full_clean()


def test_two_handlers_for_one_record_type_are_a_configuration_error():
    class Again(SimpleHandler):
        record_type = RecordType.COMPLAINTS
        model_label = "complaints.Complaint"

    with pytest.raises(ImproperlyConfigured, match="two retention handlers"):
        register(Again)
    assert type(registry.HANDLERS[RecordType.COMPLAINTS]).__module__ == "complaints.retention"


def test_a_new_record_type_needs_a_label_and_a_default():
    class Unlabelled(SimpleHandler):
        record_type = "test_unlabelled"
        model_label = "complaints.CommentCard"

    with pytest.raises(ImproperlyConfigured, match="label and a default"):
        register(Unlabelled)
    assert "test_unlabelled" not in registry.HANDLERS


# -- the engine stays an engine ----------------------------------------------


def engine_sources() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text()
        for path in ENGINE.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_the_engine_names_no_other_apps_table():
    tables = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in {"retention", "auditlog"}
    }

    found = {
        (path, table)
        for path, text in engine_sources().items()
        for table in tables
        if re.search(rf"\b{re.escape(table)}\b", text)
    }

    assert found == set()


def test_the_engine_spells_no_status_as_a_literal():
    """No status of a record type some handler serves appears quoted in the
    engine's code: handlers pass them from the models' constants."""
    covered = registry.covered_models()
    statuses = {
        str(value)
        for m in apps.get_models()
        if m._meta.label_lower in covered
        for f in m._meta.concrete_fields
        if f.name == "status" and isinstance(f, models.CharField) and f.choices
        for value, _label in f.flatchoices
    }
    assert {"open", "closed", "fulfilled"} <= statuses

    found = {
        (path, status)
        for path, text in engine_sources().items()
        for status in statuses
        if f"'{status}'" in text or f'"{status}"' in text
    }

    assert found == set()


def _project_imports() -> dict[str, set[str]]:
    """Module -> project modules it imports (at any level of the file)."""
    packages = [p for p in ROOT.iterdir() if (p / "__init__.py").exists()]
    files = {}
    for package in packages:
        for path in package.rglob("*.py"):
            if "migrations" in path.parts or package.name in {"tests", "bench"}:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            files[name.removesuffix(".__init__")] = path

    def resolve(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets |= {resolve(alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets |= {resolve(f"{node.module}.{a.name}") for a in node.names}
        graph[name] = {t for t in targets if t and t != name}
    return graph


def test_no_retention_module_is_part_of_an_import_cycle():
    graph = _project_imports()
    retention_modules = [m for m in graph if m.startswith("retention") or m.endswith(".retention")]
    assert "complaints.retention" in retention_modules

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(graph.get(current, ()))
        return False

    assert [m for m in retention_modules if reaches(m, m)] == []
