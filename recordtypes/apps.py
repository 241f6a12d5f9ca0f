from django.apps import AppConfig


class RecordTypesConfig(AppConfig):
    name = "recordtypes"
    verbose_name = "Record types"

    def ready(self) -> None:
        # Installed last: the apps reading the registry (privacy, retention,
        # legal) have subscribed by now, and every app's retention handlers
        # were found in the order their apps are installed.
        from recordtypes import autodiscover

        autodiscover()
