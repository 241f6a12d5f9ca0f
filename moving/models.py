"""Import runs: what an operator's import did, as counts only.

No table here holds a patron's name, contact or link to an item: a run
names its file by its base name and SHA-256, and its batches by record
numbers. Rejected rows are printed to the operator's terminal, not kept.
"""

from __future__ import annotations

from django.db import models

from organisation import clock


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        PATRONS = "patrons", "Patrons and cards (CSV)"
        MARC = "marc", "Titles and copies (MARC 21)"
        LOANS = "loans", "Loans now out (CSV)"
        HOLDS = "holds", "Holds (CSV)"
        FEES = "fees", "Open fees (CSV)"

    class Status(models.TextChoices):
        RUNNING = "running", "Running (or killed: run again to resume)"
        INTERRUPTED = "interrupted", "Stopped (run again to resume)"
        FINISHED = "done", "Finished"
        DRY_RUN = "dry", "Dry run (nothing written)"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.BigIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    operator = models.CharField(
        max_length=150, blank=True, help_text="The server account that ran the command."
    )
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    checkpoint = models.PositiveIntegerField(
        default=0, help_text="The last record number of the last committed batch."
    )
    resumed = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(default=clock.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["kind", "file_sha256"], name="importrun_file_idx")]

    def __str__(self) -> str:
        return f"Import run #{self.pk}"


class ImportBatch(models.Model):
    """One committed batch: written in the batch's own transaction, so a
    run killed at any moment has either the whole batch and this row or
    neither, and resumes after the last one."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="batches")
    first_record = models.PositiveIntegerField()
    last_record = models.PositiveIntegerField()
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    committed_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["run", "last_record"]
        constraints = [
            models.UniqueConstraint(fields=["run", "last_record"], name="importbatch_once"),
        ]

    def __str__(self) -> str:
        return f"Import batch #{self.pk}"


class DeferredIndex(models.Model):
    """An index or foreign key that a move-in import dropped, to build once
    when its rows are in (moving/move_in.py). Dropped with this row in one
    transaction and built again with its deletion in another, so a run
    killed at any moment leaves it either in place or recorded here."""

    # The run that set it aside; a plain number, not a foreign key, so that
    # nothing done to import runs (a TRUNCATE ... CASCADE) takes this row
    # with it while its index is missing.
    run_id = models.PositiveIntegerField(null=True, blank=True)
    table = models.CharField(max_length=63)
    name = models.CharField(max_length=63, unique=True)
    definition = models.TextField()
    foreign_key = models.BooleanField(default=False)
    deferred_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.table}: {self.name}"


class ImportSeen(models.Model):
    """A key already read in a run (a card barcode, a title's record
    number, a copy barcode) by a 64-bit digest, with the line or record it
    was first on: the in-file duplicate check (`moving.seen`), kept here so
    that an import's memory does not grow with its file.

    Written in each batch's transaction: a dry run's rows go with its
    rollback, a killed run keeps those of its committed batches for the
    resume, and a finished run's are deleted. Digests, never values: no
    barcode is kept here."""

    class Kind(models.IntegerChoices):
        CARD = 1, "card barcode"
        RECORD = 2, "record number"
        COPY = 3, "copy barcode"

    pk = models.CompositePrimaryKey("run_id", "kind", "digest")
    # No foreign key in the database: its check would be a trigger per row
    # inserted, queued (deferred) to the end of a dry run's one transaction;
    # the primary key's first column serves as the run's index.
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    digest = models.BigIntegerField()
    number = models.PositiveIntegerField(help_text="The line or record it was first on.")

    def __str__(self) -> str:
        return f"Key seen in import run #{self.run_id}"
