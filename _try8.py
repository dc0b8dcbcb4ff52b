import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
from practices.anonymisation import check_text
for lang, t in [("en","In one case, a 17-year-old boy from Ravnstad in 2019 was referred by his school. Mr K. Hansen agreed."),
("fr","Un garçon de 16 ans de Belmont en 2018 a été signalé par le collège."),
("en","The only imam in Ravnstad supported the family. The only way to succeed is trust."),
("fr","Le seul imam de la commune a soutenu la famille. Le seul moyen d'avancer est la confiance."),
("fr","Pendant plus de 10 ans à Lyon en 2010, le programme de 3 ans a été évalué."),
("en","Young people aged 16 to 24 took part in Oslo between 2016 and 2020."),
]:
    f,h=check_text(t, lang, "description")
    print([ (x.type,x.text) for x in f]); print([(x.kind,x.text,x.start,x.end) for x in h])
