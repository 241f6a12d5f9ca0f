from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self) -> None:
        # Apps offering reports say so in their own reports.py, discovered
        # here the way the retention engine discovers retention.py.
        from reports.registry import autodiscover

        autodiscover()
