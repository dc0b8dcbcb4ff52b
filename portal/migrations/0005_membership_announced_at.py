from django.db import migrations, models


def existing_requests_were_announced(apps, schema_editor):
    """Requests made before this migration were announced when they were made."""
    Membership = apps.get_model("portal", "Membership")
    Membership.objects.filter(announced_at__isnull=True).update(announced_at=models.F("requested_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_scheduled_job"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="announced_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="announced"),
        ),
        migrations.RunPython(existing_requests_were_announced, migrations.RunPython.noop),
    ]
