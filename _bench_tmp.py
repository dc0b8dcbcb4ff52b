import os, random, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from practices.demo import METHODS
from search.backends.database import DatabaseSearchBackend
from search.backends.base import SearchQuery
from portal.access import ReaderScope
b = DatabaseSearchBackend()
rng = random.Random(1)
words = " ".join(t + " " + d for lang in METHODS.values() for t, d in lang).split()
docs = []
N = int(os.environ.get("N", "5000"))
for i in range(1, N + 1):
    lang = rng.choice(["en", "fr"])
    t, d = rng.choice(METHODS[lang])
    docs.append({"id": i, "version": 1, "title": f"{t} {i}", "description": d, "taxonomy": "Family support Soutien de la famille",
                 "organisation": "Org", "body": " ".join(rng.choice(words) for _ in range(300)),
                 "themes": rng.sample(["a","b","c","d","e"], 2), "audiences": [rng.choice(["x","y"])], "country": ["NO"],
                 "organisation_type": ["ngo"], "language": [lang], "peer_reviewed": ["yes"], "evidence_level": ["x"], "start_period": ["2010-2014"],
                 "published_at": "2024-01-01T00:00:00+00:00", "visibility": rng.choice(["public","members","organisation"]), "organisation_id": rng.randint(1, 20)})
import cProfile, pstats; pr = cProfile.Profile(); pr.enable(); t0 = time.perf_counter(); n = b.rebuild(docs); pr.disable(); print(f"rebuild {n}: {time.perf_counter()-t0:.1f}s"); pstats.Stats(pr).sort_stats("tottime").print_stats(8)
for q in ["family support", "soutien famille", "mentoring -prison", '"exit programme"', "", "radicalisation OR extremism"]:
    for scope in [ReaderScope(), ReaderScope(members=True, organisation_id=3)]:
        t0 = time.perf_counter(); r = b.search(SearchQuery(text=q, scope=scope, filters={"theme": ["a"]})); dt = time.perf_counter()-t0
        print(f"{q!r:32} members={scope.members} total={r.total:5} {dt*1000:7.1f} ms")
t0 = time.perf_counter(); s = b.similar(10, scope=ReaderScope(members=True, everything=True)); print(f"similar {len(s)} {1000*(time.perf_counter()-t0):.1f} ms")
t0 = time.perf_counter(); s = b.autocomplete("ment", scope=ReaderScope()); print(f"autocomplete {len(s)} {1000*(time.perf_counter()-t0):.1f} ms")
