"""Write the JSON Schema of every federation message into docs/federation/."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from federation.schema import PUBLISHED_SCHEMAS


class Command(BaseCommand):
    help = "Write the JSON Schema of each federation message into docs/federation/."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "docs" / "federation"))

    def handle(self, *args, **options):
        target = Path(options["dir"])
        target.mkdir(parents=True, exist_ok=True)
        for name, model in sorted(PUBLISHED_SCHEMAS.items()):
            path = target / f"{name}.schema.json"
            path.write_text(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n")
            self.stdout.write(str(path))
