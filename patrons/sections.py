"""Sections that apps above patrons add to the patron's record page.

An app higher in the layers (patron notices, say) offers a section when it
is ready; the record page renders every offered section in order, with the
request and the patron, and never imports the app that offered it. Each
section decides for itself what the viewing user may see.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

from organisation.users import StaffRequest
from patrons.models import Patron

Section = Callable[[StaffRequest, Patron], SafeString | str]

_SECTIONS: dict[str, Section] = {}


def offer_section(name: str, render: Section) -> None:
    """Register (or replace) the section `name` of the record page."""
    _SECTIONS[name] = render


def record_sections(request: StaffRequest, patron: Patron) -> list[SafeString | str]:
    """The offered sections rendered for this request, in offering order."""
    return [render(request, patron) for render in _SECTIONS.values()]
