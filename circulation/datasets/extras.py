"""More scale data on top of circulation's: other apps' generators.

`generate_dataset` lives in circulation, below the apps whose tables it can
also fill (desk traffic, complaints), so it does not import them: each such
app's `datasets.py` registers an `Extra` here, and the command finds them
with `autodiscover_modules("datasets")`, as retention finds its handlers.
An extra adds its own options, checks them before anything is written, and
runs after circulation's load.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandParser

Say = Callable[[str], None]


@dataclass(frozen=True)
class Run:
    """What every extra is given: the run's seed, last day and method."""

    seed: int
    as_of: datetime.date
    use_copy: bool
    say: Say


@dataclass(frozen=True)
class Extra:
    name: str
    add_arguments: Callable[[CommandParser], None]
    # The options' problem in words, or "" when they are fine (checked first).
    check: Callable[[dict[str, Any]], str]
    # Adds the rows the options ask for; returns counts by label.
    generate: Callable[[dict[str, Any], Run], dict[str, int]]


_EXTRAS: dict[str, Extra] = {}


def register(extra: Extra) -> Extra:
    _EXTRAS[extra.name] = extra
    return extra


def extras() -> list[Extra]:
    """The registered extras, in the order their apps are installed."""
    return list(_EXTRAS.values())
