"""The request mix of a busy branch desk, defined once.

Both sides read this: the orchestrator (Django side) resolves each URL
name to a path and writes the plan that Locust reads; the Locust file
(its own virtualenv, no Django) only follows the plan. To follow a view
that changes method or form (a GET that becomes a POST, a search that
moves into a form body), edit its Action here and nothing else.

This module imports nothing from Django at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# What an action needs before it can be sent (see locustfile.Desk.need).
NEEDS = {
    "card": "a random active card barcode",
    "patron": "a patron in view (scans a card first when there is none)",
    "item_available": "an available item barcode, with a patron in view",
    "item_on_loan": "an item this desk lent earlier in the run",
    "renewable": "a renew form on the summary of the patron in view",
    "": "nothing",
}


@dataclass(frozen=True)
class Action:
    """One kind of request a desk sends.

    name: the label in Locust's statistics (stable: the docs' tables use it).
    url_name: the Django URL name; with args for URL parameters that the
        desk fills in at run time ("{loan_id}").
    form: the urlencoded body (POST) or query (GET); "{barcode}" and
        "{patron_id}" are filled in at run time.
    ok: statuses that are a correct answer (a blocked checkout's 409 is the
        desk being told why, not an error).
    role: "desk" (every desk) or "supervisor" (only supervisors' desks).
    optional: dropped from the plan when the URL name does not resolve
        (a view not merged yet), instead of failing the run.
    """

    name: str
    url_name: str
    method: str
    weight: int
    needs: str = ""
    form: dict[str, str] = field(default_factory=dict)
    url_args: tuple[str, ...] = ()
    ok: tuple[int, ...] = (200,)
    role: str = "desk"
    htmx: bool = True
    optional: bool = False


BASELINE = "baseline"
SCAN = "scan_card"

MIX: tuple[Action, ...] = (
    # The baseline: one indexed query behind the same login and middleware,
    # sent by the same desks in the same run, so it sees the same load.
    Action(BASELINE, "bench-baseline", "POST", 8, "card", {"barcode": "{barcode}"}),
    Action(SCAN, "desk:scan", "POST", 8, "card", {"barcode": "{barcode}"}, ok=(200,)),
    Action(
        "checkout",
        "desk:scan",
        "POST",
        3,
        "item_available",
        {"barcode": "{barcode}"},
        ok=(200, 409),
    ),
    # A return, on purpose: an item lent to the patron in view moments ago
    # would otherwise be taken for a double read.
    Action(
        "checkin", "desk:scan", "POST", 3, "item_on_loan", {"barcode": "{barcode}", "checkin": "on"}
    ),
    # As the summary's one renew form sends it: the pressed button names the loan.
    Action(
        "renew",
        "desk:renew_chosen",
        "POST",
        2,
        "renewable",
        {"loan": "{loan_id}"},
        ok=(200, 409),
    ),
    Action(
        "disclosure",
        "privacy:disclose",
        "POST",
        2,
        "patron",
        {"patron": "{patron_id}", "ask": "cardholder:card"},
    ),
    Action("next_patron", "desk:next", "POST", 1),
    Action("desk_screen", "desk:screen", "GET", 1, htmx=False),
    Action(
        "complaint_list",
        "complaints:list",
        "GET",
        2,
        form={"status": "active"},
        role="supervisor",
        htmx=False,
    ),
    Action(
        "report_comments",
        "complaints:comment_report",
        "GET",
        1,
        role="supervisor",
        htmx=False,
    ),
)

# One desk in this many is a supervisor's (complaints, reports).
SUPERVISOR_EVERY = 5
# Think time between two requests of one desk, seconds (uniform): a busy
# desk with a queue, scanning about once a second.
THINK_SECONDS = (0.5, 1.5)
# Every desk stops after this many requests, whatever the run time.
MAX_REQUESTS_PER_DESK = 5_000


def resolve(reverse: Callable[..., str], mix: tuple[Action, ...] = MIX) -> list[dict[str, Any]]:
    """The plan's actions: each URL name reversed to a path template.

    `reverse` is django.urls.reverse. URL arguments are reversed with a
    placeholder number and put back as "{name}". Raises NoReverseMatch for
    a missing URL unless the action is optional (then it is left out).
    """
    from django.urls import NoReverseMatch

    out = []
    for action in mix:
        placeholders = [str(900_000_001 + i) for i in range(len(action.url_args))]
        try:
            path = reverse(action.url_name, args=placeholders)
        except NoReverseMatch:
            if action.optional:
                continue
            raise
        for number, arg in zip(placeholders, action.url_args, strict=True):
            path = path.replace(number, arg)
        out.append(
            {
                "name": action.name,
                "path": path,
                "method": action.method,
                "weight": action.weight,
                "needs": action.needs,
                "form": action.form,
                "ok": list(action.ok),
                "role": action.role,
                "htmx": action.htmx,
            }
        )
    return out


FORM = "application/x-www-form-urlencoded"


def fill(template: str, values: dict[str, Any]) -> str:
    """`template` with each "{name}" replaced by values[name]."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def request_for(
    action: dict[str, Any], values: dict[str, Any]
) -> tuple[str, str, str, dict[str, str]]:
    """(method, path with any query, urlencoded body, headers) of a planned
    action with its run-time values; the caller adds the CSRF token."""
    from urllib.parse import urlencode

    path = fill(action["path"], values)
    form = urlencode({k: fill(v, values) for k, v in action["form"].items()})
    headers = {"HX-Request": "true"} if action["htmx"] else {}
    if action["method"] == "GET":
        return "GET", f"{path}?{form}" if form else path, "", headers
    return action["method"], path, form, {**headers, "Content-Type": FORM}


def settle_seconds(desks: int) -> int:
    """Time for `desks` desks to log in before the measured seconds start:
    the locustfile resets the statistics once every desk is in (a log-in
    hashes a password, hundreds of milliseconds of CPU, once a shift)."""
    return 3 + desks // 5
