"""`privacy_decide`: the disclosure decision from the command line.

Arguments and JSON output are a stable interface (DESIGN section 6):

    python manage.py privacy_decide --jurisdiction US-NY --requester guardian \\
        --record current_loans --patron-age 12 --proof card \\
        [--instrument none] [--guardian-sharing] [--json]

It reads the rule set in force today from the database and calls the same
pure function as the desk screen. Unknown values exit non-zero with a
message on stderr.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisation import clock
from privacy.decision import INSTRUMENTS, PROOFS, RECORD_TYPES, REQUESTERS
from privacy.selectors import decide_for_jurisdiction
from privacy.vocabulary import Outcome


def _age(value: str) -> int | None:
    """An age in whole years; "unknown" (or nothing) when no birth date is known."""
    if value.strip().lower() in ("", "unknown", "none"):
        return None
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an age in years (or 'unknown')."
        ) from None


class Command(BaseCommand):
    help = "Decide whether a record may be disclosed, under a jurisdiction's rules in force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdiction", required=True, help="e.g. US-NY")
        parser.add_argument("--requester", required=True, help=", ".join(REQUESTERS))
        parser.add_argument("--record", required=True, help=", ".join(RECORD_TYPES))
        parser.add_argument(
            "--patron-age",
            type=_age,
            default=None,
            help="The patron's age in years; omit when unknown.",
        )
        parser.add_argument("--proof", default="none", help=", ".join(PROOFS))
        parser.add_argument("--instrument", default="none", help=", ".join(INSTRUMENTS))
        parser.add_argument(
            "--guardian-sharing",
            action="store_true",
            help="The minor has chosen to share their records with their guardian.",
        )
        parser.add_argument(
            "--proxy-authorized",
            action="store_true",
            help="An active proxy authorization is on file (changes only the alternative).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        for option, choices in (
            ("requester", REQUESTERS),
            ("record", RECORD_TYPES),
            ("proof", PROOFS),
            ("instrument", INSTRUMENTS),
        ):
            if options[option] not in choices:
                raise CommandError(
                    f"Unknown {option} {options[option]!r}; use one of: {', '.join(choices)}."
                )
        age = options["patron_age"]
        if age is not None and age < 0:
            raise CommandError("--patron-age cannot be negative.")
        try:
            decision = decide_for_jurisdiction(
                jurisdiction_code=options["jurisdiction"],
                on=clock.server_day(),
                requester=options["requester"],
                record=options["record"],
                proof=options["proof"],
                patron_age=age,
                guardian_sharing=options["guardian_sharing"],
                proxy_authorized=options["proxy_authorized"],
                instrument=options["instrument"],
            )
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(decision.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Outcome:     {decision.outcome} ({Outcome(decision.outcome).label})")
        self.stdout.write(f"Rule:        {decision.rule}")
        self.stdout.write(f"Citation:    {decision.citation}")
        self.stdout.write(f"Explanation: {decision.explanation}")
        self.stdout.write(f"Alternative: {decision.alternative or '(none needed)'}")
