#!/usr/bin/env bash
# Back up and restore the portal's database (docs/OPERATIONS.md, "Backups").
#
#   DATABASE_URL=... scripts/backup.sh backup FILE     # online: the portal may keep running
#   DATABASE_URL=... scripts/backup.sh restore FILE    # into an EMPTY database, portal stopped
#
# PostgreSQL: pg_dump's custom format (-Fc), restored with pg_restore --no-owner --exit-on-error.
#   The client binaries come from PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else PATH;
#   pg_dump must be at least the server's major version.
# SQLite: SQLite's online backup (Python's sqlite3.Connection.backup), consistent even while
#   the portal writes (WAL); restore copies the backup into the database file the same way.
# After a restore, rebuild the search indexes: python manage.py search_reindex
set -euo pipefail

usage() { echo "usage: DATABASE_URL=... $0 backup|restore FILE" >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1" file="$2"
url="${DATABASE_URL:?Set DATABASE_URL (postgres://... or sqlite:///path)}"
python="${PYTHON:-python3}"

pg_bin() {
    local dir="${PG_BINDIR:-}"
    if [ -z "$dir" ]; then
        dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    if [ -n "$dir" ] && [ -x "$dir/$1" ]; then echo "$dir/$1"; else command -v "$1"; fi
}

sqlite_copy() {  # sqlite_copy FROM TO: SQLite's online backup API
    "$python" - "$1" "$2" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
source.close()
target.close()
PY
}

case "$url" in
    postgres://*|postgresql://*)
        case "$action" in
            backup)  "$(pg_bin pg_dump)" --format=custom --no-owner --no-acl --dbname="$url" --file="$file" ;;
            restore) "$(pg_bin pg_restore)" --no-owner --no-acl --exit-on-error --dbname="$url" "$file" ;;
            *) usage ;;
        esac
        ;;
    sqlite:///*)
        path="${url#sqlite://}"
        case "$action" in
            backup)  sqlite_copy "$path" "$file" ;;
            restore) rm -f "$path-wal" "$path-shm"; sqlite_copy "$file" "$path" ;;
            *) usage ;;
        esac
        ;;
    *) echo "DATABASE_URL must be postgres://... or sqlite:///path" >&2; exit 2 ;;
esac
echo "$action: done ($file)"
