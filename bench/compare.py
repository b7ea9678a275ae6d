"""Two builds of irene under the same search load on the same directory, in turns, so that a change is measured
against the build before it in the same run, and its answers are checked to be the same.

    python3 bench/compare.py --baseline OLD_IRENE --candidate NEW_IRENE [--organizations N] [--queries Q]
                             [--seconds S] [--rounds R] [--data DIR]

Generates the directory bench/directory.py measures (or reuses DIR, prepared by an earlier run), imports it with
the baseline, then serves it with each build in turn, R rounds: a 5 s warm-up, then wrk's search load (two
threads, 16 connections) for S seconds. Prints each run, the medians and the candidate's ratios, after checking
that both builds answer the queries with the same totals, pages and facet counts.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import directory  # noqa: E402
import directory_data  # noqa: E402


def answers(irene, data, paths):
    server = directory.Server(irene, data)
    try:
        return [json.load(urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}")) for path in paths]
    finally:
        server.stop()


def loaded(irene, data, search_paths, seconds, work):
    server = directory.Server(irene, data)
    try:
        directory.wrk(server.port, search_paths, 5, work)
        figures = directory.wrk(server.port, search_paths, seconds, work)
        figures["rss_mib"] = server.rss_mib()
        return figures
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_200)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", help="a directory to keep the generated directory in, and reuse when it exists")
    args = parser.parse_args()

    work = args.data or tempfile.mkdtemp(prefix="irene-compare-")
    os.makedirs(work, exist_ok=True)
    data, csv_path = os.path.join(work, "data"), os.path.join(work, "organizations.csv")
    paths_file = os.path.join(work, "search-paths.json")
    if not os.path.exists(paths_file):
        truth = directory_data.write_directory(csv_path, args.organizations)
        queries = directory_data.queries(truth, args.queries)
        directory.load_directory(args.baseline, data, csv_path)
        with open(paths_file, "w") as f:
            json.dump([directory.api_path(text, country) for _, text, country, _ in queries], f)
    with open(paths_file) as f:
        search_paths = json.load(f)

    checked = search_paths[:300]
    differing = [path for path, old, new in zip(checked, answers(args.baseline, data, checked),
                                                answers(args.candidate, data, checked)) if old != new]
    if differing:
        raise SystemExit(f"the builds answer {len(differing)} of {len(checked)} searches differently, as {differing[0]}")

    runs = {"baseline": [], "candidate": []}
    for round_ in range(1, args.rounds + 1):
        for name in runs:
            figures = loaded(getattr(args, name), data, search_paths, args.seconds, work)
            runs[name].append(figures)
            print(f"round {round_}, {name}: {figures['rps']:,.0f} req/s, p50 {figures['p50']:.2f} ms, "
                  f"p99 {figures['p99']:.2f} ms, {figures['rss_mib']:.0f} MiB", flush=True)

    print(f"\nsearch under load, {args.organizations:,} organisations, medians of {args.rounds} rounds; "
          f"the same answers to {len(checked)} searches")
    print("| build | req/s | p50 | p99 | memory |\n|---|---:|---:|---:|---:|")
    medians = {name: {key: statistics.median(run[key] for run in figures) for key in ("rps", "p50", "p99", "rss_mib")}
               for name, figures in runs.items()}
    for name, m in medians.items():
        print(f"| {name} | {m['rps']:,.0f} | {m['p50']:.2f} ms | {m['p99']:.2f} ms | {m['rss_mib']:.0f} MiB |")
    old, new = medians["baseline"], medians["candidate"]
    print(f"| candidate / baseline | {new['rps'] / old['rps']:.2f}× | {new['p50'] / old['p50']:.2f}× | "
          f"{new['p99'] / old['p99']:.2f}× | {new['rss_mib'] / old['rss_mib']:.2f}× |")
    if not args.data:
        subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
