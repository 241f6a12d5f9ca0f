"""What the legal app adds to a patron's access report: productions handed
over that named them (privacy.disclosure.reports_access)."""

from __future__ import annotations

from typing import Any

from legal import selectors
from patrons.models import Patron
from privacy.disclosure import reports_access


@reports_access
def productions(patron: Patron) -> list[Any]:
    return list(selectors.productions_for_access_report(patron=patron))
