"""Migration helpers (Django's migration loader skips modules whose name starts with "_")."""

from django.db import migrations


class RunSQLOn(migrations.RunSQL):
    """RunSQL that only runs on one database vendor ("sqlite", "postgresql")."""

    def __init__(self, vendor: str, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
