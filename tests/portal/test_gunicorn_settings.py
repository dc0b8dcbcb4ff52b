"""gunicorn.conf.py: gunicorn reads it from the working directory the web process starts in, and its
worker hook moves what start-up made out of the garbage collector's sight (gc.freeze)."""

import gc
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_gunicorn_reads_the_projects_settings_and_a_worker_freezes_what_start_up_made(monkeypatch):
    from gunicorn.app.wsgiapp import WSGIApplication

    monkeypatch.chdir(PROJECT_DIR)  # as in the Dockerfile's WORKDIR, docker-compose.yml and scripts/smoke.sh
    monkeypatch.setattr(sys, "argv", ["gunicorn", "portal.wsgi:application"])
    settings = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    assert Path(settings.config).name == "gunicorn.conf.py"
    hook = settings.post_worker_init
    assert hook.__module__ != "gunicorn.config"  # the project's hook, not gunicorn's default
    gc.unfreeze()
    try:
        hook(None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()  # this test process goes on collecting as before
    assert gc.get_freeze_count() == 0
