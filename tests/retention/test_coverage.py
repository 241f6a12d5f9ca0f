"""Every table that can hold a patron's link, name or contact has a
retention handler (DESIGN section 7: a record type with none is a defect).

The models are walked through django.apps; a model counts as covered when a
registered handler expunges it (its own model or a companion). Tables that
hold names or contacts of someone other than a patron are allow-listed,
each with its reason.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from retention.registry import HANDLERS, covered_models

# label -> why the table holds no patron data although it has a name or a
# contact field.
NOT_PATRON_DATA = {
    "auth.user": "staff accounts: the people who use the application, not patrons",
    "auth.group": "role names",
    "auth.permission": "permission names",
    "otp_totp.totpdevice": "staff members' second-factor devices, named by their owner",
    "libraryservice.librarysystem": "the library system's own name",
    "libraryservice.branch": "a branch's own name, address and phone",
    "libraryservice.holiday": "the name of a public holiday",
    "libraryservice.servicedesk": "the name of a service desk",
    "libraryservice.staffprofile": "staff display names, shown on desk screens and letters",
    "libraryservice.pendingstaffchange": "a staff account's old and proposed e-mail "
    "addresses, kept with the staff-access record of who proposed and who confirmed",
    "privacy.jurisdictionruleset": "the name of a jurisdiction's rule set",
    "moving.importrun": "the base name of the file an operator imported; the run "
    "keeps counts only, never the file's rows",
    "moving.deferredindex": "the name of a database index a move-in import set aside "
    "(such as title_search_idx), never a patron's",
    "complaints.committeemember": "reconsideration committee members (staff, trustees), "
    "named on the decision, not the requester",
    "retention.legalhold": "a preservation order must outlive the records it preserves; "
    "it is the legal request's, not a record retention expires",
    "retention.pendingfiledeletion": "stored-file names queued by retention itself; "
    "each row goes with its file in the same run",
    "notices.notice": "a staff member's own notices and the staff address they went to; "
    "they name records by reference only, never a patron",
}

NAME_FIELDS = {"name", "first_name", "last_name"}
CONTACT_WORDS = ("email", "phone", "contact", "address", "postal_code", "city")


def _links_to_patron(model: type[models.Model]) -> bool:
    patron = apps.get_model("patrons", "Patron")
    return model is patron or any(
        f.is_relation and f.related_model is patron for f in model._meta.concrete_fields
    )


def patron_data_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` that can hold a patron's link, name or contact."""
    found = []
    for f in model._meta.get_fields():
        if f.is_relation and f.related_model is not None:
            if (f.many_to_many or f.concrete) and _links_to_patron(f.related_model):
                found.append(f.name)
            continue
        if not f.concrete or not isinstance(f, models.CharField | models.TextField):
            continue
        if isinstance(f, models.EmailField) or _names_or_reaches(f.name):
            found.append(f.name)
    return found


def _names_or_reaches(field_name: str) -> bool:
    """A field named like a person's name or a way to reach them."""
    return (
        field_name in NAME_FIELDS
        or field_name.endswith("_name")
        or any(word in field_name for word in CONTACT_WORDS)
    )


def holding_patron_data() -> dict[str, list[str]]:
    return {
        m._meta.label_lower: fields
        for m in apps.get_models()
        if (fields := patron_data_fields(m)) or m._meta.label_lower == "patrons.patron"
    }


def test_every_model_holding_a_patron_link_name_or_contact_has_a_retention_handler():
    covered = covered_models()

    missing = {
        label: fields
        for label, fields in holding_patron_data().items()
        if label not in covered and label not in NOT_PATRON_DATA
    }

    assert missing == {}, (
        "These models hold a patron's link, name or contact but no retention handler "
        "expunges them: declare one in <app>/retention.py (or, if the data is not a "
        "patron's, add the model to NOT_PATRON_DATA with the reason)."
    )


def test_the_allow_list_names_only_models_that_exist_hold_such_fields_and_have_no_handler():
    holding = holding_patron_data()
    covered = covered_models()

    for label, reason in NOT_PATRON_DATA.items():
        assert label in holding, f"{label}: no such model, or nothing to allow"
        assert label not in covered, f"{label} has a handler: drop it from the allow-list"
        assert reason.strip()


def test_the_check_sees_the_patron_tables_it_guards():
    """The detector is not vacuous: the known patron record types are found,
    for the reason they hold patron data."""
    holding = holding_patron_data()

    assert "patron" in holding["circulation.loan"] and "card" in holding["circulation.loan"]
    assert {"requester_name", "requester_patron", "requester_email"} <= set(
        holding["complaints.reconsiderationrequest"]
    )
    assert {"name", "contact"} <= set(holding["complaints.commentcard"])
    assert "guardian_name" in holding["patrons.guardianlink"]
    assert "patron" in holding["privacy.disclosurelog"]
    assert "auditlog.logentry" in holding  # the actor's e-mail


def test_every_handler_serves_an_installed_model():
    for record_type, handler in HANDLERS.items():
        assert handler.model() is not None, record_type
        for label in handler.companion_models:
            assert apps.get_model(label), (record_type, label)
