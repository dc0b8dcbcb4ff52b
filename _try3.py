import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
sys.path.insert(0, "tests/practices")
from anonymisation_corpus import evaluate, SAMPLES, HELD_OUT
from practices.anonymisation import check_fields
from collections import Counter
print(Counter(m.kind for s in (HELD_OUT if len(sys.argv)>1 else SAMPLES) for m in s.marks))
e=evaluate(check_fields, HELD_OUT if len(sys.argv)>1 else SAMPLES)
for k,s in sorted(e.scores.items()): print(f"{k:15} planted {s.planted:3} recalled {s.recalled:3} reported {s.reported:3} correct {s.correct:3}  R={s.recall:.2f} P={s.precision:.2f} C={s.coverage:.2f}")
print("MISSED"); [print(" ", m.field, m.kind, repr(m.text)) for m in e.missed]
print("FP"); [print(" ", n, f.field, f.type, repr(f.text)) for n,f in e.false_positives]
print("NOTID", e.not_ids_reported)
