import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
from practices.anonymisation import check_text, engine
for t in sys.argv[1:]:
    t=t.replace("\\n","\n")
    print(check_text(t, "en")[0])
    print([(t[c.start:c.end], c.type, c.precise) for c in engine.find_candidates([t],"en")[0]])
