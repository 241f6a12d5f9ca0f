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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from libraryservice.roles import Role
from tests import factories
from tests.security.urlwalk import admin_routes, all_routes, app_routes
from tests.security.world import World

pytestmark = pytest.mark.django_db

ALLOWED = "allowed"
LOGIN = "redirect-to-login"
FORBIDDEN = "403"
NOT_FOUND = "404"
UNAUTHORIZED = "401"  # the station endpoint without its station's token

ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    Role.VOLUNTEER.value,
    Role.DESK_STAFF.value,
    Role.SUPERVISOR.value,
    Role.DIRECTOR.value,
    Role.ADMINISTRATOR.value,
)


def expect(
    *,
    anonymous: str = LOGIN,
    volunteer: str,
    desk_staff: str,
    supervisor: str,
    director: str,
    administrator: str,
) -> dict[str, str]:
    return {
        ANONYMOUS: anonymous,
        Role.VOLUNTEER.value: volunteer,
        Role.DESK_STAFF.value: desk_staff,
        Role.SUPERVISOR.value: supervisor,
        Role.DIRECTOR.value: director,
        Role.ADMINISTRATOR.value: administrator,
    }


def capability(roles: tuple[Role, ...], denied: str = FORBIDDEN, anonymous: str = LOGIN):
    """Allowed to the roles given, `denied` to every other role."""
    names = {r.value for r in roles}
    return {
        ANONYMOUS: anonymous,
        **{r.value: (ALLOWED if r.value in names else denied) for r in Role},
    }


EVERYONE = {role: ALLOWED for role in ROLES}
STATION_TOKEN = {role: UNAUTHORIZED for role in ROLES}
ANY_STAFF = capability(tuple(Role))
DESK = capability((Role.VOLUNTEER, Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR))
STAFF = capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR))
SUPERVISORS = capability((Role.SUPERVISOR, Role.DIRECTOR))
DIRECTOR = capability((Role.DIRECTOR,))
ADMINISTRATOR = capability((Role.ADMINISTRATOR,))
DIRECTOR_ONLY_404 = capability((Role.DIRECTOR,), denied=NOT_FOUND)
# A complaint open at the desk, logged by the desk-staff user: its logger,
# the branch supervisor and the Director see it; nobody else learns it exists.
OPEN_COMPLAINT = capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND)
# In formal review, assigned to the Director: the branch supervisor sees it
# but may not work it; the logger and everyone else no longer see it.
IN_REVIEW = {
    **DIRECTOR_ONLY_404,
    Role.SUPERVISOR.value: FORBIDDEN,
}


@dataclass
class Check:
    """How to request one URL and what each role must get."""

    expected: dict[str, str]
    method: str = "get"
    args: Callable[[World], dict[str, Any]] | None = None
    data: Callable[[World], dict[str, Any]] | None = None
    query: str = ""


def ids(**kinds: str) -> Callable[[World], dict[str, Any]]:
    """URL kwargs from world objects: ids(patron_id="patron") -> {"patron_id": pk}."""
    return lambda w: {arg: w.obj(kind).pk for arg, kind in kinds.items()}


# --- THE TABLE ---------------------------------------------------------------
# url name -> how to request it and the expected result per role.
EXPECTED: dict[str, Check] = {
    "home": Check(ANY_STAFF),
    "healthz": Check(EVERYONE),
    "login": Check(EVERYONE),
    "logout": Check({role: LOGIN for role in ROLES}, method="post"),
    "two_factor_verify": Check(ANY_STAFF),
    "two_factor_setup": Check(ANY_STAFF),
    "admin_login": Check(
        expect(
            volunteer=FORBIDDEN,
            desk_staff=FORBIDDEN,
            supervisor=FORBIDDEN,
            director=FORBIDDEN,
            administrator=ALLOWED,
        )
    ),
    # Desk (circulation): every desk role; fee waivers and block overrides
    # for supervisors and the Director. Most are POST-only: an empty POST is
    # refused by the form (400) or by the state (409) after authorization.
    "desk:screen": Check(DESK),
    "desk:scan": Check(DESK, method="post", data=lambda w: {"barcode": w.obj("card").barcode}),
    "desk:next": Check(DESK, method="post"),
    "desk:patron": Check(DESK, args=ids(patron_id="patron")),
    "desk:override": Check(SUPERVISORS, method="post"),
    "desk:hold_place": Check(DESK, method="post"),
    "desk:hold_cancel": Check(DESK, method="post", args=ids(hold_id="hold")),
    "desk:renew": Check(DESK, method="post", args=ids(loan_id="loan")),
    # Declaring an item lost charges the patron: staff roles, not volunteers.
    "desk:loan_lost": Check(STAFF, method="post", args=ids(loan_id="loan")),
    "desk:fee_pay": Check(DESK, method="post", args=ids(fee_id="fee")),
    "desk:fee_waive": Check(SUPERVISORS, method="post", args=ids(fee_id="fee")),
    # Patron records: staff who register and edit patrons (not volunteers).
    "patrons:register": Check(STAFF),
    "patrons:search": Check(STAFF),
    "patrons:detail": Check(STAFF, args=ids(patron_id="patron")),
    "patrons:edit": Check(STAFF, args=ids(patron_id="patron")),
    "patrons:card_new": Check(STAFF, method="post", args=ids(patron_id="patron")),
    "patrons:guardian_add": Check(STAFF, method="post", args=ids(patron_id="patron")),
    "patrons:proxy_add": Check(STAFF, method="post", args=ids(patron_id="patron")),
    "patrons:proxy_revoke": Check(
        STAFF, method="post", args=ids(patron_id="patron", proxy_id="proxy")
    ),
    "retention:withdraw_history": Check(
        capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND),
        args=ids(patron_id="patron"),
    ),
    # Privacy: the disclosure flow (run_disclosure), loan history and the
    # access report (staff roles), the rule simulator (administrators).
    "privacy:disclose": Check(STAFF, method="post"),
    "privacy:log_referral": Check(STAFF, method="post"),
    "privacy:guardian_sharing": Check(STAFF, method="post"),
    "privacy:loan_history": Check(
        capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND),
        args=ids(patron_id="patron"),
    ),
    "privacy:access_report": Check(
        capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND),
        args=ids(patron_id="patron"),
    ),
    "privacy:simulate_rules": Check(
        capability((Role.ADMINISTRATOR,), denied=NOT_FOUND), method="post"
    ),
    # Complaints. `complaint`: open, logged by the desk-staff user at the
    # branch (so visible to its logger, the branch supervisor, the Director).
    "complaints:list": Check(DESK),
    "complaints:create": Check(DESK),
    "complaints:detail": Check(OPEN_COMPLAINT, args=ids(complaint_id="complaint")),
    "complaints:attachment": Check(OPEN_COMPLAINT, args=ids(attachment_id="attachment")),
    "complaints:attachment_upload": Check(
        OPEN_COMPLAINT, method="post", args=ids(complaint_id="complaint")
    ),
    "complaints:resolve": Check(OPEN_COMPLAINT, method="post", args=ids(complaint_id="complaint")),
    "complaints:escalate": Check(
        {**OPEN_COMPLAINT, Role.DESK_STAFF.value: FORBIDDEN},
        method="post",
        args=ids(complaint_id="complaint"),
    ),
    # In formal review (`escalated_complaint`, assigned to the Director): only
    # the handler works it; the logger no longer sees it once escalated.
    **{
        f"complaints:{action}": Check(
            IN_REVIEW, method="post", args=ids(complaint_id="escalated_complaint")
        )
        for action in ("update", "pause", "resume", "decide")
    },
    **{
        f"complaints:{action}": Check(
            IN_REVIEW, method="post", args=ids(complaint_id="decided_complaint")
        )
        for action in ("appeal", "close")
    },
    "complaints:letter": Check(
        {**IN_REVIEW, Role.SUPERVISOR.value: ALLOWED},
        args=ids(complaint_id="decided_complaint"),
    ),
    "complaints:review": Check(SUPERVISORS),
    "complaints:review_csv": Check(SUPERVISORS),
    "complaints:comment_create": Check(DESK),
    "complaints:comment_report": Check(SUPERVISORS),
    "complaints:incident_create": Check(DESK),
    "complaints:incident_list": Check(SUPERVISORS),
    "complaints:incident_detail": Check(
        capability((Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND),
        args=ids(incident_id="incident"),
    ),
    # Reconsideration of materials: logged by any desk role, then the Director's.
    "complaints:reconsideration_create": Check(DESK),
    "complaints:reconsideration_list": Check(DIRECTOR),
    "complaints:reconsideration_detail": Check(
        DIRECTOR_ONLY_404, args=ids(request_id="reconsideration")
    ),
    **{
        f"complaints:reconsideration_{action}": Check(
            DIRECTOR_ONLY_404, method="post", args=ids(request_id="reconsideration")
        )
        for action in ("acknowledge", "member", "decide", "appeal", "close")
    },
    "complaints:reconsideration_letter": Check(
        DIRECTOR_ONLY_404,
        args=lambda w: {"request_id": w.obj("reconsideration").pk, "kind": "acknowledgement"},
    ),
    # Notices: every staff member reads their own; someone else's is a 404.
    "notices:list": Check(ANY_STAFF),
    "notices:read_all": Check(ANY_STAFF, method="post"),
    "notices:read": Check(
        capability((Role.DESK_STAFF,), denied=NOT_FOUND),
        method="post",
        args=ids(notice_id="notice"),
    ),
    # The site icon, for browsers that ask for /favicon.ico: nothing private.
    "favicon": Check(EVERYONE),
}

# Programs and public computers (issue 13): desk work for every desk role;
# planning a program for staff roles. The station endpoint is its own kind:
# a station's token opens it, never a user's session (401 for everyone).
EXPECTED.update(
    {
        "programs:list": Check(DESK),
        "programs:create": Check(STAFF),
        "programs:detail": Check(DESK, args=ids(program_id="program")),
        **{
            f"programs:{name}": Check(DESK, method="post", args=ids(program_id="program"))
            for name in ("signup", "signup_name", "attend_scan", "attend_tick", "walk_ins")
        },
        **{
            f"programs:{name}": Check(
                DESK, method="post", args=ids(program_id="program", signup_id="signup")
            )
            for name in ("cancel", "called")
        },
        # Cancelling a whole program is planning: staff roles.
        "programs:cancel_program": Check(STAFF, method="post", args=ids(program_id="program")),
        "computers:board": Check(DESK),
        "computers:start": Check(DESK, method="post", args=ids(station_id="station")),
        "computers:extend": Check(DESK, method="post", args=ids(session_id="computer_session")),
        "computers:end": Check(DESK, method="post", args=ids(session_id="computer_session")),
        "computers:guest_pass": Check(DESK, method="post"),
        "computers:queue_join": Check(DESK, method="post"),
        "computers:queue_cancel": Check(DESK, method="post", args=ids(entry_id="queue_entry")),
        "computers:api_state": Check(STATION_TOKEN),
        "computers:api_start": Check(STATION_TOKEN, method="post"),
        "computers:api_end": Check(
            STATION_TOKEN, method="post", args=ids(session_id="computer_session")
        ),
        "computers:api_other": Check(STATION_TOKEN, args=lambda w: {"rest": "v1/anything"}),
        # Counts by branch, month, age band (and station type): supervisors
        # and the Director, in the reports area.
        "programs:report": Check(SUPERVISORS),
        "computers:report": Check(SUPERVISORS),
    }
)

# Separation of duties for staff accounts (DESIGN section 4): the Director's
# staff-access page (403 for other roles: its existence is no secret, its
# content is), and the set-password page a link in an e-mail opens, which
# anyone may open (the token, not the session, decides; a bad one says so).
EXPECTED.update(
    {
        "staff_access": Check(DIRECTOR),
        "password_reset_confirm": Check(
            EVERYONE, args=lambda w: {"uidb64": "MA", "token": "not-a-token"}
        ),
        "password_reset_complete": Check(EVERYONE),
    }
)

# Legal requests (legal app): the Director's, and a designee's when named on
# one; nobody else learns that a request exists (404), administrators
# included. The desk logs a request from its law-enforcement answer.
LEGAL = DIRECTOR_ONLY_404
EXPECTED.update(
    {
        "legal:intake": Check(STAFF, method="post"),
        "legal:queue": Check(LEGAL),
        "legal:detail": Check(LEGAL, args=ids(request_id="legal_request")),
        **{
            f"legal:{action}": Check(LEGAL, method="post", args=ids(request_id="legal_request"))
            for action in (
                "counsel",
                "designee",
                "scope",
                "document_upload",
                "warrant",
                "seize",
                "nondisclosure",
                "produce",
                "refuse",
                "close",
                "hold_place",
                "hold_release",
            )
        },
        # A designee (the supervisor here) works the request but never
        # names or removes designees.
        "legal:designee_remove": Check(
            {**LEGAL, Role.SUPERVISOR.value: FORBIDDEN},
            method="post",
            args=lambda w: {
                "request_id": w.obj("legal_designated").pk,
                "user_id": w.users[Role.SUPERVISOR.value].pk,
            },
        ),
        "legal:document": Check(LEGAL, args=ids(document_id="legal_document")),
        "legal:acknowledgement": Check(LEGAL, args=ids(request_id="legal_emergency")),
        "legal:hand_over": Check(LEGAL, method="post", args=ids(production_id="legal_production")),
        "legal:production_file": Check(LEGAL, args=ids(file_id="legal_file")),
        "legal:production_zip": Check(LEGAL, args=ids(production_id="legal_production")),
        "legal:notice_letter": Check(LEGAL, args=ids(notice_id="legal_notice")),
    }
)

# Reports: the index answers whoever some registered section's own policy
# lets in (reports.registry); each section's pages have their own rows.
EXPECTED.update(
    {
        "reports:index": Check(SUPERVISORS),
    }
)

# The desk's own work (DESIGN section 8): every desk role records
# inquiries and tallies, takes callbacks and keeps the waiting list; a
# callback is closed by staff or by whoever took it (here the desk-staff
# user, so a volunteer is refused); statistics are for supervisors and the
# Director. Closing twice answers 409, which still passed authorization.
EXPECTED.update(
    {
        "desk:inquiries": Check(DESK),
        "desk:tally": Check(DESK, method="post"),
        "desk:callbacks": Check(DESK),
        "desk:callback_done": Check(STAFF, method="post", args=ids(callback_id="callback")),
        "desk:callback_cancel": Check(STAFF, method="post", args=ids(callback_id="callback")),
        "desk:waiting": Check(DESK),
        "desk:waiting_next": Check(DESK, method="post"),
        "desk:waiting_left": Check(DESK, method="post", args=ids(entry_id="waiting_entry")),
        "desk:work_panel": Check(DESK),
        "desk:stats": Check(SUPERVISORS),
        "desk:stats_csv": Check(SUPERVISORS, args=lambda w: {"report": "hour"}),
    }
)

# The Django admin, one group: site pages by name, model pages by model.
ADMIN_SITE: dict[str, dict[str, str]] = {
    "admin:index": ADMINISTRATOR,
    "admin:login": ADMINISTRATOR,  # shadowed by admin_login above
    "admin:password_change": ADMINISTRATOR,
    "admin:password_change_done": ADMINISTRATOR,
    "admin:jsi18n": ADMINISTRATOR,
}
# Routes of the admin group not requested one by one, and why.
ADMIN_NOT_REQUESTED = {
    "admin:logout": "POST only; covered by `logout`",
    "admin:autocomplete": "needs a model and field in its query; 403 without them",
    "admin:view_on_site": "redirects to the object's own page, covered by its app's row",
    "admin:app_list": "requested per app label below",
}
CONFIG = "configuration"  # administrators edit it
CONFIG_KEPT = "configuration, never deleted"  # edited, not deleted
VIEW_ONLY = "view only"  # administrators read it
NO_ADMIN = "not for administrators"  # patron data, security records
ADMIN_MODELS: dict[str, str] = {
    "auth.group": VIEW_ONLY,
    "auth.user": CONFIG,
    "auditlog.logentry": NO_ADMIN,  # change history of patron records
    "axes.accessattempt": NO_ADMIN,
    "axes.accesslog": NO_ADMIN,
    "axes.accessfailurelog": NO_ADMIN,
    "otp_totp.totpdevice": NO_ADMIN,
    "libraryservice.librarysystem": CONFIG,
    "libraryservice.branch": CONFIG,
    "libraryservice.holiday": CONFIG,
    "circulation.loanrule": CONFIG,
    "retention.retentionrule": CONFIG,
    "retention.expungerun": VIEW_ONLY,  # counts only
    "retention.legalhold": NO_ADMIN,  # names a patron; placed by the legal workflow
    "privacy.jurisdictionruleset": CONFIG,
    "complaints.complaintsettings": CONFIG,  # deleting brings back the defaults
    "programs.room": CONFIG,
    "computers.station": CONFIG,  # tokens: only their hash is kept
    "computers.computersettings": CONFIG,
    "desk.inquirytype": CONFIG,  # lists desks choose from; no patron data
    "desk.referraltarget": CONFIG,
}
# Model URL names beyond the standard five, by model.
ADMIN_EXTRA_URLS = {
    # Django's page for setting someone's password is removed: administrators
    # send a set-password link instead, and reset a lost second factor.
    "admin:auth_user_send_password_link": ("auth.user", "change"),
    "admin:auth_user_reset_second_factor": ("auth.user", "change"),
    "admin:otp_totp_totpdevice_config": ("otp_totp.totpdevice", "change"),
    "admin:otp_totp_totpdevice_qrcode": ("otp_totp.totpdevice", "change"),
}
ADMIN_ACTIONS = ("changelist", "add", "change", "delete", "history")
# URLs whose row is wrong on main today, each with the reason; they xfail
# (strict: a row that starts passing must leave this list).
KNOWN_GAPS: dict[str, str] = {}
# ------------------------------------------------------------------------------


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
    open_paths = {reverse(n) for n in ("login", "logout", "two_factor_verify", "two_factor_setup")}
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
