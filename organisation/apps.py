from django.apps import AppConfig


class LibraryServiceConfig(AppConfig):
    name = "organisation"
    label = "libraryservice"
    verbose_name = "Library organisation"

    def ready(self) -> None:
        # Connects the guard on users' groups and permissions; registers the
        # system checks of the deployment's configuration.
        from organisation import checks, signon, staff_access  # noqa: F401
