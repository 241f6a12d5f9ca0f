from django.apps import AppConfig


class LibraryServiceConfig(AppConfig):
    name = "libraryservice"
    verbose_name = "Library organisation"

    def ready(self) -> None:
        # Connects the guard on users' groups and permissions.
        from libraryservice import staff_access  # noqa: F401
