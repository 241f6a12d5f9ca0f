from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "patrons"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from patrons import barcodes, schemes
        from patrons.models import BarcodeScheme

        barcodes.use_schemes(schemes.load)
        for signal in (post_save, post_delete):
            signal.connect(lambda **kwargs: schemes.clear(), sender=BarcodeScheme, weak=False)

        # Change history of patron records (DESIGN section 3). Entries name
        # objects by their opaque __str__; the retention job scrubs entries
        # that would reveal an expunged link.
        from auditlog.registry import auditlog

        from patrons.models import Card, GuardianLink, Patron, ProxyAuthorization

        for model in (Patron, Card, GuardianLink, ProxyAuthorization):
            if not auditlog.contains(model):
                auditlog.register(model)
