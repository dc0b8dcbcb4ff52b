import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
from practices.anonymisation import engine
a=engine.analyzer()
for lang,t in [("en","A. Background\n\nThe practice began in 2015."),("en","A. Background"),("en","B. Methods and results"),("en","C. Evaluation"), ("fr","A. Contexte"), ("fr","B. Méthode")]:
    d=a.nlp_engine.get_nlp(lang)(t); print([(x.text,x.tag_,x.pos_) for x in d], [(e.text,e.label_) for e in d.ents])
