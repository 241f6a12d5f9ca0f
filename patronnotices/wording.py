"""The words of notices: the library's templates (per branch where a
branch has its own), the shipped defaults, and rendering them.

Templates are Django template texts rendered with plain values only (no
model object reaches them): the names below. `title` is empty unless the
patron asked for titles and the notice may carry them (rules.plan_notice).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.template import Context, Engine, TemplateSyntaxError

from organisation.models import Branch
from patronnotices.models import Kind, NoticeTemplate

# What a template may use (docs/notices.md lists them for administrators).
FIELDS = {
    "first_name": "The cardholder's first name",
    "library": "The library's name",
    "branch": "The branch's name",
    "branch_phone": "The branch's phone number",
    "title": "The title, only for patrons who asked for titles (else empty)",
    "due_date": "The due date (courtesy and overdue notices)",
    "days_overdue": "Days past the due date (overdue notices)",
    "pickup_by": "The last day to pick up (hold ready)",
    "expires_on": "The card's expiry date (card expiring)",
    "amount": "The fee's amount (fee)",
}

DEFAULTS: dict[str, tuple[str, str, str]] = {
    Kind.HOLD_READY: (
        "Your hold is ready at {{ branch }}",
        "Dear {{ first_name }},\n\n"
        '{% if title %}"{{ title }}"{% else %}An item you asked for{% endif %} is waiting '
        "for you at {{ branch }}. Please pick it up by {{ pickup_by }}.\n\n{{ library }}",
        '{{ library }}: {% if title %}"{{ title }}"{% else %}your hold{% endif %} is ready at '
        "{{ branch }}. Pick up by {{ pickup_by }}.",
    ),
    Kind.COURTESY: (
        "Due soon: an item from {{ library }}",
        "Dear {{ first_name }},\n\n"
        '{% if title %}"{{ title }}"{% else %}An item you borrowed{% endif %} is due on '
        "{{ due_date }}. You can renew it at {{ branch }}"
        "{% if branch_phone %} ({{ branch_phone }}){% endif %}.\n\n{{ library }}",
        '{{ library }}: {% if title %}"{{ title }}"{% else %}an item{% endif %} is due '
        "{{ due_date }}.",
    ),
    Kind.OVERDUE_FIRST: (
        "Overdue: an item from {{ library }}",
        "Dear {{ first_name }},\n\n"
        '{% if title %}"{{ title }}"{% else %}An item you borrowed{% endif %} was due on '
        "{{ due_date }}, {{ days_overdue }} day{{ days_overdue|pluralize }} ago. Please return "
        "or renew it.\n\n{{ library }}",
        '{{ library }}: {% if title %}"{{ title }}"{% else %}an item{% endif %} was due '
        "{{ due_date }}. Please return or renew it.",
    ),
    Kind.OVERDUE_SECOND: (
        "Second notice: an overdue item from {{ library }}",
        "Dear {{ first_name }},\n\n"
        '{% if title %}"{{ title }}"{% else %}An item you borrowed{% endif %} is now '
        "{{ days_overdue }} days overdue (due {{ due_date }}). Please return it to "
        "{{ branch }}{% if branch_phone %} or call {{ branch_phone }}{% endif %}.\n\n{{ library }}",
        '{{ library }}: second notice, {% if title %}"{{ title }}"{% else %}an item{% endif %} '
        "is {{ days_overdue }} days overdue.",
    ),
    Kind.CARD_EXPIRING: (
        "Your library card expires on {{ expires_on }}",
        "Dear {{ first_name }},\n\nYour library card expires on {{ expires_on }}. "
        "Renew it at any branch; bring a photo ID.\n\n{{ library }}",
        "{{ library }}: your card expires {{ expires_on }}. Renew it at any branch.",
    ),
    Kind.FEE: (
        "A fee on your library account",
        "Dear {{ first_name }},\n\nA fee of {{ amount }} was added to your account"
        '{% if title %} for "{{ title }}"{% endif %}. You can pay it at {{ branch }}.\n\n'
        "{{ library }}",
        "{{ library }}: a fee of {{ amount }} is on your account.",
    ),
}

_ENGINE = Engine(autoescape=False, string_if_invalid="")


@dataclass(frozen=True)
class Words:
    subject: str
    body: str
    sms: str


def compile_text(text: str) -> None:
    """Raise TemplateSyntaxError for a text that is not a valid template."""
    _ENGINE.from_string(text)


def template_for(*, kind: str, branch: Branch) -> tuple[str, str, str]:
    """(subject, body, sms) of the kind at the branch: the branch's own
    wording, else the library's, else the shipped default."""
    rows = sorted(
        NoticeTemplate.objects.filter(system_id=branch.system_id, kind=kind).filter(
            Q(branch__isnull=True) | Q(branch_id=branch.pk)
        ),
        key=lambda t: t.branch_id is None,
    )
    if rows:
        return rows[0].subject, rows[0].body, rows[0].sms_body
    return DEFAULTS[kind]


def render(texts: tuple[str, str, str], values: dict[str, Any]) -> Words:
    """The three texts with the values filled in. Raises
    TemplateSyntaxError for a broken template."""
    context = {k: _plain(v) for k, v in values.items()}
    subject, body, sms = (
        _ENGINE.from_string(t).render(Context(context, autoescape=False)) for t in texts
    )
    return Words(" ".join(subject.split()), body.strip(), " ".join(sms.split()))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return f"{value:%B} {value.day}, {value.year}"
    if isinstance(value, Decimal):
        return f"${value:,.2f}"
    return value


def sample_values(
    *, kind: str, library: str, branch: Branch | None, with_titles: bool
) -> dict[str, Any]:
    """Invented values for a preview: never a real patron's."""
    day = datetime.date(2026, 3, 14)
    return {
        "first_name": "Sample",
        "library": library,
        "branch": branch.name if branch is not None else "Sample Branch",
        "branch_phone": (branch.phone if branch is not None else "") or "555-0100",
        "title": "An Invented Book Title" if with_titles else "",
        "due_date": day,
        "days_overdue": 3 if kind == Kind.OVERDUE_FIRST else 14,
        "pickup_by": day,
        "expires_on": day,
        "amount": Decimal("2.50"),
    }


__all__ = ["FIELDS", "TemplateSyntaxError", "Words", "render", "sample_values", "template_for"]
