#!/usr/bin/env bash
# Production smoke test (docs/OPERATIONS.md, "Production smoke test"; run by .ci/run):
# collectstatic, migrate and load the demo data into DATABASE_URL (PostgreSQL), start gunicorn
# with DJANGO_DEBUG off on 127.0.0.1:$SMOKE_PORT, crawl every page an anonymous reader reaches
# (scripts/smoke_crawl.py: status, security headers, no inline script, static files served),
# stop gunicorn. Exit 1 on any problem.
#
#   DATABASE_URL=$(scripts/postgres.sh url) scripts/smoke.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to use (it is migrated and gets demo data)}"
PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${SMOKE_PORT:-8766}"
LOG="$(mktemp -t portal-smoke-gunicorn.XXXXXX)"

export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_CACHE=database
export DJANGO_MANIFEST_STATIC=true
export SEARCH_BACKEND=database
# As behind the documented TLS proxy: the crawler sends X-Forwarded-Proto: https.
export PORTAL_NUM_PROXIES=1 DJANGO_SSL_REDIRECT=true DJANGO_HSTS_SECONDS=3600
unset DJANGO_EMAIL_BACKEND PYTEST_ADDOPTS || true

echo "smoke: collectstatic, migrate, createcachetable, demo data"
"$PYTHON" manage.py collectstatic --noinput -v0
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py createcachetable
"$PYTHON" manage.py load_demo_data --count 10 >/dev/null

echo "smoke: gunicorn on 127.0.0.1:$PORT (log: $LOG)"
"$PYTHON" -m gunicorn portal.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 \
    --access-logfile - >"$LOG" 2>&1 &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz/" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$GUNICORN" 2>/dev/null; then cat "$LOG"; echo "smoke: gunicorn died" >&2; exit 1; fi
    sleep 1
done

status=0
"$PYTHON" scripts/smoke_crawl.py "http://127.0.0.1:$PORT" --expect-hsts || status=$?
if grep -E '" 5[0-9][0-9] ' "$LOG"; then echo "smoke: gunicorn logged server errors" >&2; status=1; fi
exit "$status"
