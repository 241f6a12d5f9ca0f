"""The desk's starting lists (DESIGN section 8: inquiry types, editable per
library; a few tally buttons; referral targets), the administrators' right
to edit them, and the "*" retention rule of the waiting list's names.

Data frozen here, not imported from the live code.
"""

from django.db import migrations

from kernel.migration_utils import grant_permissions, model_permissions

INQUIRY_TYPES = [
    # (label, tally key, position)
    ("Directional", "", 10),
    ("Ready reference", "", 20),
    ("Research", "", 30),
    ("Technology", "", 40),
    ("Policy", "", 50),
    ("Circulation", "", 60),
    ("Other", "", 90),
    ("Directions", "1", 110),
    ("Printer and copier", "2", 120),
    ("Restroom", "3", 130),
    ("Wi-Fi", "4", 140),
]
REFERRAL_TARGETS = [
    ("Reference librarian", 10),
    ("Children's desk", 20),
    ("Another branch", 30),
    ("Local history", 40),
    ("Community agency", 50),
]
WAITING_LIST_RULE = ("waiting_list", 0, "anonymize")


def forwards(apps, schema_editor):
    InquiryType = apps.get_model("desk", "InquiryType")
    ReferralTarget = apps.get_model("desk", "ReferralTarget")
    for label, key, position in INQUIRY_TYPES:
        InquiryType.objects.get_or_create(
            branch=None, label=label, defaults={"tally_key": key, "position": position}
        )
    for label, position in REFERRAL_TARGETS:
        ReferralTarget.objects.get_or_create(
            branch=None, label=label, defaults={"position": position}
        )
    perms = model_permissions("desk", "inquirytype") + model_permissions("desk", "referraltarget")
    grant_permissions(apps, "administrator", perms)
    record_type, days, action = WAITING_LIST_RULE
    apps.get_model("retention", "RetentionRule").objects.get_or_create(
        jurisdiction_code="*",
        record_type=record_type,
        defaults={"period_days": days, "action": action, "keep_birth_year": False},
    )


def backwards(apps, schema_editor):
    apps.get_model("retention", "RetentionRule").objects.filter(
        jurisdiction_code="*", record_type=WAITING_LIST_RULE[0]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("libraryservice", "0002_roles"),
        ("retention", "0004_declared_record_types"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
