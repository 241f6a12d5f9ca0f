from django.apps import AppConfig


class PatronNoticesConfig(AppConfig):
    name = "patronnotices"
    verbose_name = "Patron notices"
