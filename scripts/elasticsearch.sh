#!/usr/bin/env bash
# Local/CI Elasticsearch 8.14.3: one node, or a real N-node cluster (one JVM per node).
#
#   scripts/elasticsearch.sh start [--nodes N]   fetch (Maven), start, wait for health
#   scripts/elasticsearch.sh stop                stop every node (SIGTERM, then SIGKILL after 60 s)
#   scripts/elasticsearch.sh status              exit 0 and print health when running, 3 otherwise
#   scripts/elasticsearch.sh url                 print the HTTP URL of the first node
#
# Ports (ES_BASE_HTTP_PORT=9200, ES_BASE_TRANSPORT_PORT=9300 by default), node i = 1..N:
#   HTTP       127.0.0.1:9200+i   -> node1 9201, node2 9202, node3 9203
#   transport  127.0.0.1:9300+i   -> node1 9301, node2 9302, node3 9303
#   url        http://127.0.0.1:9201
# (Same layout as codelibs' elasticsearch-cluster-runner, whose first node is
# baseHttpPort+1.) Cluster name: portal-test. Nothing listens beyond 127.0.0.1.
#
# What runs: Elastic's "integ-test-zip" distribution of Elasticsearch 8.14.3,
# fetched from Maven Central by scripts/elasticsearch/pom.xml into
# .services/elasticsearch/dist. The codelibs cluster runner 8.14.1.0 is not on
# Maven Central (Central stops at 7.10.2.0), so it cannot be used here.
# Limits of this distribution, compared with the production image:
#   - modules: transport-netty4, x-pack-core, x-pack-security (disabled here), apm.
#     No analysis-common (language analyzers such as "english", stemmer,
#     snowball, asciifolding, ngram...), no painless, no mapper-extras, no reindex.
#     Built in and working: standard/simple/whitespace/stop/keyword analyzers,
#     lowercase filter, text/keyword/date/... mappings, match/multi_match/bool,
#     highlighting, terms/date aggregations.
#   - no "GET /" handler (rest-root module): Elasticsearch.ping() returns False
#     and .info() fails with 405. Use client.cluster.health() as a readiness probe.
#
# Layout: .services/elasticsearch/
#   dist/elasticsearch-8.14.3/   unpacked distribution (read-only)
#   nodes/nodeI/{config,data,logs,tmp}, nodes/nodeI/es.pid (server pid),
#   nodes/nodeI/launcher.pid (process group of the node), nodes.count
#   es.log                        console output of every node (lines carry [nodeI])
#
# Analysis: scripts/elasticsearch/analysis-plugin/install.sh (run by start) adds a
# small stable plugin registering the language analyzers of the practice languages
# ("english", "french", "german", ...) and "asciifolding" from the distribution's own
# Lucene jars, as analysis-common does.
#
# Extra plugins: ES_PLUGIN_DIRS, a colon-separated list of unpacked plugin
# directories (each with plugin-descriptor.properties or
# stable-plugin-descriptor.properties), copied into the distribution's
# plugins/ directory on every start (the ones copied last time are removed first).
#
# Elasticsearch refuses to run as root: as root the nodes run as the system
# user `portal-es` (created on first use; ES_RUN_USER overrides).
# Heap per node: ES_HEAP_OPTS, default "-Xms512m -Xmx1g".
# Java: ES_JAVA_HOME, else the `java` on PATH (17 or newer).
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$PROJECT_DIR/scripts/elasticsearch/pom.xml"
ES_VERSION="8.14.3"
BASE_HTTP_PORT="${ES_BASE_HTTP_PORT:-9200}"
BASE_TRANSPORT_PORT="${ES_BASE_TRANSPORT_PORT:-9300}"
CLUSTER_NAME="${ES_CLUSTER_NAME:-portal-test}"
HEAP_OPTS="${ES_HEAP_OPTS:--Xms512m -Xmx1g}"
START_TIMEOUT="${ES_START_TIMEOUT:-240}"
STATE_DIR="$PROJECT_DIR/.services/elasticsearch"
DIST_PARENT="$STATE_DIR/dist"
DIST="$DIST_PARENT/elasticsearch-$ES_VERSION"
NODES_DIR="$STATE_DIR/nodes"
LOG_FILE="$STATE_DIR/es.log"

log() { printf '[elasticsearch] %s\n' "$*" >&2; }
die() { printf '[elasticsearch] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

http_port() { echo $((BASE_HTTP_PORT + $1)); }
transport_port() { echo $((BASE_TRANSPORT_PORT + $1)); }
url() { printf 'http://127.0.0.1:%s\n' "$(http_port 1)"; }

apt_install() {
    is_root || die "missing $*; install it (apt-get install $*) or run as root"
    log "installing $* from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

find_java_home() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then
        [ -x "$ES_JAVA_HOME/bin/java" ] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
        JAVA_HOME_FOR_ES="$ES_JAVA_HOME"; return
    fi
    command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
    JAVA_HOME_FOR_ES="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    local major
    major="$("$JAVA_HOME_FOR_ES/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java.specification.version = //p')"
    [ "${major%%.*}" -ge 17 ] 2>/dev/null ||
        die "Elasticsearch $ES_VERSION needs Java 17+, found '$major' at $JAVA_HOME_FOR_ES; set ES_JAVA_HOME"
}

fetch() {
    [ -x "$DIST/bin/elasticsearch" ] && return 0
    command -v mvn >/dev/null 2>&1 || apt_install maven
    log "fetching Elasticsearch $ES_VERSION (integ-test-zip) from Maven Central"
    mkdir -p "$DIST_PARENT"
    rm -rf "$STATE_DIR/maven-markers"
    # markersDirectory: keep maven's bookkeeping out of scripts/elasticsearch/target.
    if ! mvn -B -Dstyle.color=never -f "$POM" dependency:unpack-dependencies \
            -DoutputDirectory="$DIST_PARENT" -DmarkersDirectory="$STATE_DIR/maven-markers" \
            >"$STATE_DIR/maven.log" 2>&1; then
        tail -n 30 "$STATE_DIR/maven.log" >&2
        die "maven could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION (log: $STATE_DIR/maven.log)"
    fi
    [ -x "$DIST/bin/elasticsearch" ] || die "unpacked distribution has no $DIST/bin/elasticsearch"
    chmod -R a+rX "$DIST_PARENT"
}

setup_user() {
    if is_root; then
        RUN_USER="${ES_RUN_USER:-portal-es}"
        if ! id -u "$RUN_USER" >/dev/null 2>&1; then
            log "creating system user $RUN_USER"
            useradd --system --user-group --home-dir /nonexistent --no-create-home \
                --shell /usr/sbin/nologin "$RUN_USER"
        fi
    else
        RUN_USER="$(id -un)"
    fi
}

as_owner() {
    if is_root; then
        (cd / && runuser -u "$RUN_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# The node directories must be reachable by the node user; if the project lives
# where it cannot traverse (e.g. under /root), keep them in /var/tmp (symlinked).
setup_nodes_dir() {
    mkdir -p "$STATE_DIR"
    [ -e "$NODES_DIR" ] || mkdir -p "$NODES_DIR"
    if is_root; then
        chown "$RUN_USER:" "$NODES_DIR" 2>/dev/null || true
        if ! as_owner test -w "$(readlink -f "$NODES_DIR")/" ||
           ! as_owner test -x "$(readlink -f "$DIST_PARENT")/elasticsearch-$ES_VERSION/bin/elasticsearch"; then
            local alt
            alt="/var/tmp/pve-portal-services/$(printf '%s' "$PROJECT_DIR" | sha1sum | cut -c1-12)/elasticsearch"
            log "$RUN_USER cannot reach $STATE_DIR; keeping nodes and distribution in $alt (symlinked)"
            mkdir -p "$alt/nodes"
            chmod 755 "$(dirname "$(dirname "$alt")")" "$(dirname "$alt")" "$alt"
            chown "$RUN_USER:" "$alt/nodes"
            if [ ! -L "$DIST_PARENT" ]; then
                rm -rf "$alt/dist"; mv "$DIST_PARENT" "$alt/dist"; ln -sfn "$alt/dist" "$DIST_PARENT"
            fi
            rm -rf "$NODES_DIR"; ln -sfn "$alt/nodes" "$NODES_DIR"
        fi
    fi
    # Hand the node user real paths: it may not be able to resolve the symlinks.
    NODES_DIR="$(readlink -f "$NODES_DIR")"
    DIST="$(readlink -f "$DIST_PARENT")/elasticsearch-$ES_VERSION"
}

sync_plugins() {
    local plugins_dir="$DIST/plugins" manifest="$STATE_DIR/plugins.installed" d name
    # Remove what this script installed last time (and nothing else).
    if [ -f "$manifest" ]; then
        while IFS= read -r name; do
            [ -n "$name" ] && rm -rf "${plugins_dir:?}/$name"
        done <"$manifest"
        rm -f "$manifest"
    fi
    [ -n "${ES_PLUGIN_DIRS:-}" ] || return 0
    local IFS=:
    for d in $ES_PLUGIN_DIRS; do
        [ -n "$d" ] || continue
        [ -f "$d/plugin-descriptor.properties" ] || [ -f "$d/stable-plugin-descriptor.properties" ] ||
            die "ES_PLUGIN_DIRS: $d has no plugin-descriptor.properties or stable-plugin-descriptor.properties"
        name="$(basename "$d")"
        log "installing plugin $name from $d"
        rm -rf "${plugins_dir:?}/$name"
        cp -R "$d" "$plugins_dir/$name"
        echo "$name" >>"$manifest"
    done
    chmod -R a+rX "$plugins_dir"
}

node_dir() { echo "$NODES_DIR/node$1"; }

# Process group of node i, if it is alive.
node_pgid() {
    local f; f="$(node_dir "$1")/launcher.pid"
    [ -f "$f" ] || return 1
    local pgid; pgid="$(cat "$f")"
    [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null || return 1
    echo "$pgid"
}

running_count() {
    [ -f "$STATE_DIR/nodes.count" ] || { echo 0; return; }
    local n i alive=0; n="$(cat "$STATE_DIR/nodes.count")"
    for i in $(seq 1 "$n"); do node_pgid "$i" >/dev/null && alive=$((alive + 1)); done
    echo "$alive"
}

health() {
    curl -fsS --max-time 10 "$(url)/_cluster/health?$1" 2>/dev/null
}

write_node_config() {
    local i="$1" n="$2" dir seeds="" masters="" j
    dir="$(node_dir "$i")"
    as_owner mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
    as_owner rm -rf "$dir/config"
    as_owner cp -R "$DIST/config" "$dir/config"
    # The stock jvm.options writes GC logs and heap dumps relative to the
    # distribution directory, which is read-only for the node user.
    as_owner sed -i \
        -e "s#file=logs/gc.log#file=$dir/logs/gc.log#" \
        -e "s#HeapDumpPath=data#HeapDumpPath=$dir/logs#" \
        -e "s#ErrorFile=logs/#ErrorFile=$dir/logs/#" \
        "$dir/config/jvm.options"
    printf '%s\n' $HEAP_OPTS | as_owner tee "$dir/config/jvm.options.d/heap.options" >/dev/null
    for j in $(seq 1 "$n"); do
        seeds="$seeds${seeds:+, }\"127.0.0.1:$(transport_port "$j")\""
        masters="$masters${masters:+, }node$j"
    done
    {
        echo "# Written by scripts/elasticsearch.sh on every start; edits are lost."
        echo "cluster.name: $CLUSTER_NAME"
        echo "node.name: node$i"
        echo "path.data: $dir/data"
        echo "path.logs: $dir/logs"
        echo "network.host: 127.0.0.1"
        echo "http.port: $(http_port "$i")"
        echo "transport.port: $(transport_port "$i")"
        if [ "$n" -eq 1 ]; then
            echo "discovery.type: single-node"
        else
            echo "discovery.seed_hosts: [$seeds]"
            echo "cluster.initial_master_nodes: [$masters]"
        fi
        echo "# Test cluster on loopback: no security, no TLS, no licence."
        echo "xpack.security.enabled: false"
        echo "# Do not stop allocating shards when the CI disk is nearly full."
        echo "cluster.routing.allocation.disk.threshold_enabled: false"
        echo "# Let tests delete indices by wildcard."
        echo "action.destructive_requires_name: false"
    } | as_owner tee "$dir/config/elasticsearch.yml" >/dev/null
}

start_node() {
    local i="$1" dir
    dir="$(node_dir "$i")"
    # setsid: each node gets its own process group, recorded in launcher.pid, so
    # that stop can signal the launcher and the server JVM together.
    if is_root; then
        setsid runuser -u "$RUN_USER" -- env \
            ES_JAVA_HOME="$JAVA_HOME_FOR_ES" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
            ES_JAVA_OPTS="" "$DIST/bin/elasticsearch" -p "$dir/es.pid" \
            </dev/null >>"$LOG_FILE" 2>&1 &
    else
        setsid env \
            ES_JAVA_HOME="$JAVA_HOME_FOR_ES" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
            ES_JAVA_OPTS="" "$DIST/bin/elasticsearch" -p "$dir/es.pid" \
            </dev/null >>"$LOG_FILE" 2>&1 &
    fi
    echo $! >"$STATE_DIR/launcher.pid.tmp"
    mv "$STATE_DIR/launcher.pid.tmp" "$dir/launcher.pid"
}

fail_with_log() {
    log "last lines of $LOG_FILE:"
    tail -n 60 "$LOG_FILE" >&2 || true
    cmd_stop >/dev/null 2>&1 || true
    die "$1"
}

cmd_start() {
    local n=1
    while [ $# -gt 0 ]; do
        case "$1" in
            --nodes) n="${2:-}"; shift 2 || die "--nodes needs a number" ;;
            --nodes=*) n="${1#--nodes=}"; shift ;;
            *) die "unknown option $1" ;;
        esac
    done
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--nodes must be a positive integer"

    local alive; alive="$(running_count)"
    if [ "$alive" -gt 0 ]; then
        local have; have="$(cat "$STATE_DIR/nodes.count")"
        [ "$have" = "$n" ] || die "a $have-node cluster is running; stop it first ($0 stop)"
        [ "$alive" = "$n" ] || die "only $alive of $n nodes are alive; run $0 stop, then start"
        log "already running ($n node(s)): $(url)"
        return 0
    fi
    local i
    for i in $(seq 1 "$n"); do
        if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$(http_port "$i")/"; then
            die "port $(http_port "$i") is taken by another server; change ES_BASE_HTTP_PORT"
        fi
    done

    find_java_home
    fetch
    setup_user
    setup_nodes_dir
    sync_plugins
    # The language analyzers and asciifolding the search index needs, which this
    # distribution lacks (scripts/elasticsearch/analysis-plugin; a no-op when present).
    "$PROJECT_DIR/scripts/elasticsearch/analysis-plugin/install.sh" "$DIST"

    # A cluster's data cannot be reused with a different node count.
    if [ "$(cat "$STATE_DIR/nodes.count" 2>/dev/null || echo 0)" != "$n" ]; then
        as_owner sh -c 'rm -rf "$1"/node*' sh "$NODES_DIR"
    fi
    echo "$n" >"$STATE_DIR/nodes.count"
    : >"$LOG_FILE"

    local t0=$SECONDS want
    for i in $(seq 1 "$n"); do
        write_node_config "$i" "$n"
        start_node "$i"
    done
    log "starting $n node(s) as $RUN_USER, heap '$HEAP_OPTS', log: $LOG_FILE"

    # One node cannot place replicas: yellow is its healthy state.
    if [ "$n" -eq 1 ]; then want=yellow; else want=green; fi
    local deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        for i in $(seq 1 "$n"); do
            node_pgid "$i" >/dev/null || fail_with_log "node$i exited during startup"
        done
        if health "wait_for_status=$want&wait_for_nodes=$n&timeout=2s" >/dev/null; then
            break
        fi
        [ "$SECONDS" -lt "$deadline" ] ||
            fail_with_log "cluster not $want with $n node(s) after ${START_TIMEOUT}s (ES_START_TIMEOUT)"
        sleep 1
    done
    log "ready after $((SECONDS - t0))s: $n node(s), $(health "" | sed -n 's/.*"status":"\([a-z]*\)".*/status \1/p'), $(url)"
}

cmd_stop() {
    [ -f "$STATE_DIR/nodes.count" ] || { log "not running"; return 0; }
    [ -e "$NODES_DIR" ] && NODES_DIR="$(readlink -f "$NODES_DIR")"
    local n i pgid pid stopped=0
    n="$(cat "$STATE_DIR/nodes.count")"
    for i in $(seq 1 "$n"); do
        pgid="$(node_pgid "$i")" || continue
        # SIGTERM to the launcher JVM (the CLI in this node's process group) makes
        # it shut the server down cleanly; without a launcher, signal the server.
        pid="$(pgrep -g "$pgid" -f 'cli.name=server' | head -n1 || true)"
        [ -n "$pid" ] || pid="$(cat "$(node_dir "$i")/es.pid" 2>/dev/null || true)"
        if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; else kill -TERM -- "-$pgid" 2>/dev/null || true; fi
        stopped=$((stopped + 1))
    done
    local deadline=$((SECONDS + 60)) termed=0
    for i in $(seq 1 "$n"); do
        while pgid="$(node_pgid "$i")"; do
            if [ "$SECONDS" -ge "$deadline" ]; then
                log "node$i did not stop within 60s: SIGKILL"
                kill -KILL -- "-$pgid" 2>/dev/null || true
                sleep 1
            elif [ $((SECONDS + 30)) -ge "$deadline" ] && [ "$termed" -eq 0 ]; then
                kill -TERM -- "-$pgid" 2>/dev/null || true
                termed=1
            else
                sleep 0.5
            fi
        done
        rm -f "$(node_dir "$i")/launcher.pid"
    done
    if [ "$stopped" -gt 0 ]; then log "stopped $stopped node(s)"; else log "not running"; fi
}

cmd_status() {
    [ -e "$NODES_DIR" ] && NODES_DIR="$(readlink -f "$NODES_DIR")"
    local alive n
    alive="$(running_count)"
    if [ "$alive" -eq 0 ]; then log "not running"; return 3; fi
    n="$(cat "$STATE_DIR/nodes.count")"
    log "$alive of $n node(s) alive; $(url)"
    health "" || { log "no answer from $(url)"; return 3; }
    echo
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) url ;;
    fetch) find_java_home; fetch ;;
    *) echo "usage: $0 start [--nodes N] | stop | status | url | fetch" >&2; exit 2 ;;
esac
