"""The administration site, branded and grouped by the administrators'
tasks (DESIGN section 1) instead of by Django application.

`SECTIONS` is the one map from a model (its label, "app.model") to the task
section it is listed under, with the name it is listed by. A registered
model the map does not name is listed under "Other settings", so a new
model shows up at once and is then given its place here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import slugify

SITE_NAME = "Library Service Desk administration"


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    # model label -> the name it is listed by ("" keeps the model's own)
    models: dict[str, str]

    @property
    def slug(self) -> str:
        return slugify(self.title)


SECTIONS: tuple[Section, ...] = (
    Section(
        "Branches and hours",
        "The library system, its branches with their opening hours and service "
        "desks, and the days they close.",
        {
            "libraryservice.librarysystem": "Library system",
            "libraryservice.branch": "Branches, opening hours and desks",
            "libraryservice.holiday": "Closures and local holidays",
        },
    ),
    Section(
        "Staff and roles",
        "Who works here: each staff member's account, role, branch and the name "
        "patrons are told. Giving a role that reads patron data is recorded and the "
        "Director is told.",
        {
            "auth.user": "Staff members",
            "auth.group": "Roles and what each may do",
            "otp_totp.totpdevice": "Authenticators (second factor)",
        },
    ),
    Section(
        "Jurisdiction rules",
        "What desk staff may tell parents, proxies, officers and others, per "
        "jurisdiction, with the wording and citation of each rule. Try a change in "
        "the simulator before saving it.",
        {"privacy.jurisdictionruleset": "Jurisdiction rule sets"},
    ),
    Section(
        "Retention",
        "How long each kind of record is kept before it is expunged or "
        "de-identified, and what the daily retention job did.",
        {
            "retention.retentionrule": "Retention periods",
            "retention.expungerun": "Retention job runs",
            "retention.legalhold": "Legal holds",
        },
    ),
    Section(
        "Patron notices",
        "What patrons are told (a hold ready, a loan due soon or overdue, a card "
        "expiring, a fee), in which words per branch, when, and how many notices went "
        "out or failed. Preview the words with invented sample data.",
        {
            "patronnotices.noticetemplate": "Notice wording",
            "patronnotices.noticesettings": "Notice schedules and quiet hours",
            "patronnotices.deliverycount": "Notices sent and failed (counts)",
        },
    ),
    Section(
        "Desk lists",
        "What the desk works with: loan rules, complaint deadlines, the lists staff pick "
        "from, public computers and the self-check and PC-reservation terminals.",
        {
            "circulation.loanrule": "Loan rules",
            "patrons.barcodescheme": "Barcode schemes for cards and items",
            "complaints.complaintsettings": "Complaint and reconsideration deadlines",
            "desk.inquirytype": "Inquiry types",
            "desk.referraltarget": "Referral targets",
            "programs.room": "Program rooms",
            "computers.station": "Public computer stations",
            "computers.computersettings": "Public computer settings",
            "sip2.terminal": "Self-check and PC-reservation terminals (SIP2)",
            "sip2.loginthrottle": "Refused SIP2 log-ins",
        },
    ),
    Section(
        "Catalogue",
        "The titles the library holds and their copies: barcode, call number, home "
        "branch, shelving location, status and price, as the operator's MARC import "
        "brought them. Read only; who has a copy is never shown here.",
        {"catalogue.title": "Titles", "circulation.item": "Copies"},
    ),
    Section(
        "Moving in and out",
        "What the operator's imports from another library system did, as counts: "
        "rows read, created, updated, unchanged and rejected.",
        {"moving.importrun": "Import runs"},
    ),
)
OTHER = Section("Other settings", "Settings not yet given a place above.", {})


def section_of(label: str) -> tuple[Section, str]:
    """The section a model label is listed under, and its listed name ("" for
    the model's own)."""
    for section in SECTIONS:
        if label in section.models:
            return section, section.models[label]
    return OTHER, ""


def group_by_task(app_list: list[dict[str, Any]], index_url: str) -> list[dict[str, Any]]:
    """Django's per-application list regrouped into the task sections, in the
    order of SECTIONS and of each section's models; empty sections are left
    out, "Other settings" comes last."""
    placed: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    order = {label: i for s in SECTIONS for i, label in enumerate(s.models)}
    for app in app_list:
        for model in app["models"]:
            opts = model["model"]._meta
            section, name = section_of(opts.label_lower)
            entry = {**model, "name": name or model["name"]}
            position = order.get(opts.label_lower, len(order))
            placed.setdefault(section.title, []).append((position, entry))
    grouped = []
    for section in (*SECTIONS, OTHER):
        entries = placed.get(section.title)
        if not entries:
            continue
        entries.sort(key=lambda pair: (pair[0], pair[1]["name"]))
        grouped.append(
            {
                "name": section.title,
                "app_label": section.slug,
                "app_url": f"{index_url}#{section.slug}",
                "description": section.description,
                "has_module_perms": True,
                "models": [entry for _, entry in entries],
            }
        )
    return grouped


class LibraryAdminSite(admin.AdminSite):
    """Django's admin site with the library's name and task sections."""

    site_header = SITE_NAME
    site_title = SITE_NAME
    index_title = SITE_NAME

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list  # one application's own page, as Django has it
        return group_by_task(app_list, reverse("admin:index", current_app=self.name))
