from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = "Retention"

    def ready(self) -> None:
        # Each app declares the handlers of its record types in its own
        # retention.py; importing them registers them.
        from retention.registry import autodiscover

        autodiscover()
