from django.db import migrations, models

from portal.text import html_text


def read_existing(apps, schema_editor):
    """Store the text as readers see it of every post, from its stored HTML."""
    Post = apps.get_model("network", "Post")
    for post in Post.objects.using(schema_editor.connection.alias).iterator(chunk_size=500):
        post.body_text = html_text(post.body_html)
        post.save(update_fields=["body_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_post_body_html"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="body_text",
            field=models.TextField(blank=True, editable=False, verbose_name="text as read"),
        ),
        migrations.RunPython(read_existing, migrations.RunPython.noop),
    ]
