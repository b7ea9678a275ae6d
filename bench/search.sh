#!/usr/bin/env bash
# Directory search under load, beside the ceiling of the same HTTP stack.
#
#   bench/search.sh [ORGANIZATIONS]   (default 100000)
#
# Builds the release binary, fills a fresh SQLite database with the demo and
# ORGANIZATIONS generated organisations, serves it, and drives it with wrk from
# loopback: first the stylesheet (no database, no search: the ceiling), then a
# rotation of searches (bench/search.lua). Prints the figures BENCHMARKS.md keeps.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/irene/target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked -q
irene="$CARGO_TARGET_DIR/release/irene"
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

start=$(date +%s.%N)
IRENE_LOG=warn "$irene" generate --organizations "$count" --demo --data "$work"
echo "generated $count organisations in $(echo "$(date +%s.%N) - $start" | bc) s"
start=$(date +%s.%N)
IRENE_LOG=warn "$irene" serve --addr "127.0.0.1:$port" --data "$work" & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
echo "index built and serving after $(echo "$(date +%s.%N) - $start" | bc) s"
echo "resident memory after start: $(ps -o rss= -p $server) KiB"

run() { wrk -t2 -c16 -d20s --latency "$@" | grep -E "Requests/sec|Latency|50%|99%"; }
echo "== ceiling: GET /static/irene.css"
run "http://127.0.0.1:$port/static/irene.css"
echo "== searches: bench/search.lua"
run -s bench/search.lua "http://127.0.0.1:$port"
echo "resident memory after load: $(ps -o rss= -p $server) KiB"
