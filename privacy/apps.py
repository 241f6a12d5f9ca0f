from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from privacy.models import JurisdictionRuleSet

        # Every change to a rule set is audited (DESIGN section 5).
        auditlog.register(JurisdictionRuleSet)

        # Apps owning a confidential record type say what it holds about a
        # patron in their disclosure.py.
        from privacy.disclosure import autodiscover

        autodiscover()
