import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Title",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=500)),
                ("author", models.CharField(blank=True, max_length=300)),
                ("isbn", models.CharField(blank=True, help_text="10 or 13 characters, no hyphens.", max_length=13, verbose_name="ISBN")),
                ("issn", models.CharField(blank=True, help_text="As 1234-567X.", max_length=9, verbose_name="ISSN")),
                ("publisher", models.CharField(blank=True, max_length=300)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("format", models.CharField(choices=[("book", "Book"), ("dvd", "DVD"), ("audiobook", "Audiobook"), ("magazine", "Magazine"), ("game", "Game"), ("equipment", "Equipment")], default="book", max_length=20)),
                ("language", models.CharField(blank=True, help_text="MARC language code, such as eng or spa.", max_length=3)),
                ("source_system", models.CharField(blank=True, help_text="The system the record was imported from.", max_length=40)),
                ("source_record_number", models.CharField(blank=True, help_text="The record's number in that system (MARC 001).", max_length=64)),
                ("marc_syntax", models.CharField(blank=True, choices=[("", "None"), ("iso2709", "MARC 21 (ISO 2709)"), ("marcxml", "MARCXML")], default="", max_length=10)),
                ("marc_record", models.BinaryField(blank=True, default=b"", help_text="The MARC record exactly as received.")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "ordering": ["title", "pk"],
                "indexes": [
                    models.Index(condition=models.Q(("isbn", ""), _negated=True), fields=["isbn"], name="title_isbn_idx"),
                    models.Index(fields=["title", "id"], name="title_order_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("source_record_number", ""), _negated=True), fields=("source_system", "source_record_number"), name="title_one_per_source_record"),
                ],
            },
        ),
    ]
