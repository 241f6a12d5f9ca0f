from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "patrons"

    def ready(self) -> None:
        # Change history of patron records (DESIGN section 3). Entries name
        # objects by their opaque __str__; the retention job scrubs entries
        # that would reveal an expunged link.
        from auditlog.registry import auditlog

        from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

        for model in (Patron, Card, GuardianLink, ProxyAuthorization):
            if not auditlog.contains(model):
                auditlog.register(model)
