from __future__ import annotations

from circulation.models import Loan
from patrons.models import Patron


def loan_history_count(*, patron: Patron) -> int:
    """Returned loans still linked to the patron: their loan history."""
    return Loan.objects.filter(patron=patron, returned_at__isnull=False).count()
