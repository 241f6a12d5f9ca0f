from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "Legal requests"

    def ready(self) -> None:
        from legal.intake_panel import intake_panel
        from privacy.referrals import offer

        # The law-enforcement answer at the desk carries the intake form.
        offer("legal_intake", intake_panel)
