#!/usr/bin/env bash
# Importing a large CSV of organisations, beside the time a plain reader of
# the same file takes (the ceiling of reading it at all).
#
#   bench/import.sh [ROWS]   (default 1000000)
#
# Writes ROWS organisations (names in Azerbaijani, Russian and English,
# countries, networks) to a CSV, then on a fresh SQLite database with the demo:
# a dry run (checks only), the import, and a re-import (every row an update).
# Prints wall time and peak memory (from /usr/bin/time) for each.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/irene/target}"
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --locked -q
irene="$CARGO_TARGET_DIR/release/irene"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$rows" "$work/organizations.csv" <<'PY'
import csv, sys
rows, path = int(sys.argv[1]), sys.argv[2]
roots = [("Xəzər", "Хазар", "Khazar"), ("Bulaq", "Булаг", "Bulag"), ("Ümid", "Умид", "Umid"), ("Çinar", "Чинар", "Chinar")]
forms = [("Gənclər Birliyi", "Союз молодёжи", "Youth Union"), ("Ekoloji Mərkəz", "Экологический центр", "Environmental Centre")]
countries = ["AZ", "GE", "KZ", "UZ", "KG", "TR"]
networks = ["un-ngo-irene-azerbaijan", "un-ngo-irene-caspian", ""]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["slug", "name_en", "name_ru", "name_az", "kind", "country", "city", "email", "networks"])
    for n in range(rows):
        r, fm = roots[n % len(roots)], forms[n % len(forms)]
        w.writerow([f"bulk-{n}", f"{r[2]} {fm[2]} {n}", f"{fm[1]} «{r[1]}» {n}", f"«{r[0]}» {fm[0]} {n}", "ngo",
                    countries[n % len(countries)], "Baku", f"info{n}@ngo{n % 97}.example", networks[n % 3]])
PY
echo "file: $rows rows, $(du -h "$work/organizations.csv" | cut -f1)"

measure() {
    local label=$1; shift
    /usr/bin/time -f "$label: %e s, peak %M KiB" "$@" 2>&1 >/dev/null | grep -E "^$label:|problems|would add|added" || true
}
measure "ceiling: python csv reads the file" python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8'))))" "$work/organizations.csv"
IRENE_LOG=warn "$irene" generate --organizations 0 --demo --data "$work/data" >/dev/null 2>&1
measure "dry run" env IRENE_LOG=warn "$irene" import "$work/organizations.csv" --dry-run --data "$work/data"
measure "import" env IRENE_LOG=warn "$irene" import "$work/organizations.csv" --data "$work/data"
measure "re-import, every row an update" env IRENE_LOG=warn "$irene" import "$work/organizations.csv" --data "$work/data"
