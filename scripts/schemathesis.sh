#!/usr/bin/env bash
# Schemathesis against the live OpenAPI schema of a throwaway portal.
#
#   bash scripts/schemathesis.sh            exit status: schemathesis's (non-zero if either pass failed)
#
# 1. a new SQLite database in a temporary folder (DATABASE_URL=sqlite:////tmp/…),
#    migrated, with demo data (load_demo_data --count 10);
# 2. a demo member with a read-write API token (manage.py api_demo_token);
# 3. gunicorn (two workers, DJANGO_DEBUG still on) on 127.0.0.1:8765 (SCHEMATHESIS_PORT) in
#    the background, so that Schemathesis's two workers keep both cores busy;
# 4. schemathesis run .../api/schema/ --checks all --max-examples 20 (SCHEMATHESIS_MAX_EXAMPLES)
#    with the token and the configuration written below (its exceptions give their reasons):
#    once over every operation, then with valid data on the member's own network and draft;
# 5. the server is stopped and the folder removed, whatever happened.
#
# Throttling is raised out of the way (the rates are tested in tests/api). The run is
# seeded (SCHEMATHESIS_SEED) so that CI sees the same cases from one run to the next.
# Strings carry no NUL character (text fields refuse it, and PostgreSQL cannot store it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
SCHEMATHESIS="${SCHEMATHESIS:-.venv/bin/schemathesis}"
PORT="${SCHEMATHESIS_PORT:-8765}"
BASE="http://127.0.0.1:${PORT}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-20}"
SEED="${SCHEMATHESIS_SEED:-20250101}"

WORK="$(mktemp -d /tmp/pve-schemathesis.XXXXXX)"
SERVER_PID=""

cleanup() {
    local status=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$WORK/server.log" ]; then
        echo "---- last lines of the server log ----" >&2
        tail -n 40 "$WORK/server.log" >&2 || true
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///${WORK}/db.sqlite3"
export DJANGO_DEBUG=1
export DJANGO_SECRET_KEY="schemathesis-throwaway-key"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
export PORTAL_FAST_PASSWORD_HASHER=1
export SEARCH_BACKEND=database
export API_THROTTLE_ANONYMOUS="1000000/minute" API_THROTTLE_USER="1000000/minute"
export API_THROTTLE_TOKEN="1000000/minute" API_THROTTLE_IMPORT="1000000/minute"
unset ELASTICSEARCH_URL

if "$PYTHON" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $PORT)) != 0)"; then
    echo "schemathesis.sh: something already listens on 127.0.0.1:$PORT (set SCHEMATHESIS_PORT)" >&2
    exit 1
fi

echo "== database $DATABASE_URL"
"$PYTHON" manage.py migrate --no-input -v 0
"$PYTHON" manage.py load_demo_data --count 10
TOKEN="$("$PYTHON" manage.py api_demo_token --email schemathesis@demo.example --name schemathesis)"
# Something of the member's own to reach past the 404s: a network with a thread, and a draft.
read -r NETWORK_ID THREAD_ID POST_ID DRAFT_ID SUBMIT_ID PUBLISHED_ID WARM_UP_ID < <("$PYTHON" - <<'PY'
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()
from network import services as network_services  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from network.models import Network  # noqa: E402
from portal.models import User  # noqa: E402
from practices.services import PracticeData, practice_create, practice_publish_trusted  # noqa: E402

member = User.objects.get(email="schemathesis@demo.example")
moderator = User.objects.create_user(email="schemathesis-moderator@demo.example", is_moderator=True)
TOTP.activate(moderator, generate_totp_secret())  # every moderator power needs a second factor
network = network_services.network_create(
    actor=moderator, name="Demo exit network", purpose="Cases", policy=Network.Policy.INVITATION
)
network_services.network_member_add(network=network, user=member, actor=moderator)
thread = network_services.thread_create(network=network, actor=member, title="A demo case", body="First notes")
practices = [
    practice_create(author=member, data=PracticeData(
        attributes={"title": title, "description": "Prevents violent extremism.", "language": "en"},
        key_themes=[], target_audiences=[],
    ))
    for title in ("A demo draft", "A draft to submit", "A published practice", "A warm-up draft")
]
practice_publish_trusted(practice=practices[2], check=False)
print(network.pk, thread.pk, thread.posts.get().pk, *(practice.pk for practice in practices))
PY
)

echo "== server on $BASE"
"$PYTHON" -m gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --timeout 120 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    if "$PYTHON" -c "import urllib.request; urllib.request.urlopen('$BASE/api/schema/', timeout=2)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "schemathesis.sh: the server did not start" >&2
        exit 1
    fi
    sleep 1
done

cat >"$WORK/schemathesis.toml" <<'TOML'
# A request is given up (and reported as a failure) after this many seconds. Response times are
# measured by the benchmarks, not here: on two busy cores the development server once took 18 s
# for one request, past Schemathesis's default of 10.
request-timeout = 60.0

# Nothing is kept between runs (and nothing is written into the work tree).
[cache]
enabled = false

[generation]
database = "none"

# Whether a document is a readable RAN template is not something a schema can say: random
# bytes are rightly refused with 400 (tests/api/test_practices.py covers real documents).
[[operations]]
include-path = "/api/v1/practices/import/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]

# A practice linked to a thread must be one the member may read; a quoted post must be a
# visible post of the same thread: facts about the data, beyond any schema.
[[operations]]
include-path-regex = "^/api/v1/(networks/[{]id[}]/threads|threads/[{]id[}]/posts)/$"
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]

# Rules across fields (the end year not before the start year) are beyond the schema too.
[[operations]]
include-path-regex = "^/api/v1/practices/(\\{id\\}/)?$"
include-method = ["POST", "PUT", "PATCH"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]
TOML
# Second pass, valid data only: the member's own objects (created above) in the path, so that
# these operations are exercised past the 404s. (A fixed id would spoil negative path tests.)
cp "$WORK/schemathesis.toml" "$WORK/own-objects.toml"
cat >>"$WORK/own-objects.toml" <<TOML

[[operations]]
include-path-regex = "^/api/v1/networks/[{]id[}]/"
parameters = { "path.id" = $NETWORK_ID }

[[operations]]
include-path-regex = "^/api/v1/threads/[{]id[}]/"
parameters = { "path.id" = $THREAD_ID }

[[operations]]
include-path-regex = "^/api/v1/posts/[{]id[}]/"
parameters = { "path.id" = $POST_ID }

[[operations]]
include-path-regex = "^/api/v1/practices/[{]id[}]/\$"
parameters = { "path.id" = $DRAFT_ID }

[[operations]]
include-path = "/api/v1/practices/{id}/submit/"
parameters = { "path.id" = $SUBMIT_ID }

[[operations]]
include-path = "/api/v1/practices/{id}/revision/"
parameters = { "path.id" = $PUBLISHED_ID }
TOML

run_schemathesis() {
    local config="$1"
    shift
    "$SCHEMATHESIS" --config-file "$config" run "$BASE/api/schema/" \
        --checks all --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers 2 \
        --header "Authorization: Token $TOKEN" --no-color \
        --generation-allow-x00 false "$@"
}

status=0
# The first personal-data check of a process loads the language models (about 15 s): submit a
# draft once before the run, so that Schemathesis times the server as it usually answers.
"$PYTHON" - "$BASE/api/v1/practices/$WARM_UP_ID/submit/" "$TOKEN" <<'PY'
import sys
import urllib.request

url, token = sys.argv[1:3]
request = urllib.request.Request(url, data=b"{}", method="POST", headers={
    "Authorization": f"Token {token}", "Content-Type": "application/json",
})
with urllib.request.urlopen(request, timeout=300) as response:
    print("warm-up submission:", response.status)
PY

echo "== schemathesis: every operation, valid and invalid data"
run_schemathesis "$WORK/schemathesis.toml" || status=$?
echo "== schemathesis: the member's own network, thread, post and draft, valid data"
# (No stateful phase here: with --mode positive, schemathesis 4.32 judges some of its valid
# stateful requests as invalid ones; the first pass runs the stateful phase in full.)
run_schemathesis "$WORK/own-objects.toml" --mode positive --phases examples,coverage,fuzzing \
    --include-path-regex '^/api/v1/(networks|threads|posts|practices)/[{]id[}]/' || status=$?
echo "schemathesis.sh: schemathesis exited with status $status"
exit "$status"
