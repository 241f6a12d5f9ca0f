"""Writes of patron notices: queue the day's notices, send what is queued,
set a patron's preference, close a print batch.

Sending is safe on two workers at once: each batch of queued notices is
taken with FOR UPDATE SKIP LOCKED and stays locked until each is sent and
marked, so a notice locked by one worker is skipped by the other; a
notice is marked in the same transaction that held it. (If the process
dies after the provider accepted a message and before the commit, that
one notice may go again: the provider cannot be part of the transaction.)
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from circulation.models import Fee, Hold, Loan
from organisation import clock
from organisation.models import Branch
from organisation.users import StaffUser
from patronnotices import delivery, rules, selection, wording
from patronnotices.models import (
    Channel,
    DeliveryCount,
    Kind,
    NoticePreference,
    NoticeSettings,
    PatronNotice,
    PrintBatch,
)
from patrons.models import Card, GuardianLink, Patron
from privacy.selectors import is_minor, ruleset_in_force
from privacy.vocabulary import ParentAccess

BATCH = 50
RESOLVED = "resolved"
AT_DESK = "at_desk"
DEFERRED = "deferred"

ERR_CHANNEL = "Choose e-mail, text message or a printed letter."


def notices_queue(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue today's notices of every kind (the beat's first half); each
    kind is one statement, idempotent through the notice key."""
    now = now or clock.now()
    return {kind: selection.notices_queue_kind(kind, now=now) for kind in Kind.values}


@dataclass
class _Run:
    now: datetime.datetime
    provider: delivery.SmsProvider | None
    branches: dict[int, Branch] = field(default_factory=dict)
    schedules: dict[int, NoticeSettings] = field(default_factory=dict)
    counts: Counter[tuple[datetime.date, str, str, str]] = field(default_factory=Counter)

    def branch(self, pk: int) -> Branch:
        if pk not in self.branches:
            self.branches[pk] = Branch.objects.select_related("system").get(pk=pk)
        return self.branches[pk]

    def schedule(self, branch: Branch) -> NoticeSettings:
        if branch.pk not in self.schedules:
            found = NoticeSettings.objects.filter(branch=branch).first()
            self.schedules[branch.pk] = found or NoticeSettings(branch=branch)
        return self.schedules[branch.pk]


def notices_send(
    *, now: datetime.datetime | None = None, provider: Any = ..., limit: int | None = None
) -> Counter[str]:
    """Send the queued notices that are due (the beat's second half);
    returns how many ended how (sent, printed, withheld, retry, failed,
    deferred)."""
    run = _Run(now or clock.now(), delivery.sms_provider() if provider is ... else provider)
    totals: Counter[str] = Counter()
    while limit is None or sum(totals.values()) < limit:
        with transaction.atomic():
            batch = list(
                PatronNotice.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=PatronNotice.Status.QUEUED, next_attempt_at__lte=run.now)
                .order_by("next_attempt_at", "pk")[:BATCH]
            )
            if not batch:
                break
            for notice in batch:
                totals[_deliver(notice, run)] += 1
        _flush_counts(run)
    return totals


@dataclass(frozen=True)
class Composed:
    """One notice as it would go now: to whom, how, in which words."""

    patron: Patron | None
    plan: rules.Plan
    words: wording.Words | None


def _count(run: _Run, *, channel: str, kind: str, column: str) -> None:
    """Add one to a delivery count once the batch is committed (see
    _flush_counts)."""
    run.counts[(clock.server_day(run.now), channel, kind, column)] += 1


def _flush_counts(run: _Run) -> None:
    """Write the batch's counts after its transaction: each row of
    DeliveryCount is touched in a short statement of its own, in a fixed
    order, so two workers never hold one another's counters (no deadlock
    that would roll back notices already handed to the provider)."""
    for (day, channel, kind, column), n in sorted(run.counts.items()):
        DeliveryCount.objects.get_or_create(day=day, channel=channel, kind=kind)
        DeliveryCount.objects.filter(day=day, channel=channel, kind=kind).update(
            **{column: F(column) + n}
        )
    run.counts.clear()


def _finish(notice: PatronNotice, run: _Run, status: str, outcome: str, channel: str) -> str:
    notice.status = status
    notice.outcome = outcome
    notice.channel = channel
    notice.sent_at = run.now if status in (PatronNotice.Status.SENT, "printed") else None
    notice.save(update_fields=["status", "outcome", "channel", "sent_at", "print_batch"])
    return status


def _deliver(notice: PatronNotice, run: _Run) -> str:
    composed = compose(notice, run=run)
    plan = composed.plan
    kind = notice.kind
    if composed.patron is None or plan.channel is None:
        _count(run, channel="", kind=kind, column="withheld")
        return _finish(notice, run, PatronNotice.Status.WITHHELD, plan.reason, "")
    branch = run.branch(notice.branch_id)
    if plan.channel == Channel.PRINT:
        notice.print_batch = _open_batch(branch)
        _count(run, channel=plan.channel, kind=kind, column="sent")
        outcome = AT_DESK if plan.at_desk else plan.reason
        return _finish(notice, run, PatronNotice.Status.PRINTED, outcome, plan.channel)
    if plan.channel == Channel.SMS:
        schedule = run.schedule(branch)
        end = rules.quiet_hours_end(
            clock.local_now(branch, run.now), schedule.quiet_hours_start, schedule.quiet_hours_end
        )
        if end is not None:
            notice.next_attempt_at = clock.at(branch, *end)
            notice.save(update_fields=["next_attempt_at"])
            return DEFERRED
    words = composed.words
    assert words is not None
    try:
        if plan.channel == Channel.EMAIL:
            delivery.send_email(to=plan.address, subject=words.subject, body=words.body)
        else:
            assert run.provider is not None
            run.provider.send(to=plan.address, body=words.sms)
    except delivery.TryLater as exc:
        notice.attempts += 1
        wait = rules.backoff(notice.attempts)
        if wait is None:
            _count(run, channel=plan.channel, kind=kind, column="failed")
            notice.save(update_fields=["attempts"])
            return _finish(notice, run, PatronNotice.Status.FAILED, exc.code, plan.channel)
        _count(run, channel=plan.channel, kind=kind, column="retried")
        notice.next_attempt_at = run.now + wait
        notice.outcome = exc.code
        notice.save(update_fields=["attempts", "next_attempt_at", "outcome"])
        return "retry"
    except delivery.GiveUp as exc:
        notice.attempts += 1
        notice.save(update_fields=["attempts"])
        _count(run, channel=plan.channel, kind=kind, column="failed")
        return _finish(notice, run, PatronNotice.Status.FAILED, exc.code, plan.channel)
    _count(run, channel=plan.channel, kind=kind, column="sent")
    return _finish(notice, run, PatronNotice.Status.SENT, plan.reason, plan.channel)


def _open_batch(branch: Branch) -> PrintBatch:
    batch = PrintBatch.objects.filter(branch=branch, printed_at__isnull=True).order_by("pk").first()
    return batch or PrintBatch.objects.create(branch=branch)


def compose(notice: PatronNotice, *, run: _Run | None = None) -> Composed:
    """What the notice says and to whom, by the rules, as of now. A
    notice about something already settled (the item returned, the hold
    picked up, the fee paid) is withheld."""
    run = run or _Run(clock.now(), delivery.sms_provider())
    patron = Patron.objects.filter(pk=notice.patron_id).first() if notice.patron_id else None
    if patron is None or patron.deidentified_at is not None:
        return Composed(None, rules.Plan(None, "", False, rules.DEIDENTIFIED), None)
    branch = run.branch(notice.branch_id)
    values = _values(notice, branch, run.now)
    if values is None:
        return Composed(patron, rules.Plan(None, "", False, RESOLVED), None)
    plan = rules.plan_notice(_facts(patron, branch, run))
    title = values.pop("title", "")
    values["title"] = title if plan.with_titles else ""
    values["first_name"] = patron.first_name
    words = wording.render(wording.template_for(kind=notice.kind, branch=branch), values)
    return Composed(patron, plan, words)


def _facts(patron: Patron, branch: Branch, run: _Run) -> rules.Facts:
    preference = NoticePreference.objects.filter(patron=patron).first()
    code = branch.jurisdiction_code
    day = clock.local_day(branch, run.now)
    minor = is_minor(patron=patron, jurisdiction_code=code, on=day)
    kept = False
    if minor:
        ruleset = ruleset_in_force(jurisdiction_code=code, on=day)
        # No rule set known: the strictest reading.
        kept = ruleset is None or ruleset.parent_access == ParentAccess.NEVER
    region = rules.region_of(code)
    emails: set[str] = set()
    phones: set[str] = set()
    for link in GuardianLink.objects.filter(patron=patron).select_related("guardian_patron"):
        guardian = link.guardian_patron
        if guardian is None:
            continue
        if guardian.email:
            emails.add(guardian.email)
        normalised = rules.normalise_phone(guardian.phone, region)
        if normalised:
            phones.add(normalised)
    return rules.Facts(
        deidentified=patron.deidentified_at is not None,
        preferred=preference.channel if preference else None,
        include_titles=bool(preference and preference.include_titles),
        email=patron.email,
        phone=patron.phone if run.provider is not None else "",
        region=region,
        contact_marked_shared=bool(preference and preference.contact_is_shared),
        guardian_emails=frozenset(emails),
        guardian_phones=frozenset(phones),
        minor=minor,
        minor_kept_from_parents=kept,
    )


def _values(notice: PatronNotice, branch: Branch, now: datetime.datetime) -> dict[str, Any] | None:
    """The notice's own values (with the title, which compose may drop),
    or None when what it was about is settled."""
    values: dict[str, Any] = {
        "library": branch.system.name,
        "branch": branch.name,
        "branch_phone": branch.phone,
    }
    today = clock.local_day(branch, now)
    if notice.loan_id is not None:
        loan = Loan.objects.select_related("item").filter(pk=notice.loan_id).first()
        if loan is None or loan.returned_at is not None or loan.patron_id != notice.patron_id:
            return None
        due = clock.local_day(branch, loan.due_at)
        if notice.kind == Kind.COURTESY and loan.due_at <= now:
            return None
        values.update(title=loan.item.title, due_date=due, days_overdue=(today - due).days)
    elif notice.hold_id is not None:
        hold = Hold.objects.select_related("item", "title_record").filter(pk=notice.hold_id).first()
        if hold is None or hold.status != Hold.Status.READY or hold.patron_id != notice.patron_id:
            return None
        # A ready hold has its copy; a title-level one names its title.
        title = hold.item.title if hold.item is not None else hold.title_record.title
        values.update(title=title, pickup_by=hold.pickup_by)
    elif notice.fee_id is not None:
        fee = Fee.objects.select_related("loan__item").filter(pk=notice.fee_id).first()
        if fee is None or fee.status != Fee.Status.OPEN or fee.patron_id != notice.patron_id:
            return None
        title = fee.loan.item.title if fee.loan is not None else ""
        values.update(title=title, amount=fee.amount)
    elif notice.card_id is not None:
        card = Card.objects.filter(pk=notice.card_id).first()
        if card is None or card.status != Card.Status.ACTIVE:
            return None
        values.update(expires_on=card.expires_on)
    else:
        return None
    return values


@transaction.atomic
def preference_set(
    *,
    patron: Patron,
    channel: str,
    include_titles: bool,
    contact_is_shared: bool,
    acting_user: StaffUser,
) -> NoticePreference:
    """Record how the cardholder wants to hear from the library (staff at
    the desk, who already may edit the patron)."""
    if channel not in Channel.values:
        raise ValueError(ERR_CHANNEL)
    preference, _ = NoticePreference.objects.select_for_update().get_or_create(patron=patron)
    preference.channel = channel
    preference.include_titles = include_titles
    preference.contact_is_shared = contact_is_shared
    preference.updated_by = acting_user
    preference.updated_at = clock.now()
    preference.save()
    return preference


@transaction.atomic
def print_batch_close(*, batch: PrintBatch, acting_user: StaffUser) -> PrintBatch:
    """Mark the batch printed; the next printed notices start a new one."""
    locked = PrintBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.printed_at is None:
        locked.printed_at = clock.now()
        locked.save(update_fields=["printed_at"])
    return locked
