#!/usr/bin/env bash
# Install the "portal-analysis" stable plugin into an Elasticsearch distribution that lacks
# the analysis-common module (the integ-test-zip that scripts/elasticsearch.sh runs).
#
#   scripts/elasticsearch/analysis-plugin/install.sh DIST_DIR
#
# The plugin registers, under the names analysis-common uses, the language analyzers of the
# practice languages (english, french, german, norwegian, dutch, danish, swedish, finnish,
# spanish, italian, portuguese, greek, hungarian, romanian, czech, bulgarian, lithuanian, latvian,
# estonian, irish; not polish: the module has none, it is the analysis-stempel plugin's) and the
# token filter "asciifolding", each built from the
# same Lucene class with the same defaults as the module's, so the search index mapping is
# the same in development, CI and production (where the official image has the module and
# this plugin is not installed). It is compiled here with javac against the distribution's
# own jars (lib/), so it needs a JDK but nothing from the network.
#
# Idempotent: does nothing when the module is present or the same build is installed.
# Nodes load plugins when they start: restart a running node to pick it up.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIST="${1:?usage: $0 DIST_DIR}"
NAME="portal-analysis"
TARGET="$DIST/plugins/$NAME"

log() { printf '[analysis-plugin] %s\n' "$*" >&2; }
die() { printf '[analysis-plugin] ERROR: %s\n' "$*" >&2; exit 1; }

[ -d "$DIST/lib" ] || die "$DIST is not an Elasticsearch distribution (no lib/)"
if [ -d "$DIST/modules/analysis-common" ]; then
    [ ! -d "$TARGET" ] || rm -rf "$TARGET"   # the module and the plugin cannot both register the names
    exit 0
fi

es_version="$(basename "$(ls "$DIST"/lib/elasticsearch-[0-9]*.jar)" .jar)"
es_version="${es_version#elasticsearch-}"
digest="$(cat "$HERE/install.sh" "$HERE/named_components.json" $(find "$HERE/src" -name '*.java' | sort) |
    sha256sum | cut -c1-16)-$es_version"
if [ "$(cat "$TARGET/.build" 2>/dev/null || true)" = "$digest" ]; then
    exit 0
fi

JAVAC="${ES_JAVA_HOME:+$ES_JAVA_HOME/bin/}javac"
if ! command -v "$JAVAC" >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "javac not found: install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
    log "installing a JDK (openjdk-17-jdk-headless) to compile the plugin"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless
    JAVAC=javac
fi
JAR="$(dirname "$(readlink -f "$(command -v "$JAVAC")")")/jar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$work/$NAME"
"$JAVAC" -nowarn --release 17 -cp "$DIST/lib/*" -d "$work/classes" $(find "$HERE/src" -name '*.java' | sort) ||
    die "javac failed"
"$JAR" --create --file "$work/$NAME/$NAME.jar" -C "$work/classes" . || die "jar failed"
cp "$HERE/named_components.json" "$work/$NAME/"
cat >"$work/$NAME/stable-plugin-descriptor.properties" <<PROPS
description=Language analyzers of the practice languages and asciifolding, for distributions without analysis-common
version=1.0.0
name=$NAME
java.version=17
elasticsearch.version=$es_version
PROPS
echo "$digest" >"$work/$NAME/.build"
chmod -R a+rX "$work/$NAME"
rm -rf "$TARGET.new" && cp -R "$work/$NAME" "$TARGET.new"
rm -rf "$TARGET" && mv "$TARGET.new" "$TARGET"
log "installed $TARGET (restart running nodes to load it)"
