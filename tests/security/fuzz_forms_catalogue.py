"""The forms the hostile-input tests post to (test_fuzz_forms.py): each
form-handling URL with its role, its fields and what it needs fixed; the
hostile and extreme values; and a filling each form with dates, ids or
numbers accepts (VALID). A new form goes here."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from hypothesis import strategies as st

from organisation.roles import Role
from tests import factories
from tests.security.world import World

EXAMPLES = 30

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil",
    "Ω≈ç√∫",
    "😀" * 30,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "'; DROP TABLE patrons_patron; --",
    "1 OR 1=1",
    "' OR ''='",
    "%00",
    "../../etc/passwd",
    "2026-02-30",
    "9999-99-99",
    "0000-00-00",
    "31/12/2026",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "20000000000015",  # bad check digit
    "2000000000001",  # 13 digits
    "200000000000144",  # 15 digits
    "２００００００００００１４",  # full-width digits
    "٢٠٠٠٠٠٠٠٠٠٠٠١٤",  # Arabic-Indic digits
    "3" * 14,
    "x" * 10_000,
]
# Values that pass a careless check and break what follows it: digits
# str.isdigit() accepts and int() refuses ("²"), digits int() accepts that
# nobody types (full-width, Arabic-Indic), and the calendar's ends, where
# adding or taking a day overflows.
EXTREMES = [
    "²0000000000014",
    "²",
    "１２",
    "٣",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01 00:00",
    "9999-12-31 23:59",
    "9999-12-31T23:59",
    "\x00",
]
NASTY += EXTREMES

hostile = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(min_size=300, max_size=3000),
    st.integers().map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.datetimes().map(lambda d: d.isoformat()),
)

# Tables whose rows may change on a refused request by design.
VOLATILE = {
    "sessions.session",  # the idle-logout clock is written on every request
    "axes.accessattempt",  # a failed log-in is counted
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",  # a wrong code is counted for throttling
}
APPS = {
    "libraryservice",
    "patrons",
    "circulation",
    "privacy",
    "complaints",
    "desk",
    "retention",
    "notices",
    "legal",
}


def count_all() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE:
            continue
        if model._meta.app_label in APPS or label.startswith(("auditlog.", "auth.", "guardian.")):
            counts[label] = model._default_manager.count()
    return counts


@dataclass
class Form:
    url: Callable[[World], str]
    role: str | None
    fields: list[str]
    fixed: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    # A filling the form accepts, if the form is in VALID.
    valid: Callable[[World], dict[str, Any]] = field(default=lambda w: {})


FORMS: dict[str, Form] = {
    "login": Form(lambda w: reverse("login"), None, ["username", "password", "next"]),
    "two_factor_verify": Form(
        lambda w: reverse("two_factor_verify"), Role.DIRECTOR.value, ["token", "next"]
    ),
    "desk:scan": Form(lambda w: reverse("desk:scan"), Role.DESK_STAFF.value, ["barcode", "proxy"]),
    "desk:override": Form(
        lambda w: reverse("desk:override"), Role.SUPERVISOR.value, ["barcode", "reason", "proxy"]
    ),
    "desk:hold_place": Form(
        lambda w: reverse("desk:hold_place"), Role.DESK_STAFF.value, ["barcode", "item", "branch"]
    ),
    "circulation:title_hold": Form(
        lambda w: reverse("circulation:title_hold", args=[w.obj("item").title_record_id]),
        Role.DESK_STAFF.value,
        ["patron", "pickup_branch"],
    ),
    "desk:fee_waive": Form(
        lambda w: reverse("desk:fee_waive", args=[w.obj("fee").pk]),
        Role.SUPERVISOR.value,
        ["reason"],
    ),
    "desk:fee_waive_chosen": Form(
        lambda w: reverse("desk:fee_waive_chosen"),
        Role.SUPERVISOR.value,
        ["reason", "fee"],
        fixed=lambda w: {"fee": w.obj("fee").pk},
    ),
    "patrons:register": Form(
        lambda w: reverse("patrons:register"),
        Role.DESK_STAFF.value,
        [
            "first_name",
            "last_name",
            "date_of_birth",
            "category",
            "home_branch",
            "email",
            "phone",
            "address_line",
            "city",
            "postal_code",
            "notes",
            "card_barcode",
            "card_expires_on",
        ],
    ),
    "patrons:search": Form(lambda w: reverse("patrons:search"), Role.DESK_STAFF.value, ["q"]),
    "patrons:proxy_add": Form(
        lambda w: reverse("patrons:proxy_add", args=[w.obj("patron").pk]),
        Role.DESK_STAFF.value,
        ["proxy_name", "expires_on", "may_borrow"],
    ),
    "patrons:guardian_add": Form(
        lambda w: reverse("patrons:guardian_add", args=[w.obj("patron").pk]),
        Role.DESK_STAFF.value,
        ["guardian_barcode", "guardian_name", "relationship", "proof"],
    ),
    "privacy:disclose": Form(
        lambda w: reverse("privacy:disclose"),
        Role.DESK_STAFF.value,
        ["ask", "requester", "proof", "instrument", "record"],
        fixed=lambda w: {"patron": w.obj("patron").pk},
    ),
    "complaints:create": Form(
        lambda w: reverse("complaints:create"),
        Role.VOLUNTEER.value,
        [
            "description",
            "category",
            "channel",
            "patron_name",
            "patron_id",
            "contact_email",
            "contact_phone",
        ],
    ),
    "complaints:list": Form(
        lambda w: reverse("complaints:list"), Role.VOLUNTEER.value, ["q", "status"]
    ),
    "complaints:incident_create": Form(
        lambda w: reverse("complaints:incident_create"),
        Role.DESK_STAFF.value,
        ["type", "description", "called_911", "location", "action_taken", "occurred_at"],
    ),
    "complaints:comment_create": Form(
        lambda w: reverse("complaints:comment_create"),
        Role.VOLUNTEER.value,
        ["theme", "text", "anonymous", "name", "contact", "received_on"],
    ),
    "complaints:reconsideration_create": Form(
        lambda w: reverse("complaints:reconsideration_create"),
        Role.DESK_STAFF.value,
        [
            "item_barcode",
            "requester_name",
            "card_barcode",
            "is_resident",
            "requester_email",
            "objection",
        ],
    ),
    "complaints:decide": Form(
        lambda w: reverse("complaints:decide", args=[w.obj("escalated_complaint").pk]),
        Role.DIRECTOR.value,
        ["decision", "reasons"],
    ),
    "privacy:simulate_rules": Form(
        lambda w: reverse("privacy:simulate_rules"),
        Role.ADMINISTRATOR.value,
        [
            "jurisdiction_code",
            "name",
            "effective_from",
            "age_of_majority",
            "parent_access",
            "parent_access_max_age",
            "parent_access_proof",
            "citation",
        ],
    ),
}

# Programs and public computers (issue 13).
FORMS.update(
    {
        "programs:create": Form(
            lambda w: reverse("programs:create"),
            Role.DESK_STAFF.value,
            [
                "title",
                "description",
                "room",
                "starts_at",
                "ends_at",
                "capacity",
                "age_min",
                "age_max",
            ],
        ),
        "programs:signup": Form(
            lambda w: reverse("programs:signup", args=[w.obj("program").pk]),
            Role.VOLUNTEER.value,
            ["barcode"],
        ),
        "programs:signup_name": Form(
            lambda w: reverse("programs:signup_name", args=[w.obj("program").pk]),
            Role.VOLUNTEER.value,
            ["name", "phone"],
        ),
        "programs:attend_scan": Form(
            lambda w: reverse("programs:attend_scan", args=[w.obj("program_under_way").pk]),
            Role.VOLUNTEER.value,
            ["door-barcode"],
        ),
        "programs:attend_tick": Form(
            lambda w: reverse("programs:attend_tick", args=[w.obj("program_under_way").pk]),
            Role.VOLUNTEER.value,
            ["attended"],
        ),
        "programs:walk_ins": Form(
            lambda w: reverse("programs:walk_ins", args=[w.obj("program").pk]),
            Role.VOLUNTEER.value,
            ["walk_ins"],
        ),
        "computers:start": Form(
            lambda w: reverse("computers:start", args=[w.obj("station").pk]),
            Role.VOLUNTEER.value,
            ["start-barcode", "start-guest_pass"],
        ),
        "computers:guest_pass": Form(
            lambda w: reverse("computers:guest_pass"),
            Role.VOLUNTEER.value,
            ["pass-age_group", "pass-photo_id_checked"],
        ),
        "computers:queue_join": Form(
            lambda w: reverse("computers:queue_join"),
            Role.VOLUNTEER.value,
            ["queue-barcode", "queue-guest_pass", "queue-kind"],
        ),
    }
)


# Legal requests: the desk's intake (from its own law-enforcement check)
# and the Director's steps on a request.
_LEGAL_STEPS = {
    "counsel": ["note"],
    "scope": ["patrons", "record_types", "starts_on", "ends_on"],
    "nondisclosure": ["active", "until"],
    "warrant": ["counsel_called", "staff_present", "scope_as_listed", "reference"],
    "seize": ["barcode"],
    "designee": ["designee"],
    "refuse": ["reason"],
}
FORMS.update(
    {
        "legal:intake": Form(
            lambda w: reverse("legal:intake"),
            Role.DESK_STAFF.value,
            [
                "officer_name",
                "officer_badge",
                "agency",
                "officer_contact",
                "instrument",
                "issuing_court",
                "instrument_reference",
                "return_date",
            ],
            fixed=lambda w: {"log": w.obj("legal_check").pk},
        ),
        **{
            f"legal:{step}": Form(
                lambda w, step=step: reverse(f"legal:{step}", args=[w.obj("legal_request").pk]),
                Role.DIRECTOR.value,
                fields,
            )
            for step, fields in _LEGAL_STEPS.items()
        },
        "legal:hand_over": Form(
            lambda w: reverse("legal:hand_over", args=[w.obj("legal_production").pk]),
            Role.DIRECTOR.value,
            ["handed_to"],
        ),
    }
)


# A patron's PIN for self-check terminals (issue 25).
FORMS.update(
    {
        "sip2:pin": Form(
            lambda w: reverse("sip2:pin", args=[w.obj("patron").pk]),
            Role.DESK_STAFF.value,
            ["pin", "confirm"],
        ),
    }
)


# The desk's own work (DESIGN section 8).
FORMS.update(
    {
        "desk:inquiries": Form(
            lambda w: reverse("desk:inquiries"),
            Role.VOLUNTEER.value,
            [
                "inq-channel",
                "inq-inquiry_type",
                "inq-read_level",
                "inq-minutes",
                "inq-referred_to",
                "inq-question",
                "inq-answer",
                "inq-patron_category",
                "keep",
                "redraw",
                "next",
            ],
        ),
        "desk:tally": Form(
            lambda w: reverse("desk:tally"), Role.VOLUNTEER.value, ["inquiry_type", "channel"]
        ),
        "desk:callbacks": Form(
            lambda w: reverse("desk:callbacks"),
            Role.DESK_STAFF.value,
            ["cb-name", "cb-phone", "cb-email", "cb-channel", "cb-about", "cb-promised_at"],
        ),
        "desk:waiting": Form(
            lambda w: reverse("desk:waiting"),
            Role.VOLUNTEER.value,
            ["wait-name", "wait-reason", "wait-in_person"],
        ),
    }
)


def _card_barcode(w: World) -> str:
    return w.obj("patron").cards.first().barcode


def _signup(w: World) -> Any:
    """A confirmed sign-up of a patron of its own (the world's patron may
    be signed up at the door by another form), to the program under way:
    attendance is taken on the program's day only."""
    from programs.models import ProgramSignup

    return w.once(
        "fuzz_signup",
        lambda: ProgramSignup.objects.create(
            program=w.obj("program_under_way"),
            branch=w.branch,
            patron=factories.PatronFactory(home_branch=w.branch),
            status=ProgramSignup.Status.CONFIRMED,
        ),
    )


# A filling each of these forms accepts (or refuses only for a business
# rule), to try one extreme value at a time in it.
VALID: dict[str, Callable[[World], dict[str, Any]]] = {
    "legal:scope": lambda w: {
        "patrons": _card_barcode(w) if w.obj("loan") else "",
        "record_types": "current_loans",
        "starts_on": "2026-01-01",
        "ends_on": str(timezone.localdate()),
    },
    "legal:nondisclosure": lambda w: {"active": "1", "until": "2027-06-30"},
    "legal:intake": lambda w: {
        "officer_name": "Officer Kay",
        "officer_badge": "B-12",
        "agency": "County Sheriff",
        "officer_contact": "555-0199",
        "instrument": "none",
        "return_date": "2027-01-15",
    },
    "patrons:register": lambda w: {
        "first_name": "Robin",
        "last_name": "Fuzz",
        "date_of_birth": "1990-05-17",
        "category": "adult",
        "home_branch": str(w.branch.pk),
        "card_expires_on": "2029-01-01",
    },
    "patrons:proxy_add": lambda w: {
        "proxy_name": "Sam Proxy",
        "expires_on": "2027-06-30",
        "may_borrow": "on",
    },
    "programs:create": lambda w: {
        "title": "Fuzz club",
        "starts_at": "2027-03-02 10:00",
        "ends_at": "2027-03-02 11:00",
        "capacity": "10",
    },
    "programs:attend_tick": lambda w: {"attended": str(_signup(w).pk)},
    "programs:walk_ins": lambda w: {"walk_ins": "3"},
    "complaints:comment_create": lambda w: {
        "theme": "service",
        "text": "More chairs, please.",
        "anonymous": "on",
        "received_on": str(timezone.localdate()),
    },
    "complaints:incident_create": lambda w: {
        "type": "safety",
        "description": "A wet floor by the door.",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    },
    "desk:callbacks": lambda w: {
        "cb-name": "Robin",
        "cb-phone": "555-0100",
        "cb-channel": "phone",
        "cb-about": "A renewal question.",
        "cb-promised_at": "23:59",
    },
}
