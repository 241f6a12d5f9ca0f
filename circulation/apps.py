from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "circulation"

    def ready(self) -> None:
        # Loans, holds and fees link a patron to materials: audited like the
        # patron record (the retention job scrubs entries of expunged links).
        from auditlog.registry import auditlog

        from circulation.models import Fee, Hold, Item, Loan
        from patrons import schemes

        # A barcode is never both a card and an item: card registration
        # asks which barcodes are items' (patrons cannot import circulation).
        schemes.register_item_lookup(
            lambda codes: set(
                Item.objects.filter(barcode__in=list(codes)).values_list("barcode", flat=True)
            )
        )

        for model in (Loan, Hold, Fee):
            if not auditlog.contains(model):
                auditlog.register(model)
