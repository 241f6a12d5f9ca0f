from __future__ import annotations

import pytest
from auditlog.registry import auditlog

from circulation.models import Fee, Hold, Loan
from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

AUDITED = [Patron, Card, GuardianLink, ProxyAuthorization, Loan, Hold, Fee]


@pytest.fixture
def audited_models():
    """Circulation and patron models recorded by django-auditlog, as the
    circulation app registers them; registered here too so that these tests
    do not depend on which app registers them first."""
    added = [m for m in AUDITED if not auditlog.contains(m)]
    for model in added:
        auditlog.register(model)
    yield
    for model in added:
        auditlog.unregister(model)
