"""The authorization matrix's table: every URL name, and what anonymous
visitors and each role must get from it (tests/security/
test_authorization_matrix.py requests them all). Kept apart from the
requests so that the decisions read as one list: a new view adds its row
here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from organisation.roles import Role
from tests.security.world import World

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
    # Sign-on through OpenID Connect: not found while it is not set up (as
    # here); tests/signon covers it switched on.
    "oidc_authentication_init": Check({role: NOT_FOUND for role in ROLES}),
    "oidc_authentication_callback": Check({role: NOT_FOUND for role in ROLES}),
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
    # The catalogue at the desk: titles and copies name no patron; a hold is
    # placed for a patron the user may see.
    "circulation:title_search": Check(DESK),
    "circulation:title_detail": Check(
        DESK, args=lambda w: {"title_id": w.obj("item").title_record_id}
    ),
    "circulation:copy_detail": Check(DESK, args=ids(item_id="item")),
    "circulation:title_hold": Check(
        DESK,
        method="post",
        args=lambda w: {"title_id": w.obj("item").title_record_id},
        data=lambda w: {"patron": w.obj("patron").pk},
    ),
    # The summary's one form per action: the same rules, the row in the post.
    "desk:renew_chosen": Check(DESK, method="post", data=lambda w: {"loan": w.obj("loan").pk}),
    "desk:loan_lost_chosen": Check(STAFF, method="post", data=lambda w: {"loan": w.obj("loan").pk}),
    "desk:hold_cancel_chosen": Check(
        DESK, method="post", data=lambda w: {"hold": w.obj("hold").pk}
    ),
    "desk:fee_pay_chosen": Check(DESK, method="post", data=lambda w: {"fee": w.obj("fee").pk}),
    "desk:fee_waive_chosen": Check(
        SUPERVISORS, method="post", data=lambda w: {"fee": w.obj("fee").pk}
    ),
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
    "patrons:withdraw_history": Check(
        capability((Role.DESK_STAFF, Role.SUPERVISOR, Role.DIRECTOR), denied=NOT_FOUND),
        args=ids(patron_id="patron"),
    ),
    # Privacy: the disclosure flow (run_disclosure), loan history and the
    # access report (staff roles), the rule simulator (administrators).
    "privacy:disclose": Check(STAFF, method="post"),
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
        "computers:api_root": Check(STATION_TOKEN),
        # Counts by branch, month, age band (and station type): supervisors
        # and the Director, in the reports area.
        "programs:report": Check(SUPERVISORS),
        "computers:report": Check(SUPERVISORS),
    }
)

# Self-service PINs (issue 25): set with the cardholder at the desk, and a
# lock lifted there; every desk role.
EXPECTED.update(
    {
        "sip2:pin": Check(DESK, args=ids(patron_id="patron")),
        "sip2:pin_unlock": Check(DESK, method="post", args=ids(patron_id="patron")),
    }
)

# Separation of duties for staff accounts (DESIGN section 4): the Director's
# staff-access page (403 for other roles: its existence is no secret, its
# content is), and the set-password page a link in an e-mail opens, which
# anyone may open (the token, not the session, decides; a bad one says so).
EXPECTED.update(
    {
        "staff_access": Check(DIRECTOR),
        # Dual control: the Directors' list of changes waiting for a second
        # person, and one change (confirmed or refused by a POST there).
        "staff_changes": Check(DIRECTOR),
        "staff_change": Check(DIRECTOR, args=ids(change_id="staff_change")),
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
    "sip2.terminal": CONFIG_KEPT,  # revoked, never deleted: loans name its account
    "sip2.loginthrottle": VIEW_ONLY,  # failed terminal logins, reported
    "desk.inquirytype": CONFIG,  # lists desks choose from; no patron data
    "desk.referraltarget": CONFIG,
    "moving.importrun": VIEW_ONLY,  # counts only, made by the operator's commands
    "catalogue.title": VIEW_ONLY,  # the catalogue: no patron data; imported, not edited
    "circulation.item": VIEW_ONLY,  # copies: status, never who has one
    "patrons.barcodescheme": CONFIG,
    "patronnotices.noticetemplate": CONFIG,  # wording; previews use invented data
    "patronnotices.noticesettings": CONFIG,
    "patronnotices.deliverycount": VIEW_ONLY,  # counts only
}
# Model URL names beyond the standard five, by model.
ADMIN_EXTRA_URLS = {
    # Django's page for setting someone's password is removed: administrators
    # send a set-password link instead, and reset a lost second factor.
    "admin:auth_user_send_password_link": ("auth.user", "change"),
    "admin:auth_user_reset_second_factor": ("auth.user", "change"),
    "admin:otp_totp_totpdevice_config": ("otp_totp.totpdevice", "change"),
    "admin:otp_totp_totpdevice_qrcode": ("otp_totp.totpdevice", "change"),
    # Confirming that counsel reviewed a rule set: as changing it.
    "admin:privacy_jurisdictionruleset_confirm_counsel": ("privacy.jurisdictionruleset", "change"),
    # Previewing a notice's wording with invented data: as changing it.
    "admin:patronnotices_noticetemplate_preview": ("patronnotices.noticetemplate", "change"),
}
ADMIN_ACTIONS = ("changelist", "add", "change", "delete", "history")
# Patron notices (issue 26): the preferred channel is set by staff who edit
# patrons; the print batches carry names and addresses: staff roles.
EXPECTED.update(
    {
        "patronnotices:preference": Check(STAFF, method="post", args=ids(patron_id="patron")),
        "patronnotices:print_batches": Check(STAFF),
        "patronnotices:print_batch": Check(STAFF, args=ids(batch_id="print_batch")),
        "patronnotices:print_batch_printed": Check(
            STAFF, method="post", args=ids(batch_id="print_batch")
        ),
    }
)
# URLs whose row is wrong on main today, each with the reason; they xfail
# (strict: a row that starts passing must leave this list).
KNOWN_GAPS: dict[str, str] = {}
# ------------------------------------------------------------------------------
