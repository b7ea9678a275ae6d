#!/usr/bin/env bash
# Sending one campaign to many subscribers through a local SMTP sink, beside
# the rate at which the same sink accepts messages from a minimal sender (the
# ceiling: IRENE's mailer with no database, examples/smtp_ceiling.rs).
#
#   bench/newsletter.sh [SUBSCRIBERS] [CONCURRENCY]   (defaults 100000 and 8)
#
# The sink is aiosmtpd with its discarding handler, as in the tests. The
# campaign is sent by one `irene serve` on a fresh SQLite database (or on
# PostgreSQL when IRENE_BENCH_POSTGRES_URL names an empty database), with no
# rate limit. Prints messages per second and the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-100000}
concurrency=${2:-8}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/irene/target}"
cargo build --release --locked -q --bin irene --example smtp_ceiling
irene="$CARGO_TARGET_DIR/release/irene"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Sink 2>"$work/sink.log" &
pids+=($!)
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

"$CARGO_TARGET_DIR/release/examples/smtp_ceiling" "smtp://127.0.0.1:$port" 20000 "$concurrency"

database=${IRENE_BENCH_POSTGRES_URL:-sqlite://$work/data/irene.db}
app_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/data"
IRENE_LOG=warn "$irene" serve --demo --data "$work/data" --database-url "$database" --addr "127.0.0.1:$app_port" \
    --smtp-url "smtp://127.0.0.1:$port" --newsletter-rate 0 --newsletter-concurrency "$concurrency" \
    2>"$work/irene.log" &
server=$!
pids+=("$server")
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.1; done

# Subscribers and a campaign scheduled for now, written straight into the
# database; the server queues the campaign itself on its next round.
python3 - "$database" "$subscribers" <<'PY'
import sys, time
url, count = sys.argv[1], int(sys.argv[2])
rows = [(f"member{n:06d}@example.org",) for n in range(count)]
subs = [(f"member{n:06d}@example.org", ["en", "ru", "az"][n % 3]) for n in range(count)]
body = '{"en": "The **conference** is in [Baku](https://irene.example/conference). ' + "More news. " * 60 + '"}'
if url.startswith("sqlite://"):
    import sqlite3
    db = sqlite3.connect(url[len("sqlite://"):])
    mark = "?"
else:
    import psycopg
    db = psycopg.connect(url)
    mark = "%s"
cur = db.cursor()
cur.execute("SELECT id FROM networks WHERE slug = 'un-ngo-irene-azerbaijan'")
network = cur.fetchone()[0]
cur.executemany(f"INSERT INTO newsletter_addresses (email) VALUES ({mark})", rows)
cur.executemany(
    f"INSERT INTO newsletter_subscriptions (network_id, email, lang, status, created_at) "
    f"VALUES ({network}, {mark}, {mark}, 'active', '2026-11-01T00:00:00Z')", subs)
cur.execute(
    f"INSERT INTO newsletter_campaigns (network_id, main_lang, subject, body, audience, status, scheduled_at, created_at) "
    f"VALUES ({network}, 'en', {mark}, {mark}, '{{}}', 'scheduled', {mark}, '2026-11-27T00:00:00Z')",
    ('{"en": "Network news"}', body, int(time.time() * 1000)))
db.commit()
PY

python3 - "$database" "$subscribers" "$server" <<'PY'
import sys, time
url, count, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if url.startswith("sqlite://"):
    import sqlite3
    db = sqlite3.connect(url[len("sqlite://"):])
else:
    import psycopg
    db = psycopg.connect(url, autocommit=True)
def status():
    cur = db.cursor()
    cur.execute("SELECT status FROM newsletter_campaigns ORDER BY id DESC LIMIT 1")
    return cur.fetchone()[0]
def sent():
    cur = db.cursor()
    cur.execute("SELECT COUNT(*) FROM newsletter_deliveries WHERE status = 'sent'")
    return cur.fetchone()[0]
while status() == "scheduled":
    time.sleep(0.05)
start = time.time()
while status() != "sent":
    time.sleep(0.2)
elapsed = time.time() - start
delivered = sent()
peak = next(line.split()[1] for line in open(f"/proc/{pid}/status") if line.startswith("VmHWM"))
print(f"irene: {delivered} of {count} messages sent in {elapsed:.1f} s = {delivered / elapsed:.0f} messages/s, "
      f"server peak memory {int(peak) // 1024} MiB")
PY
