"""The authorization matrix: every URL pattern, for anonymous and each role.

The expected result of every URL for every role is declared in ONE table,
`EXPECTED` (the Django admin: `ADMIN_SITE` and `ADMIN_MODELS`, classified as
one group by its prefix). The URL patterns are walked from the root URLconf;
a pattern nobody classified fails `test_every_url_pattern_is_classified` with
its name, so a new view cannot ship without a decision about who may use it.

Each request follows redirects and is classified by where it ends:
ALLOWED (2xx, or 400/409 for a form posted empty: it passed authorization),
LOGIN (ended on the log-in page), FORBIDDEN (403), NOT_FOUND (404).
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from organisation.roles import Role
from tests import factories
from tests.security.authorization_table import (
    ADMIN_ACTIONS,
    ADMIN_EXTRA_URLS,
    ADMIN_MODELS,
    ADMIN_NOT_REQUESTED,
    ADMIN_SITE,
    ALLOWED,
    ANONYMOUS,
    CONFIG,
    CONFIG_KEPT,
    EXPECTED,
    FORBIDDEN,
    KNOWN_GAPS,
    LOGIN,
    NOT_FOUND,
    ROLES,
    UNAUTHORIZED,
    VIEW_ONLY,
)
from tests.security.urlwalk import admin_routes, all_routes, app_routes
from tests.security.world import World

pytestmark = pytest.mark.django_db


def _outcome(client: Client, response) -> str:  # type: ignore[no-untyped-def]
    final_path = response.request["PATH_INFO"]
    if final_path == reverse("login") and response.redirect_chain:
        return LOGIN
    status = response.status_code
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status == 401:
        return UNAUTHORIZED
    if 200 <= status < 300 or status in (400, 409):
        return ALLOWED
    return f"unexpected status {status}"


def _request(client: Client, url: str, check_method: str = "get", data=None):  # type: ignore[no-untyped-def]
    if check_method == "post":
        return client.post(url, data or {}, follow=True)
    return client.get(url, follow=True)


def _client_for(world: World, role: str) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    return client


def test_every_url_pattern_is_classified():
    """A new URL fails here until its row in the table says who may use it."""
    problems = []
    for route in app_routes():
        if not route.name:
            problems.append(f"unnamed URL pattern {route.route!r}: name it and classify it")
        elif route.name not in EXPECTED:
            problems.append(f"URL {route.name!r} ({route.route}) is not in EXPECTED")
        elif route.params and EXPECTED[route.name].args is None:
            problems.append(f"URL {route.name!r} needs arguments {route.params}: give `args`")
    known_admin = set(ADMIN_SITE) | set(ADMIN_NOT_REQUESTED) | set(ADMIN_EXTRA_URLS)
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label not in ADMIN_MODELS:
            problems.append(f"admin model {label!r} is not in ADMIN_MODELS")
        for action in ADMIN_ACTIONS:
            known_admin.add(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}")
    for route in admin_routes():
        if route.name and route.name not in known_admin and route.name != "admin_login":
            problems.append(f"admin URL {route.name!r} ({route.route}) is not classified")
    names = {r.name for r in all_routes()}
    problems += [f"EXPECTED row {name!r} matches no URL" for name in EXPECTED if name not in names]
    assert problems == [], "\n".join(problems)


def _app_cases():
    names = {r.name for r in app_routes()} | {"admin_login"}
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True)]
            if name in KNOWN_GAPS
            else [],
        )
        for name in sorted(EXPECTED)
        if name in names
    ]


@pytest.mark.parametrize("url_name", _app_cases())
def test_url_gives_each_role_the_declared_result(world, url_name):
    """Anonymous, then each role from the least to the most privileged.

    One set of objects serves all six requests: a refusal is decided before
    any state changes, and an allowed empty POST changes nothing or leaves
    a state that later roles are still allowed (or refused) on.
    """
    check = EXPECTED[url_name]
    kwargs = check.args(world) if check.args else {}
    url = reverse(url_name, kwargs=kwargs) + check.query
    data = check.data(world) if check.data else None
    wrong = []
    for role in ROLES:
        client = _client_for(world, role)
        response = _request(client, url, check.method, data)
        got = _outcome(client, response)
        if got != check.expected[role]:
            wrong.append(
                f"{check.method.upper()} {url} as {role}: got {got} "
                f"({response.status_code} at {response.request['PATH_INFO']}), "
                f"expected {check.expected[role]}"
            )
    assert wrong == [], "\n".join(wrong)


def _admin_urls(world: World) -> list[tuple[str, str, str]]:
    """(url, model label or site name, action) for every admin page requested."""
    urls: list[tuple[str, str, str]] = [
        (reverse(name), name, "site") for name in ADMIN_SITE if name != "admin:logout"
    ]
    app_labels = {model._meta.app_label for model in admin.site._registry}
    for app_label in sorted(app_labels):
        urls.append((reverse("admin:app_list", args=[app_label]), app_label, "app_list"))
    for model in admin.site._registry:
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        pk = obj.pk if obj is not None else 0
        for action in ADMIN_ACTIONS:
            name = f"admin:{opts.app_label}_{opts.model_name}_{action}"
            args = [pk] if action in ("change", "delete", "history") else []
            urls.append((reverse(name, args=args), opts.label_lower, action))
    for name, (label, action) in ADMIN_EXTRA_URLS.items():
        model = next(m for m in admin.site._registry if m._meta.label_lower == label)
        obj = model._default_manager.order_by("pk").first()
        urls.append((reverse(name, args=[obj.pk if obj else 0]), label, action))
    return urls


def _ensure_admin_rows(world: World) -> None:
    """A row of each security model, so object pages show rather than redirect."""
    from auditlog.models import LogEntry
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.contenttypes.models import ContentType
    from django_otp.plugins.otp_totp.models import TOTPDevice

    common = {"user_agent": "test", "ip_address": "10.9.9.9", "username": "someone"}
    AccessAttempt.objects.create(
        **common, path_info="/", get_data="", post_data="", failures_since_start=1
    )
    AccessLog.objects.create(**common, path_info="/")
    AccessFailureLog.objects.create(**common, path_info="/", locked_out=False)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(world.branch),
        object_pk=str(world.branch.pk),
        object_repr="branch",
        action=LogEntry.Action.UPDATE,
        changes={},
    )
    TOTPDevice.objects.create(user=world.users[Role.SUPERVISOR.value], name="x")
    from retention.models import LegalHold

    LegalHold.objects.create(patron=world.obj("patron"), reason="matrix")


def _admin_expected(role: str, label: str, action: str) -> str:
    if role == ANONYMOUS:
        return LOGIN
    if role != Role.ADMINISTRATOR.value:
        return FORBIDDEN
    if action == "site":
        return ADMIN_SITE[label][role]
    if action == "app_list":
        kinds = {
            ADMIN_MODELS.get(m._meta.label_lower)
            for m in admin.site._registry
            if m._meta.app_label == label
        }
        return ALLOWED if kinds & {CONFIG, CONFIG_KEPT, VIEW_ONLY} else NOT_FOUND
    kind = ADMIN_MODELS[label]
    if kind == CONFIG:
        return ALLOWED
    if kind == CONFIG_KEPT:
        return FORBIDDEN if action == "delete" else ALLOWED
    if kind == VIEW_ONLY:
        return ALLOWED if action in ("changelist", "change", "history") else FORBIDDEN
    return FORBIDDEN


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_gives_each_role_the_declared_result(world, role):
    """Administrators configure; nobody else enters; patron data stays out."""
    factories.PatronFactory(home_branch=world.branch)  # something that must not show
    _ensure_admin_rows(world)
    client = _client_for(world, role)
    wrong = []
    for url, label, action in _admin_urls(world):
        if label not in ADMIN_MODELS and action not in ("site", "app_list"):
            continue  # reported by test_every_url_pattern_is_classified
        response = client.get(url, follow=True)
        got = _outcome(client, response)
        want = _admin_expected(role, label, action)
        if got != want:
            wrong.append(f"{url} ({label} {action}): got {got}, expected {want}")
    assert wrong == [], "\n".join(wrong)


def test_an_unverified_director_reaches_no_page_but_the_second_factor(world):
    """Password alone: every URL of the table leads to the second-factor step."""
    client = Client()
    user = world.users[Role.DIRECTOR.value]
    response = client.post(
        reverse("login"), {"username": user.username, "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    open_paths = {
        reverse(n)
        for n in (
            "login",
            "logout",
            "two_factor_verify",
            "two_factor_setup",
            # Signing on (again) through the directory: nothing to protect.
            "oidc_authentication_init",
            "oidc_authentication_callback",
        )
    }
    leaked = []
    for name, check in EXPECTED.items():
        url = reverse(name, kwargs=check.args(world) if check.args else {})
        # Like static files, the site icon holds nothing to protect.
        if url in open_paths or name in ("healthz", "favicon"):
            continue
        got = client.get(url)
        if got.status_code != 302 or "/accounts/two-factor/" not in got["Location"]:
            leaked.append(f"{url}: {got.status_code}")
    assert leaked == []
