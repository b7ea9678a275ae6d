#!/usr/bin/env bash
# Directory search as readers meet it, beside SQLite FTS5 on the same organisations and queries.
#
#   bench/search.sh [ORGANIZATIONS] [QUERIES]   (default 100000 and 2400)
#
# Builds the release binary and runs bench/directory.py: a generated directory in the region's languages and
# scripts, imported into a fresh SQLite database and served; recall@10 per kind of query, latency with one
# client and under load (wrk, 16 connections), the organisation page under load, start time and memory, and
# the FTS5 baseline; then the same directory served from a throwaway PostgreSQL cluster. Prints the table
# BENCHMARKS.md keeps.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
queries=${2:-2400}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/irene/target}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked -q
cluster=$(mktemp -d)
trap 'scripts/pg-throwaway stop "$cluster"' EXIT
postgres=$(scripts/pg-throwaway start "$cluster")
python3 bench/directory.py --irene "$CARGO_TARGET_DIR/release/irene" --organizations "$count" --queries "$queries" \
    --seconds 15 --postgres "$postgres" --report "$CARGO_TARGET_DIR/search-$count.json"
