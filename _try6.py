import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
sys.path.insert(0, "tests/practices")
from anonymisation_corpus import SAMPLES, HELD_OUT
from practices.anonymisation import check_fields
for s in (HELD_OUT if len(sys.argv)>1 else SAMPLES):
    f,h=check_fields(s.fields, s.language)
    for x in f: print(s.name, x.field[:8], x.type, repr(x.text), x.score)
    for x in h: print("HINT", x.kind, repr(x.text))
