from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "circulation"

    def ready(self) -> None:
        # Loans, holds and fees link a patron to materials: audited like the
        # patron record (the retention job scrubs entries of expunged links).
        from auditlog.registry import auditlog

        from circulation.models import Fee, Hold, Loan

        for model in (Loan, Hold, Fee):
            if not auditlog.contains(model):
                auditlog.register(model)
