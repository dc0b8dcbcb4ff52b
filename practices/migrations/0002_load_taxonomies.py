"""Load the template's closed lists (TAXONOMY.md) into the taxonomy tables.

practices/taxonomy.py only ever grows (codes never change once used), so
re-running this migration on a fresh database loads the current lists.
"""

from django.db import migrations

from practices.taxonomy import KEY_THEMES, ORGANISATION_TYPES, TARGET_AUDIENCES

LISTS = {
    ("practices", "KeyTheme"): KEY_THEMES,
    ("practices", "TargetAudience"): TARGET_AUDIENCES,
    ("portal", "OrganisationType"): ORGANISATION_TYPES,
}


def load(apps, schema_editor):
    for (app_label, model_name), entries in LISTS.items():
        model = apps.get_model(app_label, model_name)
        for position, (code, label_en, label_fr) in enumerate(entries):
            model.objects.update_or_create(
                code=code, defaults={"label_en": label_en, "label_fr": label_fr, "position": position}
            )


def unload(apps, schema_editor):
    for (app_label, model_name), entries in LISTS.items():
        model = apps.get_model(app_label, model_name)
        model.objects.filter(code__in=[code for code, _en, _fr in entries]).delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial"), ("portal", "0002_initial")]

    operations = [migrations.RunPython(load, unload)]
