"""Reads for the privacy app."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, QuerySet, Value, When

from kernel import rawsql
from organisation import clock
from organisation.models import Branch
from organisation.policies import directors
from organisation.users import StaffUser
from patrons.models import Patron
from privacy import disclosure, policies
from privacy.decision import MAX_AGE_OF_MAJORITY, Decision, DisclosureRequest, decide
from privacy.models import DisclosureLog, JurisdictionRuleSet
from privacy.vocabulary import (
    DESK_ASKS,
    DESK_REQUESTERS,
    AccessKind,
    Instrument,
    Proof,
    Requester,
    access_kind_labels,
    record_types,
)

ERR_UNKNOWN_JURISDICTION = "No rule set for jurisdiction {code!r} on {day}; known: {known}."


class UnknownJurisdiction(LookupError):
    pass


def _versions_in_force(*, jurisdiction_code: str, on: datetime.date) -> QuerySet[Any]:
    """The jurisdiction's rule-set versions effective on the day, the one
    in force first."""
    return JurisdictionRuleSet.objects.filter(
        jurisdiction_code=jurisdiction_code, effective_from__lte=on
    ).order_by("-effective_from")


def ruleset_in_force(*, jurisdiction_code: str, on: datetime.date) -> JurisdictionRuleSet | None:
    """The version of the jurisdiction's rules in force on the day: the
    latest one effective on or before it, or None if there is none."""
    return _versions_in_force(jurisdiction_code=jurisdiction_code, on=on).first()


# The same versions as _versions_in_force, the one in force first. The
# desk reads it within the scan's one statement (parameters `code`, `on`).
AGE_OF_MAJORITY_SQL = (
    "SELECT age_of_majority FROM privacy_jurisdictionruleset"
    " WHERE jurisdiction_code = %(code)s AND effective_from <= %(on)s"
    " ORDER BY effective_from DESC LIMIT 1"
)


def age_of_majority(*, jurisdiction_code: str, on: datetime.date) -> int:
    """The age of majority under the jurisdiction's rules in force on the
    day; without a rule set, the rule set's own default."""
    # Only the one column (the rule set's row is wide: texts, JSON lists),
    # in fixed SQL: it runs on every young patron's card scanned, and
    # compiling the queryset cost more than the statement.
    rows = rawsql.fetch(AGE_OF_MAJORITY_SQL, {"code": jurisdiction_code, "on": on}, (None,))
    return majority_or_default(rows[0][0] if rows else None)


def majority_or_default(majority: int | None) -> int:
    """An age of majority read with AGE_OF_MAJORITY_SQL (None: no rule set
    in force), or the rule set's own default."""
    if majority is None:
        default = getattr(JurisdictionRuleSet._meta.get_field("age_of_majority"), "default", None)
        assert isinstance(default, int)
        return default
    return majority


def is_minor(
    *, patron: Patron, jurisdiction_code: str, on: datetime.date, majority: int | None = None
) -> bool:
    """Whether the patron is under the age of majority there on the day; a
    patron with no date of birth is not known to be a minor. Reads the rule
    set (one query) only for a patron young enough for a valid rule set to
    call a minor (most scans are of adults), and not at all when the
    caller read the age of majority already (`majority`)."""
    age = patron.age_on(on)
    if age is None or age >= MAX_AGE_OF_MAJORITY:
        return False
    if majority is None:
        majority = age_of_majority(jurisdiction_code=jurisdiction_code, on=on)
    return age < majority


def ruleset_jurisdiction_codes() -> list[str]:
    return sorted(set(JurisdictionRuleSet.objects.values_list("jurisdiction_code", flat=True)))


def disclosure_logs_for_patron(*, patron_id: int) -> QuerySet[DisclosureLog]:
    return DisclosureLog.objects.filter(patron_id=patron_id).select_related(
        "staff__staff_profile", "branch"
    )


def ruleset_in_force_or_error(*, jurisdiction_code: str, on: datetime.date) -> JurisdictionRuleSet:
    ruleset = ruleset_in_force(jurisdiction_code=jurisdiction_code, on=on)
    if ruleset is None:
        raise UnknownJurisdiction(
            ERR_UNKNOWN_JURISDICTION.format(
                code=jurisdiction_code,
                day=on.isoformat(),
                known=", ".join(ruleset_jurisdiction_codes()) or "none",
            )
        )
    return ruleset


def decide_for_jurisdiction(
    *,
    jurisdiction_code: str,
    on: datetime.date,
    requester: str,
    record: str,
    proof: str = "none",
    patron_age: int | None = None,
    guardian_sharing: bool = False,
    proxy_authorized: bool = False,
    instrument: str = "none",
) -> Decision:
    """The decision under the jurisdiction's rules in force on the day.

    Raises UnknownJurisdiction, or ValueError for an unknown vocabulary value.
    """
    ruleset = ruleset_in_force_or_error(jurisdiction_code=jurisdiction_code, on=on)
    return decide(
        ruleset.to_rules(),
        DisclosureRequest(
            requester=requester,
            record=record,
            proof=proof,
            patron_age=patron_age,
            guardian_sharing=guardian_sharing,
            proxy_authorized=proxy_authorized,
            instrument=instrument,
        ),
    )


def director_display_name(*, branch: Branch) -> str:
    """The name staff give when referring to the Director: a Director at the
    branch if there is one, else any Director, else the title alone."""
    from organisation.models import StaffProfile

    profile = (
        StaffProfile.objects.filter(user__in=directors())
        .annotate(
            here=Case(When(branch=branch, then=Value(0)), default=Value(1)),
        )
        .order_by("here", "display_name")
        .first()
    )
    return profile.display_name if profile is not None else ""


def disclosable_records(*, patron: Patron, records: set[str], limit: int = 100) -> dict[str, Any]:
    """The content of each record type that may be told, and only those,
    from the providers of the apps that own them (privacy.disclosure).

    Record types this installation does not keep map to None.
    """
    return {
        record: disclosure.lines_for(patron=patron, record_type=record, limit=limit)
        for record in record_types()
        if record in records
    }


@dataclass(frozen=True)
class AccessLine:
    """One line of the access report: a staff member's openings of the
    record on one day (`count` in all, `what` saying which), or one
    disclosure check."""

    when: datetime.datetime
    staff: str
    what: str
    purpose: str
    count: int = 1


def access_report(*, patron: Patron) -> list[AccessLine]:
    """Who accessed the patron's record, and when, newest first.

    Openings (card scans, patron pages, search results opened, loan
    histories) are grouped by staff member and local day, with how many of
    each and the purposes stated; each disclosure check is a line of its
    own. Law-enforcement checks stay out: whether the patron learns of a
    legal request is the Director's decision.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    labels = access_kind_labels()
    order = {kind: n for n, kind in enumerate(labels)}
    groups: dict[tuple[datetime.date, Any], dict[str, Any]] = {}
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(patron)),
            object_id=patron.pk,
            action=LogEntry.Action.ACCESS,
        )
        .select_related("actor__staff_profile")
        .order_by("-timestamp", "-pk")
    )
    for entry in entries:
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        kind = str(data.get("record") or AccessKind.DESK)
        key = (clock.server_day(entry.timestamp), entry.actor_id)
        group = groups.setdefault(
            key, {"when": entry.timestamp, "actor": entry.actor, "kinds": {}, "purposes": []}
        )
        group["kinds"][kind] = group["kinds"].get(kind, 0) + 1
        purpose = str(data.get("purpose", "")).strip()
        if purpose and purpose not in group["purposes"]:
            group["purposes"].append(purpose)
    lines: list[AccessLine] = []
    for group in groups.values():
        kinds = sorted(group["kinds"].items(), key=lambda kv: order.get(kv[0], len(order)))
        what = "; ".join(
            labels.get(kind, labels[AccessKind.DESK]) + (f" ({n} times)" if n > 1 else "")
            for kind, n in kinds
        )
        lines.append(
            AccessLine(
                when=group["when"],
                staff=_staff_name(group["actor"]),
                what=what,
                purpose="; ".join(group["purposes"]),
                count=sum(group["kinds"].values()),
            )
        )
    requester_labels = dict(Requester.choices)
    logs = disclosure_logs_for_patron(patron_id=patron.pk).exclude(
        requester=Requester.LAW_ENFORCEMENT
    )
    for log in logs:
        told = sum(1 for d in log.decisions if d.get("outcome") == "allow")
        lines.append(
            AccessLine(
                when=log.created_at,
                staff=_staff_name(log.staff),
                what=f"Disclosure check: {_asked_by(log, requester_labels)}",
                purpose=f"{told} of {len(log.decisions)} record types could be told",
            )
        )
    # Lines other apps report (privacy.disclosure.reports_access).
    lines += [
        AccessLine(when=x.when, staff=x.staff, what=x.what, purpose=x.purpose)
        for x in disclosure.reported_accesses(patron)
    ]
    lines.sort(key=lambda line: line.when, reverse=True)
    return lines


PROXY_ON_FILE = "Someone holding the card, with a borrowing authorization on file"
PROXY_NOT_ON_FILE = "Someone holding the card, with no authorization on file"
PROXY_UNKNOWN = "Someone holding the card (as a proxy)"


def _asked_by(log: Any, labels: dict[str, str]) -> str:
    """Who asked, in words that are true: a proxy check says whether an
    authorization was on file (checks logged before that was recorded
    say neither)."""
    if log.requester != Requester.PROXY:
        return str(labels.get(log.requester, log.requester))
    on_file = {d.get("proxy_authorized") for d in log.decisions if isinstance(d, dict)}
    if on_file == {True}:
        return PROXY_ON_FILE
    if on_file == {False}:
        return PROXY_NOT_ON_FILE
    return PROXY_UNKNOWN


def _staff_name(user: StaffUser | None) -> str:
    if user is None:
        return "Former staff member"
    profile = getattr(user, "staff_profile", None)
    return profile.display_name if profile is not None else "Library staff"


@dataclass(frozen=True)
class DisclosurePanel:
    """What the desk's disclosure panel offers `user` for one patron: the
    choices come from the vocabulary, the permissions from the policies,
    who is a minor from the rules of the desk's jurisdiction."""

    may_run: bool
    may_open_history: bool
    patron_is_minor: bool

    @property
    def buttons_html(self) -> str:
        return _ask_choices_html("privacy/_ask_buttons.html")

    @property
    def other_html(self) -> str:
        return _ask_choices_html("privacy/_ask_other.html")


@functools.cache
def _ask_choices_html(template: str) -> str:
    """The panel's buttons, radios and options: the same for every patron
    and every request (the vocabulary is code), so rendered once per
    process rather than on every card scanned."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    html = render_to_string(
        template,
        {
            "asks": tuple(
                (f"{requester}:{proof}", label, key)
                for key, (requester, proof, label) in enumerate(DESK_ASKS, start=1)
            ),
            "requesters": tuple((r.value, r.label) for r in DESK_REQUESTERS),
            "proofs": tuple(Proof.choices),
            "instruments": tuple(Instrument.choices),
            "default_proof": Proof.NONE.value,
        },
    )
    return mark_safe(html)  # noqa: S308 (a template rendered with autoescape)


def disclosure_panel(
    *,
    user: StaffUser,
    patron: Patron,
    branch: Branch | None,
    on: datetime.date,
    age_of_majority: int | None = None,
) -> DisclosurePanel:
    """The disclosure panel for `patron` at `branch` (the patron's home
    branch when the user has none). At most one query (the rule set, for a
    young patron and a user who may run the check), none when the caller
    gives `branch`'s age of majority on the day (read with
    AGE_OF_MAJORITY_SQL: None there means the default)."""
    may_run = policies.can_run_disclosure(user)
    jurisdiction = (branch or patron.home_branch).jurisdiction_code if may_run else ""
    return DisclosurePanel(
        may_run=may_run,
        may_open_history=policies.can_view_loan_history(user),
        patron_is_minor=may_run
        and is_minor(
            patron=patron, jurisdiction_code=jurisdiction, on=on, majority=age_of_majority
        ),
    )
