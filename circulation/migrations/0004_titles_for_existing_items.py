"""Every existing copy gets a catalogue title made from its own title,
author and format (one title per copy: merging copies that look alike
is a cataloguer's decision, not a migration's), and every hold the title
of its copy.

Set-based SQL, so that a copy of a benchmark dataset (millions of items)
migrates in seconds: the new titles take ids offset from the items' ids,
and the title id sequence is moved past them.
"""

from django.core.management.color import no_style
from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Title = apps.get_model("catalogue", "Title")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM catalogue_title")
        offset = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO catalogue_title (id, title, author, isbn, issn, publisher, year, "
            "format, language, source_system, source_record_number, marc_syntax, "
            "marc_record, created_at) "
            "SELECT id + %s, title, author, '', '', '', NULL, format, '', '', '', '', %s, %s "
            "FROM circulation_item WHERE title_record_id IS NULL",
            [offset, b"", timezone.now()],
        )
        cursor.execute(
            "UPDATE circulation_item SET title_record_id = id + %s "
            "WHERE title_record_id IS NULL",
            [offset],
        )
        cursor.execute(
            "UPDATE circulation_hold SET title_record_id = item_id + %s "
            "WHERE title_record_id IS NULL",
            [offset],
        )
        for sql in connection.ops.sequence_reset_sql(no_style(), [Title]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0003_item_title_hold_level"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
