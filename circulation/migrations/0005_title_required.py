import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("circulation", "0004_titles_for_existing_items"),
    ]

    operations = [
        migrations.AlterField(
            model_name="item",
            name="title_record",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="copies",
                to="catalogue.title",
            ),
        ),
        migrations.AlterField(
            model_name="hold",
            name="title_record",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="holds",
                to="catalogue.title",
            ),
        ),
    ]
