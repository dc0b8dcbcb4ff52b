"""`make federation-demo`: two local portals on the embedded defaults (SQLite, database search),
peered with each other; A holds the demo practices, B pulls them once. Open B's search page
to see A's practices with their origin badge. Ctrl-C stops both.

Each portal keeps its database in .federation-demo/ (removed at each start: a fresh demo).
Ports: A_PORT (8001) and B_PORT (8002).
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".federation-demo"
PYTHON = sys.executable


def environment(name: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{WORKDIR / f'{name}.sqlite3'}",
            "PORTAL_URL": f"http://127.0.0.1:{port}",
            "PORTAL_NAME": f"Demo portal {name}",
            "SEARCH_BACKEND": "database",
            "FEDERATION_SHARE_DELAY": "0",
            "PII_WARM_UP_AT_START": "false",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"], cwd=ROOT, env=env
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"the portal on port {port} did not start")


def main() -> None:
    a_port, b_port = int(os.environ.get("A_PORT", 8001)), int(os.environ.get("B_PORT", 8002))
    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir()
    a, b = environment("A", a_port), environment("B", b_port)
    print("Migrating two databases and loading the demo practices on A (about a minute)…", flush=True)
    manage(a, "migrate", "--noinput")
    shutil.copyfile(WORKDIR / "A.sqlite3", WORKDIR / "B.sqlite3")
    manage(a, "load_demo_data")
    processes = [serve(a, a_port), serve(b, b_port)]
    try:
        a_id = json.loads(manage(a, "federation_identity", "--json"))
        b_id = json.loads(manage(b, "federation_identity", "--json"))
        manage(a, "federation_peer", "add", b["PORTAL_URL"], "--name", "B", "--fingerprint", b_id["fingerprint"],
               "--share", "public,members", "--accept", "public,members")  # fmt: skip
        manage(b, "federation_peer", "add", a["PORTAL_URL"], "--name", "A", "--fingerprint", a_id["fingerprint"],
               "--share", "public,members", "--accept", "public,members")  # fmt: skip
        print(manage(b, "federation_pull"), end="")
        print(f"\nA: {a['PORTAL_URL']}/search/   B: {b['PORTAL_URL']}/search/?source=127.0.0.1:{a_port}")
        print("B shows A's practices with the origin badge 'Shared by A'. Ctrl-C stops both.", flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()


if __name__ == "__main__":
    main()
