"""The words of patron notices: their kinds and channels (no model, so
that the pure rules need no database)."""

from django.db import models


class Kind(models.TextChoices):
    HOLD_READY = "hold_ready", "Hold ready for pickup"
    COURTESY = "courtesy", "Due soon (courtesy notice)"
    OVERDUE_FIRST = "overdue_first", "Overdue, first notice"
    OVERDUE_SECOND = "overdue_second", "Overdue, second notice"
    CARD_EXPIRING = "card_expiring", "Card expiring"
    FEE = "fee", "Fee charged"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Text message (SMS)"
    PRINT = "print", "Printed letter"
