"""Nothing that can carry a name reaches an address; no query string breaks a list.

1. Every template's GET forms are walked: a field whose name or label
   suggests a patron's name, barcode, e-mail, phone or a free-text search
   fails the test (such a search is a POST, as the patron search is, so
   the term never reaches an address bar, a history or an access log).
2. Every list view (a GET URL without arguments) gets hostile query
   strings as every role: NUL bytes, non-ASCII digits, 10 kB strings, SQL,
   out-of-range dates and ids. The answer is never a 500.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from tests.security.urlwalk import app_routes
from tests.security.world import World, build_world

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
SUSPECT = re.compile(
    r"(^|[^a-z])(q|query|search|name|first_name|last_name|full_name|barcode|card|email|e-mail"
    r"|mail|phone|tel|contact|patron|address)([^a-z]|$)",
    re.IGNORECASE,
)


class _Forms(HTMLParser):
    """Each GET form's field names and label texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").strip().lower() or "get"
            self._current = {"method": method, "fields": [], "labels": [], "line": self.getpos()[0]}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea", "button"):
            if a.get("type", "").lower() not in ("submit", "hidden") or tag != "input":
                name = a.get("name", "")
                if name:
                    self._current["fields"].append(name)
            if a.get("type", "").lower() == "search":
                self._current["fields"].append("type=search")
        elif self._current is not None and tag == "label":
            self._in_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "label":
            self._in_label = False

    def handle_data(self, data: str) -> None:
        if self._in_label and self._current is not None and data.strip():
            self._current["labels"].append(data.strip())


def get_form_problems(text: str) -> list[str]:
    """Fields of GET forms in `text` that could carry a name, barcode,
    e-mail, phone or free text."""
    parser = _Forms()
    parser.feed(text)
    problems = []
    for form in parser.forms:
        if form["method"] == "post":
            continue
        for word in form["fields"] + form["labels"]:
            if word == "type=search" or SUSPECT.search(word):
                problems.append(f"line {form['line']}: GET form field {word!r}")
    return problems


def _templates() -> list[Path]:
    return sorted({p for d in TEMPLATE_DIRS if d.is_dir() for p in d.rglob("*.html")})


def test_no_get_form_carries_a_name_barcode_email_phone_or_search():
    found = {}
    forms = 0
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        forms += text.lower().count("<form")
        problems = get_form_problems(text)
        if problems:
            found[str(path.relative_to(ROOT))] = problems
    assert forms > 10, "the walk found no forms: are the templates where it looks?"
    assert found == {}


@pytest.mark.parametrize(
    "html",
    [
        '<form method="get"><label for="q">Search</label><input name="q"></form>',
        '<form><input type="text" name="patron_name"></form>',
        '<form method="GET"><input name="x"><label>Card barcode</label></form>',
        '<form action="/x/"><input type="search" name="term"></form>',
    ],
)
def test_the_walk_catches_a_get_form_with_a_search(html):
    assert get_form_problems(html) != []


def test_the_walk_lets_post_forms_and_harmless_get_filters_through():
    assert get_form_problems('<form method="post"><input name="q"></form>') == []
    assert get_form_problems('<form method="get"><select name="status"></select></form>') == []


# ------------------------------------------------------------- query strings

KEYS = [
    "q",
    "status",
    "page",
    "patron",
    "item",
    "branch",
    "date",
    "from",
    "to",
    "start",
    "end",
    "since",
    "until",
    "id",
    "kind",
    "sort",
    "order",
    "next",
    "open",
    "months",
]
HOSTILE = [
    "\x00",
    "ab\x00cd",
    "²0000000000014",
    "C-²1",
    "٢٠٠٠٠٠٠٠٠٠٠٠١٤",
    "x" * 10_240,
    "'; DROP TABLE complaints_complaint; --",
    "0001-01-01",
    "9999-12-31",
    "-1",
    "99999999999999999999999",
    "1e309",
]


def list_routes() -> list[str]:
    """Named app routes that take no argument (logging out is a POST, and
    would end the session the other requests need)."""
    return sorted(r.name for r in app_routes() if r.name and not r.params and r.name != "logout")


def _roles(world: World) -> list[tuple[str, Client]]:
    """A client per role (an anonymous one only ever meets the log-in redirect)."""
    clients = []
    for role, user in world.users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append((role, client))
    return clients


@pytest.mark.django_db
@pytest.mark.parametrize("name", list_routes())
def test_hostile_query_strings_never_break_a_list_view(branch, other_branch, name):
    from django.urls import reverse

    world = build_world(branch, other_branch)
    url = reverse(name)
    failures = []
    for role, client in _roles(world):
        for value in HOSTILE:
            response = client.get(url, {key: value for key in KEYS})
            if response.status_code >= 500:
                failures.append(f"{role} {value[:20]!r}: {response.status_code}")
    assert failures == []
