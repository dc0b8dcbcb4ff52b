"""The ``database`` engine's generation token (see search.models.SearchGeneration)."""

import secrets

from django.db import migrations, models


def first_token(apps, schema_editor):
    generation = apps.get_model("search", "SearchGeneration")
    generation.objects.using(schema_editor.connection.alias).create(id=1, token=secrets.randbits(62))


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_database_engine'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchGeneration',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('token', models.BigIntegerField(verbose_name='token')),
            ],
            options={
                'verbose_name': 'search index generation',
                'verbose_name_plural': 'search index generations',
            },
        ),
        migrations.RunPython(first_token, migrations.RunPython.noop),
    ]
