import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE","portal.settings"); os.environ.setdefault("DJANGO_SECRET_KEY","x")
import django; django.setup()
t=time.time(); import practices.anonymisation.engine as e; print("import engine", time.time()-t)
t=time.time(); from practices.importer.countries import find_country; find_country("Norway"); print("countries", time.time()-t)
t=time.time(); e.analyzer(); print("analyzer", time.time()-t)
t=time.time(); e.warm_up(); print("warm", time.time()-t)
import resource; print("maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)
