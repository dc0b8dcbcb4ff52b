import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
from practices.importer import import_document
from practices.template_fields import NARRATIVE_FIELD_CODES
from practices.anonymisation import check_fields
from pathlib import Path
for name in sys.argv[1:]:
    p=Path("practices/fixtures/templates")/name
    r=import_document(p.read_bytes(), p.name)
    f,h=check_fields({c:r.fields.get(c,"") for c in NARRATIVE_FIELD_CODES}, r.language)
    print("==", name, r.language, sum(len(v.split()) for v in r.fields.values()))
    for x in f: print("  ", x.field[:10], x.type, repr(x.text), x.score)
    for x in h: print("  HINT", x.field, x.kind, repr(x.text))
