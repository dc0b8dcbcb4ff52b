import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
sys.path.insert(0, "tests/practices")
from anonymisation_corpus import SAMPLES
from practices.anonymisation import engine, checks
s=SAMPLES[0]
fields=s.fields
c=engine.find_candidates([fields["description"]],"en")[0]
t=fields["description"]
print([(t[x.start:x.end],x.type,x.precise) for x in c])
common=checks._lower_case_words(fields.values())
print("ravnstad" in common)
import re
for code,txt in fields.items():
    for m in re.finditer("ravnstad", txt): print(code, txt[max(0,m.start()-30):m.end()+10])
