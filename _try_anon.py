import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
import sys
t=time.time()
import practices.anonymisation as a
print("import", time.time()-t, "spacy" in sys.modules, "presidio_analyzer" in sys.modules)
t=time.time(); a.warm_up(); print("warm", time.time()-t)
from practices.importer import import_document
from pathlib import Path
p=Path("practices/fixtures/templates/000_c92d1ef0c5228cd4.txt")
r=import_document(p.read_bytes(), p.name)
from practices.template_fields import NARRATIVE_FIELD_CODES
fields={c:r.fields.get(c,"") for c in NARRATIVE_FIELD_CODES}
t=time.time(); f,h=a.check_fields(fields, r.language); print("check", time.time()-t)
for x in f: print(x.field, x.type, repr(x.text), x.score)
for x in h: print(x)
