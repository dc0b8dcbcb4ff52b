import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
from practices.anonymisation import engine
from stdnum.se import personnummer; from stdnum.dk import cpr
print(personnummer.is_valid("040506-3840"), cpr.is_valid("040506-3840"), cpr.checksum("0405063840"))
texts=["The Family Support Team in Ravnstad works with families of young people at risk of radicalisation.",
"The method draws on the ecological model of Urie Bronfenbrenner and on motivational interviewing as described by William R. Miller.",
"in Amsterdam with Pieter de Vries (06-12345678), whose office is at Kerkstraat 14",
"La méthode s'inspire de la thérapie brève orientée solution d'Insoo Kim Berg et des entretiens motivationnels."]
a=engine.analyzer()
for lang,t in [("en",texts[0]),("en",texts[1]),("en",texts[2]),("fr",texts[3])]:
    nlp=a.nlp_engine.get_nlp(lang); d=nlp(t)
    print([(e.text,e.label_) for e in d.ents])
    print([(t[c.start:c.end], c.type, c.precise) for c in engine.find_candidates([t], lang)[0]])
