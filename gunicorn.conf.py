"""Gunicorn's settings for the portal's web processes (read from the working directory, as
`gunicorn portal.wsgi:application` runs in the Dockerfile, docker-compose.yml and scripts/smoke.sh).
Everything else is set on the command line or in GUNICORN_CMD_ARGS."""

import gc


def post_worker_init(worker) -> None:
    """What start-up made (modules, settings, the warm-up's models in portal/wsgi.py: about
    350,000 objects) is moved out of the garbage collector's sight once the worker has loaded the
    portal. A full collection then reads only what requests left: about 2 ms instead of a request
    paused for 160 ms (docs/PERFORMANCE.md, "Eighth round")."""
    gc.collect()
    gc.freeze()
