from django.apps import AppConfig


class Sip2Config(AppConfig):
    name = "sip2"
    verbose_name = "Self-service terminals (SIP2)"

    def ready(self) -> None:
        # The PIN lock's line on the cardholder's access report.
        from sip2 import reports  # noqa: F401
