"""Who may do what in the privacy app. The only place its authorization lives.

The disclosure *rules* (what may be told to whom) are the pure function in
privacy/decision.py; these policies say which staff may run it.
"""

from __future__ import annotations

from organisation.policies import can_configure, has_capability
from organisation.users import StaffUser


def can_run_disclosure(user: StaffUser) -> bool:
    """Desk staff, supervisors and the Director; never volunteers or
    administrators (DESIGN section 4)."""
    return has_capability(user, "run_disclosure")


def can_view_loan_history(user: StaffUser) -> bool:
    """Staff who may open an opted-in patron's loan history, stating a
    purpose. Volunteers and administrators may not."""
    return has_capability(user, "view_loan_history")


def can_edit_rules(user: StaffUser) -> bool:
    """Administrators configure jurisdiction rules and run the simulator."""
    return can_configure(user)


def can_print_access_report(user: StaffUser) -> bool:
    """Printing a cardholder's own access report for them is a disclosure to
    the cardholder: the same staff who run the disclosure flow."""
    return can_run_disclosure(user)
