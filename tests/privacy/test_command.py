"""`privacy_decide`: the stable command of DESIGN section 6."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from privacy.presets import PRESET_CODES, preset_rules
from privacy.selectors import ruleset_in_force

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("privacy_decide", *args, stdout=out)
    return out.getvalue()


def test_the_example_of_the_design_allows_with_json_of_five_keys():
    result = json.loads(
        run(
            "--jurisdiction",
            "US-NY",
            "--requester",
            "guardian",
            "--record",
            "current_loans",
            "--patron-age",
            "12",
            "--proof",
            "card",
            "--json",
        )
    )
    assert set(result) == {"outcome", "rule", "citation", "explanation", "alternative"}
    assert result["outcome"] == "allow"
    assert result["rule"] == "guardian.parent_access"
    assert "CPLR 4509" in result["citation"]


def test_massachusetts_gives_the_opposite_answer():
    result = json.loads(
        run(
            "--jurisdiction",
            "US-MA",
            "--requester",
            "guardian",
            "--record",
            "current_loans",
            "--patron-age",
            "12",
            "--proof",
            "card",
            "--instrument",
            "none",
            "--json",
        )
    )
    assert result["outcome"] == "deny"
    assert "G.L. c.78 §7" in result["citation"]


def test_guardian_sharing_flag_reaches_the_decision():
    args = [
        "--jurisdiction",
        "US-MA",
        "--requester",
        "guardian",
        "--record",
        "holds",
        "--patron-age",
        "13",
        "--proof",
        "card",
        "--json",
    ]
    assert json.loads(run(*args))["outcome"] == "deny"
    assert json.loads(run(*args, "--guardian-sharing"))["outcome"] == "allow"


def test_instrument_reaches_the_decision():
    result = json.loads(
        run(
            "--jurisdiction",
            "US-IL",
            "--requester",
            "law_enforcement",
            "--record",
            "registration",
            "--instrument",
            "emergency",
            "--json",
        )
    )
    assert result["outcome"] == "refer"


def test_without_json_prints_a_readable_form():
    text = run(
        "--jurisdiction",
        "CA-ON",
        "--requester",
        "third_party",
        "--record",
        "holds",
    )
    assert "Outcome:" in text and "deny" in text
    assert "Alternative:" in text
    assert not text.lstrip().startswith("{")


def test_an_omitted_age_is_unknown():
    result = json.loads(
        run(
            "--jurisdiction",
            "US-NY",
            "--requester",
            "guardian",
            "--record",
            "holds",
            "--proof",
            "card",
            "--json",
        )
    )
    assert (result["outcome"], result["rule"]) == ("deny", "guardian.age_unknown")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--jurisdiction", "US-ZZ", "No rule set for jurisdiction"),
        ("--requester", "neighbour", "Unknown requester"),
        ("--record", "diary", "Unknown record"),
        ("--proof", "passport", "Unknown proof"),
        ("--instrument", "letter", "Unknown instrument"),
        ("--patron-age", "-3", "cannot be negative"),
    ],
)
def test_unknown_values_fail_clearly(option, value, message):
    args = {
        "--jurisdiction": "US-NY",
        "--requester": "guardian",
        "--record": "holds",
        "--proof": "card",
        "--patron-age": "12",
    }
    args[option] = value
    flat = [item for pair in args.items() for item in pair]
    with pytest.raises(CommandError, match=message):
        run(*flat, "--json")


def test_unknown_values_exit_non_zero_with_stderr(capfd):
    """As a process: the message goes to stderr and the exit code is not 0."""
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "privacy_decide",
            "--jurisdiction",
            "US-NY",
            "--requester",
            "neighbour",
            "--record",
            "holds",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "Unknown requester" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("code", PRESET_CODES)
def test_the_migration_ships_each_preset_as_written(code):
    ruleset = ruleset_in_force(jurisdiction_code=code, on=timezone.localdate())
    assert ruleset is not None
    assert ruleset.to_rules() == preset_rules(code)
