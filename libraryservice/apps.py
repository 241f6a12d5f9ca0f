from django.apps import AppConfig


class LibraryServiceConfig(AppConfig):
    name = "libraryservice"
    verbose_name = "Library organisation"
