"""Full-text search of titles on PostgreSQL: a stored, generated tsvector
of the title (weight A), author (B) and ISBN/ISSN (C) with a GIN index.

The column is not a model field (the ORM never writes it; COPY and bulk
inserts fill it by themselves); catalogue/search.py reads it. Other
databases get nothing here and search by words with LIKE.
"""

from django.db import migrations

COLUMN = """
ALTER TABLE catalogue_title ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title), 'A')
    || setweight(to_tsvector('simple'::regconfig, author), 'B')
    || setweight(to_tsvector('simple'::regconfig, isbn || ' ' || issn), 'C')
) STORED
"""
INDEX = "CREATE INDEX title_search_idx ON catalogue_title USING gin (search)"
DROP = "DROP INDEX IF EXISTS title_search_idx; ALTER TABLE catalogue_title DROP COLUMN IF EXISTS search"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN)
        schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
