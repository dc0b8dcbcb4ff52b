#!/usr/bin/env bash
# Private PostgreSQL cluster for local runs and CI.
#
#   scripts/postgres.sh start    install (root only, if missing), init, start, create role/db, wait
#   scripts/postgres.sh stop     stop the cluster (fast shutdown); fine when not running
#   scripts/postgres.sh status   exit 0 and print the URL when running, exit 3 otherwise
#   scripts/postgres.sh url      print the DATABASE_URL for the portal database
#
# Cluster:  .services/postgres/data   (log: .services/postgres/postgres.log)
# Listens:  127.0.0.1:${PGPORT:-55432} over TCP (password auth, scram-sha-256),
#           plus a private Unix socket in .services/postgres/run (peer auth, used
#           by this script for the superuser).
# Role:     portal / password portal, LOGIN CREATEDB (pytest-django creates test_portal)
# Database: portal, owned by portal
# URL:      postgres://portal:portal@127.0.0.1:55432/portal
#
# initdb and postgres refuse to run as root: as root the cluster belongs to the
# `postgres` system user (created by Debian's postgresql package) and every
# server command runs through runuser. As any other user it belongs to that user.
#
# This is a throwaway development/test cluster: fsync is off for speed. Do not
# keep data in it that you cannot recreate (python manage.py load_demo_data).
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGPORT="${PGPORT:-55432}"
PG_DB="portal"
PG_USER="portal"
PG_PASSWORD="portal"
STATE_DIR="$PROJECT_DIR/.services/postgres"

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$PG_USER" "$PG_PASSWORD" "$PGPORT" "$PG_DB"; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Directory holding initdb/pg_ctl/postgres/psql/pg_isready for the newest
# PostgreSQL major installed (Debian: /usr/lib/postgresql/<major>/bin).
find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] || die "PG_BINDIR=$PG_BINDIR has no initdb"
        printf '%s\n' "$PG_BINDIR"; return 0
    fi
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] || continue
        best="$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n1)"
    done
    if [ -z "$best" ] && command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir)"
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && best="$d"
    fi
    [ -n "$best" ] || return 1
    printf '%s\n' "$best"
}

ensure_installed() {
    BINDIR="$(find_bindir)" && return 0
    if is_root; then
        log "PostgreSQL server not found: installing Debian's postgresql package"
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
        BINDIR="$(find_bindir)" || die "postgresql installed but no server binaries under /usr/lib/postgresql/*/bin"
    else
        die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install them with: sudo apt-get install postgresql (or set PG_BINDIR)"
    fi
}

# Who owns and runs the cluster.
setup_user() {
    if is_root; then
        RUN_USER="${PG_RUN_USER:-postgres}"
        if ! id -u "$RUN_USER" >/dev/null 2>&1; then
            log "creating system user $RUN_USER"
            useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
                --shell /usr/sbin/nologin "$RUN_USER"
        fi
    else
        RUN_USER="$(id -un)"
    fi
}

# Run a command as the cluster owner, from / so that an unreadable current
# directory does not produce warnings.
as_owner() {
    if is_root; then
        (cd / && runuser -u "$RUN_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# .services/postgres must be reachable by the cluster owner. When the project
# lives somewhere the owner cannot traverse (e.g. under /root), keep the
# cluster in /var/tmp and leave a symlink at .services/postgres.
setup_state_dir() {
    mkdir -p "$PROJECT_DIR/.services"
    if [ ! -e "$STATE_DIR" ]; then
        mkdir -p "$STATE_DIR"
    fi
    if is_root; then
        chown "$RUN_USER:" "$STATE_DIR" 2>/dev/null || true
        if [ ! -L "$STATE_DIR" ] && ! as_owner test -w "$STATE_DIR/"; then
            local alt
            alt="/var/tmp/pve-portal-services/$(printf '%s' "$PROJECT_DIR" | sha1sum | cut -c1-12)/postgres"
            log "$RUN_USER cannot reach $STATE_DIR; keeping the cluster in $alt (symlinked)"
            mkdir -p "$alt"
            chmod 755 "$(dirname "$(dirname "$alt")")" "$(dirname "$alt")"
            chown "$RUN_USER:" "$alt"
            rmdir "$STATE_DIR" 2>/dev/null || rm -f "$STATE_DIR"
            ln -sfn "$alt" "$STATE_DIR"
        fi
    fi
    # The owner may not be able to resolve the symlink: hand it real paths.
    STATE_DIR="$(readlink -f "$STATE_DIR")"
    is_root && { as_owner test -w "$STATE_DIR/" || die "$RUN_USER cannot write to $STATE_DIR"; }
    PGDATA_DIR="$STATE_DIR/data"
    LOG_FILE="$STATE_DIR/postgres.log"
    SOCKET_DIR="$STATE_DIR/run"
    # A Unix socket path must stay under ~107 bytes.
    if [ "$(printf '%s/.s.PGSQL.%s' "$SOCKET_DIR" "$PGPORT" | wc -c)" -gt 100 ]; then
        SOCKET_DIR="/tmp/pve-portal-pg-$(printf '%s' "$PROJECT_DIR" | sha1sum | cut -c1-12)"
    fi
}

running() {
    [ -f "$PGDATA_DIR/postmaster.pid" ] || return 1
    as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

running_port() { sed -n '4p' "$PGDATA_DIR/postmaster.pid" 2>/dev/null; }

init_cluster() {
    [ -f "$PGDATA_DIR/PG_VERSION" ] && return 0
    log "initdb in $PGDATA_DIR ($("$BINDIR/postgres" --version))"
    as_owner mkdir -p "$PGDATA_DIR"
    as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" --encoding=UTF8 --locale=C \
        --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    # Settings owned by this script live in portal.conf, rewritten at each start.
    printf "\n# Added by scripts/postgres.sh\ninclude_if_exists = 'portal.conf'\n" |
        as_owner tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

write_conf() {
    as_owner mkdir -p "$SOCKET_DIR"
    as_owner chmod 700 "$SOCKET_DIR"
    as_owner tee "$PGDATA_DIR/portal.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh on every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$SOCKET_DIR'
password_encryption = 'scram-sha-256'
max_connections = 100
# Throwaway dev/test cluster: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

superuser_psql() {
    as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PGPORT" -d postgres "$@"
}

create_role_and_db() {
    local has_role has_db
    has_role="$(superuser_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")"
    if [ "$has_role" = "1" ]; then
        superuser_psql -c "ALTER ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
    else
        log "creating role $PG_USER"
        superuser_psql -c "CREATE ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
    fi
    has_db="$(superuser_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")"
    if [ "$has_db" != "1" ]; then
        log "creating database $PG_DB"
        superuser_psql -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
    fi
}

wait_ready() {
    local deadline=$((SECONDS + ${PG_START_TIMEOUT:-60}))
    until "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -d "$PG_DB" -U "$PG_USER"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 40 "$LOG_FILE" >&2 || true
            die "PostgreSQL did not accept connections on 127.0.0.1:$PGPORT within ${PG_START_TIMEOUT:-60}s (log above: $LOG_FILE)"
        fi
        sleep 0.5
    done
}

cmd_start() {
    ensure_installed
    setup_user
    setup_state_dir
    if running; then
        local p; p="$(running_port)"
        [ "$p" = "$PGPORT" ] || die "cluster already running on port $p, not $PGPORT; run: PGPORT=$p $0 stop"
        log "already running on 127.0.0.1:$PGPORT"
    else
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
            die "port $PGPORT on 127.0.0.1 is taken by another server; choose another with PGPORT=..."
        fi
        init_cluster
        write_conf
        as_owner touch "$LOG_FILE" 2>/dev/null || true
        log "starting on 127.0.0.1:$PGPORT (log: $LOG_FILE)"
        if ! as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$LOG_FILE" -w -t "${PG_START_TIMEOUT:-60}" start >/dev/null; then
            tail -n 40 "$LOG_FILE" >&2 || true
            die "pg_ctl start failed (log above: $LOG_FILE)"
        fi
    fi
    wait_ready
    create_role_and_db
    wait_ready
    log "ready: $(url)"
}

cmd_stop() {
    BINDIR="$(find_bindir)" || { log "PostgreSQL not installed; nothing to stop"; return 0; }
    setup_user
    [ -e "$STATE_DIR" ] || { log "no cluster in $STATE_DIR; nothing to stop"; return 0; }
    STATE_DIR="$(readlink -f "$STATE_DIR")"
    PGDATA_DIR="$STATE_DIR/data"
    if running; then
        log "stopping"
        as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

cmd_status() {
    BINDIR="$(find_bindir)" || { log "PostgreSQL not installed"; return 3; }
    setup_user
    [ -e "$STATE_DIR" ] && STATE_DIR="$(readlink -f "$STATE_DIR")"
    PGDATA_DIR="$STATE_DIR/data"
    if [ -e "$STATE_DIR" ] && running; then
        log "running on 127.0.0.1:$(running_port) (pid $(head -n1 "$PGDATA_DIR/postmaster.pid"))"
        PGPORT="$(running_port)" url
        return 0
    fi
    log "not running"
    return 3
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) url ;;
    *) echo "usage: $0 start|stop|status|url   (env: PGPORT, default 55432)" >&2; exit 2 ;;
esac
