"""Every practice gets a universal identifier (federation names practices by it across
instances): added empty, filled row by row, then required and unique."""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    for pk in Practice.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        Practice.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0006_practice_readable_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="universal identifier"),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="practice",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="universal identifier"
            ),
        ),
    ]
