from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "patrons"
