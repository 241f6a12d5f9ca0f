from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self) -> None:
        # Apps offering reports say so in their own reports.py, discovered
        # here the way the retention engine discovers retention.py.
        from organisation.policies import offer_in_navigation
        from reports.policies import can_view_reports
        from reports.registry import autodiscover

        autodiscover()
        # The index is offered to users with at least one section.
        offer_in_navigation("reports", can_view_reports)
