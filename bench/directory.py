"""Directory search measured as readers meet it, beside the search a user would build instead (SQLite FTS5).

    python3 bench/directory.py --irene PATH [--organizations N] [--queries Q] [--seconds S] [--report FILE]

Generates a directory of N organisations (bench/directory_data.py), imports it into a fresh SQLite database with
`irene import`, serves it, and measures: start until /healthz answers (index built from the database, then again
with the index on disk), resident memory, recall@10 per kind of query, latency with one client, throughput and
latency under load (wrk, 16 connections), the organisation page under load (its first seconds after a start,
when pages are rendered for the first time, then kept, then rendered for each request). In the same run, the
baseline: the same organisations and queries in SQLite FTS5 (`unicode61 remove_diacritics 2`, prefix on the last
word, bm25 order) with GROUP BY counts of the facets, in-process without HTTP.
"""

import argparse
import http.client
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import directory_data  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def resident_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(f"{field}:"))


class Server:
    def __init__(self, irene, data, database_url=None):
        self.port = free_port()
        started = time.monotonic()
        env = dict(os.environ, IRENE_LOG="warn")
        if database_url:
            env["IRENE_DATABASE_URL"] = database_url
        self.process = subprocess.Popen([irene, "serve", "--addr", f"127.0.0.1:{self.port}", "--data", data], env=env)
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("irene serve stopped before answering")
            time.sleep(0.02)
        self.start_seconds = time.monotonic() - started

    def rss_mib(self):
        return resident_kib(self.process.pid) / 1024

    def file_backed_mib(self):
        """The part of the resident memory that is mapped files (the index), which the kernel may drop."""
        return resident_kib(self.process.pid, "RssFile") / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def api_path(text, country):
    query = {"q": text, "per_page": "10"}
    if country:
        query["country"] = country
    return "/api/v1/organizations?" + urllib.parse.urlencode(query)


def measure_one_client(port, queries):
    """Each query once, in order, over one kept connection: latency and whether an answer is in the first ten."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    latencies, found = [], []
    for kind, text, country, answers in queries:
        started = time.perf_counter()
        connection.request("GET", api_path(text, country))
        response = connection.getresponse()
        body = response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"{api_path(text, country)} answered {response.status}")
        slugs = [item["slug"] for item in json.loads(body)["items"]]
        found.append((kind, bool(answers.intersection(slugs))))
        if not found[-1][1] and MISSES_SHOWN.get(kind, 0) < SHOW_MISSES:
            MISSES_SHOWN[kind] = MISSES_SHOWN.get(kind, 0) + 1
            print(f"missed ({kind}): {text!r} {country or ''}", file=sys.stderr)
    return latencies, found


SHOW_MISSES = 0
MISSES_SHOWN = {}


def wrk(port, paths, seconds, work):
    """Throughput and latency under load: wrk, two threads, 16 connections, rotating through `paths`."""
    script = os.path.join(work, "rotate.lua")
    with open(os.path.join(work, "paths.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    with open(script, "w") as f:
        f.write(f"""
local paths = {{}}
for line in io.lines("{work}/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""")
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", script,
                          f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout

    def millis(label):
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\b", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} failed responses:\n{out}")
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": millis("50%"),
            "p99": millis("99%")}


def recall_by_kind(found):
    kinds = {}
    for kind, hit in found:
        kinds.setdefault(kind, []).append(hit)
    kinds["all"] = [hit for _, hit in found]
    return {kind: 100 * sum(hits) / len(hits) for kind, hits in kinds.items()}


class Fts5Baseline:
    """What a user would build instead: FTS5 over the three name columns, facets counted by GROUP BY."""

    FACETS = ["country", "kind", "status", "network"]

    def __init__(self, csv_path):
        import csv
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE org (id INTEGER PRIMARY KEY, slug TEXT, country TEXT, kind TEXT, status TEXT, "
                        "network TEXT)")
        self.db.execute("CREATE VIRTUAL TABLE names USING fts5(name_en, name_ru, name_az, "
                        "tokenize = 'unicode61 remove_diacritics 2')")
        with open(csv_path, encoding="utf-8") as f:
            for n, row in enumerate(csv.DictReader(f), start=1):
                self.db.execute("INSERT INTO org VALUES (?, ?, ?, ?, ?, ?)", (n, row["slug"], row["country"], row["kind"],
                                row["consultative_status"], row["networks"]))
                self.db.execute("INSERT INTO names (rowid, name_en, name_ru, name_az) VALUES (?, ?, ?, ?)",
                                (n, row["name_en"], row["name_ru"], row["name_az"]))
        for facet in self.FACETS:
            self.db.execute(f"CREATE INDEX org_{facet} ON org ({facet})")

    @staticmethod
    def match(text):
        words = re.findall(r"\w+", text)
        if not words:
            return None
        quoted = [f'"{w}"' for w in words]
        quoted[-1] += "*"
        return " ".join(quoted)

    def search(self, text, country):
        match = self.match(text)
        if match is None:
            return []
        where = "names MATCH ?" + (" AND org.country = ?" if country else "")
        args = [match] + ([country] if country else [])
        rows = self.db.execute(f"SELECT org.slug FROM names JOIN org ON org.id = names.rowid WHERE {where} "
                               "ORDER BY bm25(names) LIMIT 10", args).fetchall()
        for facet in self.FACETS:
            # A facet's counts ignore its own filter, as IRENE's do.
            own_where = "names MATCH ?" + (" AND org.country = ?" if country and facet != "country" else "")
            own_args = [match] + ([country] if country and facet != "country" else [])
            self.db.execute(f"SELECT org.{facet}, count(*) FROM names JOIN org ON org.id = names.rowid "
                            f"WHERE {own_where} GROUP BY org.{facet}", own_args).fetchall()
        return [slug for (slug,) in rows]

    def measure(self, queries):
        latencies, found = [], []
        for kind, text, country, answers in queries:
            started = time.perf_counter()
            slugs = self.search(text, country)
            latencies.append((time.perf_counter() - started) * 1000)
            found.append((kind, bool(answers.intersection(slugs))))
        return latencies, found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--irene", required=True)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2_400)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--report", help="where to write the figures as JSON")
    parser.add_argument("--min-recall", type=float, default=0.0,
                        help="fail when IRENE's recall@10 over all queries is below this percentage")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to this many missed queries per kind")
    parser.add_argument("--postgres", help="also serve the same directory from this PostgreSQL database (emptied "
                        "first) and measure it beside SQLite")
    args = parser.parse_args()
    global SHOW_MISSES
    SHOW_MISSES = args.show_misses

    work = tempfile.mkdtemp(prefix="irene-bench-")
    data = os.path.join(work, "data")
    csv_path = os.path.join(work, "organizations.csv")
    truth = directory_data.write_directory(csv_path, args.organizations)
    queries = directory_data.queries(truth, args.queries)
    load_directory(args.irene, data, csv_path)

    figures = {"organizations": args.organizations, "queries": len(queries)}
    server = Server(args.irene, data)
    figures["start_building_index_s"] = server.start_seconds
    figures["rss_after_start_mib"] = server.rss_mib()
    latencies, found = measure_one_client(server.port, queries)
    figures["irene_one_client"] = {p: percentile(latencies, int(p[1:])) for p in ("p50", "p95", "p99")}
    figures["irene_recall"] = recall_by_kind(found)
    search_paths = [api_path(text, country) for _, text, country, _ in queries]
    figures["irene_load_search"] = wrk(server.port, search_paths, args.seconds, work)
    # Measured after the same load as after a restart below, and again after the pages' load.
    figures["rss_after_load_mib"] = server.rss_mib()
    figures["rss_file_after_load_mib"] = server.file_backed_mib()
    profiles = [f"/organizations/bench-{n}" for n in range(0, args.organizations, max(1, args.organizations // 1000))]
    # The first reading of each page renders it; what follows is served from the kept pages, each rendered again
    # as it ages out. Both are measured, the first seconds on their own.
    figures["irene_load_profile_cold"] = wrk(server.port, profiles, 3, work)
    figures["irene_load_profile"] = wrk(server.port, profiles, args.seconds, work)
    # A query string is never served from the kept pages: each of these is read from the database and rendered.
    rendered = [f"{path}?lang=en" for path in profiles]
    figures["irene_load_profile_rendered"] = wrk(server.port, rendered, args.seconds, work)
    figures["rss_after_pages_mib"] = server.rss_mib()
    server.stop()

    server = Server(args.irene, data)
    figures["start_index_on_disk_s"] = server.start_seconds
    figures["rss_after_restart_mib"] = server.rss_mib()
    wrk(server.port, search_paths, args.seconds, work)
    figures["rss_after_restart_and_load_mib"] = server.rss_mib()
    figures["rss_file_after_restart_and_load_mib"] = server.file_backed_mib()
    server.stop()

    if args.postgres:
        pg_data = os.path.join(work, "data-postgres")
        load_directory(args.irene, pg_data, csv_path, args.postgres)
        server = Server(args.irene, pg_data, args.postgres)
        figures["pg_start_building_index_s"] = server.start_seconds
        latencies, found = measure_one_client(server.port, queries)
        figures["pg_one_client"] = {p: percentile(latencies, int(p[1:])) for p in ("p50", "p95", "p99")}
        figures["pg_recall_all"] = recall_by_kind(found)["all"]
        figures["pg_load_search"] = wrk(server.port, search_paths, args.seconds, work)
        figures["pg_load_profile_cold"] = wrk(server.port, profiles, 3, work)
        figures["pg_load_profile"] = wrk(server.port, profiles, args.seconds, work)
        figures["pg_load_profile_rendered"] = wrk(server.port, rendered, args.seconds, work)
        server.stop()

    started = time.monotonic()
    baseline = Fts5Baseline(csv_path)
    figures["fts5_build_s"] = time.monotonic() - started
    latencies, found = baseline.measure(queries)
    figures["fts5_one_client"] = {p: percentile(latencies, int(p[1:])) for p in ("p50", "p95", "p99")}
    figures["fts5_recall"] = recall_by_kind(found)

    print(report(figures))
    if args.report:
        with open(args.report, "w") as f:
            json.dump(figures, f, indent=2)
    subprocess.run(["rm", "-rf", work], check=False)
    if figures["irene_recall"]["all"] < args.min_recall:
        raise SystemExit(f"recall@10 {figures['irene_recall']['all']:.1f} % is below {args.min_recall} %")


def load_directory(irene, data, csv_path, database_url=None):
    """A fresh database with the demo networks and the generated organisations."""
    env = dict(os.environ, IRENE_LOG="warn")
    if database_url:
        env["IRENE_DATABASE_URL"] = database_url
        empty_postgres(database_url)
    subprocess.run([irene, "generate", "--organizations", "0", "--demo", "--data", data], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([irene, "import", csv_path, "--data", data], env=env, check=True, stdout=subprocess.DEVNULL)


def empty_postgres(database_url):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", database_url, "-c",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True, stdout=subprocess.DEVNULL)


def report(f):
    one, base = f["irene_one_client"], f["fts5_one_client"]
    lines = [
        f"{f['organizations']:,} organisations, {f['queries']:,} queries",
        "| what | IRENE (HTTP) | SQLite FTS5 + GROUP BY (in-process) |",
        "|---|---:|---:|",
        f"| one client: p50 / p95 / p99 | {one['p50']:.2f} / {one['p95']:.2f} / {one['p99']:.2f} ms | "
        f"{base['p50']:.2f} / {base['p95']:.2f} / {base['p99']:.2f} ms |",
    ]
    for kind in directory_data.KINDS_OF_QUERY + ["all"]:
        lines.append(f"| recall@10, {kind} | {f['irene_recall'][kind]:.1f} % | {f['fts5_recall'][kind]:.1f} % |")
    search, profile, rendered = f["irene_load_search"], f["irene_load_profile"], f["irene_load_profile_rendered"]
    cold = f["irene_load_profile_cold"]
    lines += [
        "",
        f"- search under load (16 connections): {search['rps']:,.0f} req/s, p50 {search['p50']:.2f} ms, "
        f"p99 {search['p99']:.2f} ms",
        f"- organisation page under load: the first 3 s after a start {cold['rps']:,.0f} req/s, p50 "
        f"{cold['p50']:.2f} ms, p99 {cold['p99']:.2f} ms; then {profile['rps']:,.0f} req/s, p50 {profile['p50']:.2f} ms, "
        f"p99 {profile['p99']:.2f} ms; rendered for each request: {rendered['rps']:,.0f} req/s, "
        f"p50 {rendered['p50']:.2f} ms, p99 {rendered['p99']:.2f} ms",
        f"- start until /healthz: building the index {f['start_building_index_s']:.2f} s, index on disk "
        f"{f['start_index_on_disk_s']:.2f} s",
        f"- resident memory: after start {f['rss_after_start_mib']:.0f} MiB, after search load "
        f"{f['rss_after_load_mib']:.0f} MiB, after the pages' load too {f['rss_after_pages_mib']:.0f} MiB;"
        f" after a restart {f['rss_after_restart_mib']:.0f} MiB, after search load {f['rss_after_restart_and_load_mib']:.0f} MiB"
        f" (mapped index files after search load: {f['rss_file_after_load_mib']:.0f} / "
        f"{f['rss_file_after_restart_and_load_mib']:.0f} MiB)",
        f"- FTS5 index built in {f['fts5_build_s']:.1f} s",
    ]
    if "pg_one_client" in f:
        pg, pg_search, pg_profile = f["pg_one_client"], f["pg_load_search"], f["pg_load_profile"]
        pg_rendered, pg_cold = f["pg_load_profile_rendered"], f["pg_load_profile_cold"]
        lines += [
            f"- PostgreSQL: one client p50 / p95 / p99 {pg['p50']:.2f} / {pg['p95']:.2f} / {pg['p99']:.2f} ms "
            f"({pg['p50'] / one['p50']:.2f}× / {pg['p99'] / one['p99']:.2f}× SQLite's), recall@10 "
            f"{f['pg_recall_all']:.1f} %",
            f"- PostgreSQL, search under load: {pg_search['rps']:,.0f} req/s ({pg_search['rps'] / search['rps']:.2f}× "
            f"SQLite's), p99 {pg_search['p99']:.2f} ms; organisation page, first 3 s {pg_cold['rps']:,.0f} req/s, p99 "
            f"{pg_cold['p99']:.2f} ms, then {pg_profile['rps']:,.0f} req/s "
            f"({pg_profile['rps'] / profile['rps']:.2f}×), p99 {pg_profile['p99']:.2f} ms, rendered for each request "
            f"{pg_rendered['rps']:,.0f} req/s ({pg_rendered['rps'] / rendered['rps']:.2f}×), p99 "
            f"{pg_rendered['p99']:.2f} ms; start building the index "
            f"{f['pg_start_building_index_s']:.2f} s",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
