"""Builders for the public-computer tests."""

from __future__ import annotations

from typing import Any

from computers.models import ComputerSettings, Station


def station(branch: Any, label: str = "PC 1", kind: str = Station.Kind.ADULT) -> Station:
    return Station.objects.create(branch=branch, label=label, kind=kind)


def rules(branch: Any, **values: Any) -> ComputerSettings:
    found, _ = ComputerSettings.objects.update_or_create(system=branch.system, defaults=values)
    return found
