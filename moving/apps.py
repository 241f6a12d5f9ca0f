from django.apps import AppConfig


class MovingConfig(AppConfig):
    """Moving in and moving out: imports from another library system's
    files, run by the server's operator, and exports of the library's own
    data (DESIGN section 8)."""

    name = "moving"
    verbose_name = "Moving in and out"
