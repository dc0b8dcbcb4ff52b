# syntax=docker/dockerfile:1
# Production image of the PVE practitioners' portal: gunicorn serves
# portal.wsgi:application on port 8000, whitenoise serves the static files
# collected at build time. Used by docker-compose.yml for `web` and `worker`.
FROM python:3.11-slim

# PYTHONPATH: Django finds templates/, static/ and locale/ relative to the
# package (BASE_DIR), so the code is imported from /app, not from the copy that
# `pip install .` puts in site-packages (that install brings the pinned
# dependencies).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app

RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin portal

COPY . /app
RUN pip install /app \
 && rm -rf /app/build

# Static files (hashed and compressed by whitenoise). The settings need a secret
# key to load; this one exists only during the build and is never used to sign.
RUN DJANGO_SECRET_KEY=collectstatic-build-only DJANGO_DEBUG=false SEARCH_BACKEND=database \
    python manage.py collectstatic --noinput \
 && chown -R portal:portal /app/staticfiles

USER portal
EXPOSE 8000

# docker-compose.yml runs `migrate` before this for `web`, and
# `python manage.py search_worker` instead for `worker`. Tune with GUNICORN_CMD_ARGS.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000"]
