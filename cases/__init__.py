"""The workflow every case shares: complaints, reconsideration requests and
legal requests.

A case type declares its own parts in one `CaseType` (its model, its
statuses, its policies, its timeline, its letter) and calls the shared steps:
assign (a django-guardian grant), event, clock, decide, letter, appeal,
close. The shared steps are written once, here; a case type adds only what is
its own.

This is a plain package, not a Django app: it owns no table. Each case type
keeps its rows in its own app, with its own retention handler, so adding a
case type never means a migration here.
"""
