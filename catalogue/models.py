"""The catalogue: titles (bibliographic records) shared by their copies.

A Title is what a patron asks for and what a search finds; its copies are
`circulation.Item` rows (barcode, call number, home branch, status,
price). The catalogue sits below circulation: it imports no other app of
the project, and patrons and privacy never import it. A title holds no
patron data; a title-level hold (circulation.Hold) links a patron to one.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class ItemFormat(models.TextChoices):
    BOOK = "book", "Book"
    DVD = "dvd", "DVD"
    AUDIOBOOK = "audiobook", "Audiobook"
    MAGAZINE = "magazine", "Magazine"
    GAME = "game", "Game"
    EQUIPMENT = "equipment", "Equipment"


class MarcSyntax(models.TextChoices):
    NONE = "", "None"
    ISO2709 = "iso2709", "MARC 21 (ISO 2709)"
    MARCXML = "marcxml", "MARCXML"


class Title(models.Model):
    """A bibliographic record. On PostgreSQL the table also has a stored,
    generated `search` tsvector (title, author, ISBN, ISSN) with a GIN
    index, made by migration 0002 and read only by catalogue.search."""

    title = models.CharField(max_length=500)
    author = models.CharField(max_length=300, blank=True)
    isbn = models.CharField(
        "ISBN", max_length=13, blank=True, help_text="10 or 13 characters, no hyphens."
    )
    issn = models.CharField("ISSN", max_length=9, blank=True, help_text="As 1234-567X.")
    publisher = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    format = models.CharField(max_length=20, choices=ItemFormat.choices, default=ItemFormat.BOOK)
    language = models.CharField(
        max_length=3, blank=True, help_text="MARC language code, such as eng or spa."
    )
    source_system = models.CharField(
        max_length=40, blank=True, help_text="The system the record was imported from."
    )
    source_record_number = models.CharField(
        max_length=64, blank=True, help_text="The record's number in that system (MARC 001)."
    )
    marc_syntax = models.CharField(
        max_length=10, choices=MarcSyntax.choices, blank=True, default=MarcSyntax.NONE
    )
    marc_record = models.BinaryField(
        blank=True, default=b"", help_text="The MARC record exactly as received."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            # A second import of the same file finds the record it made.
            models.UniqueConstraint(
                fields=["source_system", "source_record_number"],
                condition=~Q(source_record_number=""),
                name="title_one_per_source_record",
            ),
        ]
        indexes = [
            models.Index(fields=["isbn"], condition=~Q(isbn=""), name="title_isbn_idx"),
            # Search results come in title order: a common word is read off
            # this index until the page is full.
            models.Index(fields=["title", "id"], name="title_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} / {self.author}" if self.author else self.title
