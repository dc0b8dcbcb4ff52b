import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
import django; django.setup()
from django.db import connection
from search.backends.database import sql, DatabaseSearchBackend
from search.backends.database.sqlite import SqliteText
from search.query import parse
from portal.access import ReaderScope
t = SqliteText()
for q in ["", "family support"]:
    m = t.matched(parse(q))
    for name, st in [("counts", sql.counts(m, ReaderScope(), {"theme": ["a"]})), ("page", sql.page(m, ReaderScope(), {"theme": ["a"]}, sort="relevance", limit=20, offset=0))]:
        c = connection.cursor(); t0 = time.perf_counter(); c.execute(st.text, st.params); rows = c.fetchall(); print(q, name, len(rows), f"{1000*(time.perf_counter()-t0):.1f} ms")
    c.execute("EXPLAIN QUERY PLAN " + sql.counts(m, ReaderScope(), {"theme": ["a"]}).text, sql.counts(m, ReaderScope(), {"theme": ["a"]}).params)
    if q == "": print("\n".join(str(r) for r in c.fetchall()[:30]))
b = DatabaseSearchBackend()
ids = [r for r in range(1, 21)]
c = connection.cursor(); t0 = time.perf_counter(); h = t.highlights(c, ids, parse("family support")); print("highlights", len(h), f"{1000*(time.perf_counter()-t0):.1f} ms")
