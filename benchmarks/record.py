"""Record build time and query latency (run on demand; not a test).

1. Builds the whole record from the source directory into a temporary file, ``--builds`` times,
   and reports each build's wall time (target: under 20 s).
2. Times every query the ``unsc`` query commands run, each ``--runs`` times after two warm-up
   runs, two ways:

   - ``library``: open the database, run the query, close it: what a command does, less the
     interpreter's start and Typer's parsing (target: p95 under 50 ms);
   - ``command``: the whole command in-process (``unsc ... --json`` through Typer's test runner),
     parsing, query and JSON output included.

3. Times one command as a whole process (``python -m unsc resolution 2690 --json``): start-up
   and imports included.
4. Times ``unsc record verify`` (the replay of every vote) a few times, for information.

Results go to ``benchmarks/results/record.json`` and ``record.md``.

    .venv/bin/python benchmarks/record.py [--source DIR] [--runs 50] [--builds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.record import query
from unsc.record.build import build_record
from unsc.record.db import connect
from unsc.record.verify import verify

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_BUILD_S = 20.0
TARGET_QUERY_MS = 50.0

Query = Callable[[sqlite3.Connection], object]

# (name, the command a user types, the library call it makes)
QUERIES: list[tuple[str, list[str], Query]] = [
    ("resolution", ["resolution", "2690"], lambda c: query.resolution(c, 2690)),
    ("draft", ["draft", "S/2023/638"], lambda c: query.draft(c, "S/2023/638")),
    ("vetoes", ["vetoes"], lambda c: query.vetoes(c)),
    (
        "vetoes --member RUS --seat --since 1990",
        ["vetoes", "--member", "RUS", "--seat", "--since", "1990"],
        lambda c: query.vetoes(c, "RUS", 1990, seat=True),
    ),
    ("vetoes --count", ["vetoes", "--count"], lambda c: query.veto_counts(c)),
    (
        "votes --member RUS --since 2010",
        ["votes", "--member", "RUS", "--since", "2010"],
        lambda c: query.member_votes(c, "RUS", 2010),
    ),
    (
        "votes --member USA (all years)",
        ["votes", "--member", "USA"],
        lambda c: query.member_votes(c, "USA"),
    ),
    (
        "votes --member USA --with RUS --seat",
        ["votes", "--member", "USA", "--with", "RUS", "--seat"],
        lambda c: query.agreement(c, "USA", "RUS", seat=True),
    ),
    ("stats", ["stats"], lambda c: query.stats_by_year(c)),
    ("search Mali", ["search", "Mali"], lambda c: query.search(c, "Mali")),
    (
        "search peacekeeping operations",
        ["search", "peacekeeping operations"],
        lambda c: query.search(c, "peacekeeping operations"),
    ),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "max_ms": round(max(values), 2),
    }


def time_library(db: Path, call: Query, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU time shows what the load hides)."""
    wall, cpu = [], []
    for i in range(runs + 2):
        start, start_cpu = time.perf_counter(), time.process_time()
        conn = connect(db)
        try:
            call(conn)
        finally:
            conn.close()
        if i >= 2:
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def time_command(db: Path, args: list[str], runs: int) -> list[float]:
    runner = CliRunner()
    app = build_app()
    times = []
    for i in range(runs + 2):
        start = time.perf_counter()
        result = runner.invoke(app, [*args, "--json", "--db", str(db)])
        elapsed = (time.perf_counter() - start) * 1000
        if result.exit_code != 0:
            raise SystemExit(f"unsc {' '.join(args)} failed: {result.stderr}")
        if i >= 2:
            times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--builds", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "record.sqlite"
        builds = []
        for _ in range(args.builds):
            start = time.perf_counter()
            report = build_record(args.source, db)
            builds.append(time.perf_counter() - start)
        size = db.stat().st_size
        counts = {
            "resolutions": report.resolutions,
            "drafts": report.drafts,
            "votes": report.votes,
            "vetoes": report.vetoes,
        }

        queries: list[dict[str, Any]] = []
        for name, command, call in QUERIES:
            wall, cpu = time_library(db, call, args.runs)
            library = summary(wall) | {"cpu_median_ms": round(statistics.median(cpu), 2)}
            command_times = summary(time_command(db, command, args.runs))
            queries.append(
                {
                    "query": name,
                    "command": "unsc " + " ".join(command),
                    "library": library,
                    "command_in_process": command_times,
                    "meets_target": library["p95_ms"] < TARGET_QUERY_MS,
                }
            )
            print(f"{name}: {library} / command {command_times}", file=sys.stderr)

        # A whole process, as a user or script runs it: the interpreter's start and every import
        # of the command tree included.
        process_times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "unsc", "resolution", "2690", "--json", "--db", str(db)],
                check=True,
                capture_output=True,
            )
            process_times.append((time.perf_counter() - start) * 1000)

        verify_times = []
        for _ in range(3):
            start = time.perf_counter()
            conn = connect(db)
            try:
                checked = verify(conn).checked
            finally:
                conn.close()
            verify_times.append((time.perf_counter() - start) * 1000)

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
        },
        "build": {
            "runs_s": [round(b, 2) for b in builds],
            "best_s": round(min(builds), 2),
            "target_s": TARGET_BUILD_S,
            "meets_target": min(builds) < TARGET_BUILD_S,
            "db_bytes": size,
            "counts": counts,
        },
        "runs_per_query": args.runs,
        "target_query_p95_ms": TARGET_QUERY_MS,
        "queries": queries,
        "process": {"command": "unsc resolution 2690 --json", **summary(process_times)},
        "verify": {"checked": checked, **summary(verify_times)},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "record.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "record.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))


def markdown(result: dict[str, Any]) -> str:
    build = result["build"]
    machine = result["machine"]
    lines = [
        "# Record: build time and query latency",
        "",
        f"{result['when']}; {machine['cpus']} CPUs (load average {machine['load_average'][0]} "
        f"at the end: the machine is shared), Python {machine['python']}, SQLite "
        f"{machine['sqlite']}. Written by `benchmarks/record.py`.",
        "",
        f"**Build** from the source directory: {', '.join(f'{b} s' for b in build['runs_s'])} "
        f"(target < {build['target_s']:.0f} s: {'met' if build['meets_target'] else 'not met'}); "
        f"{build['db_bytes'] / 1e6:.1f} MB; {build['counts']['resolutions']} resolutions, "
        f"{sum(build['counts']['drafts'].values())} questions put to the vote, "
        f"{build['counts']['votes']} member votes, {build['counts']['vetoes']} vetoes.",
        "",
        f"**Queries**, {result['runs_per_query']} runs each after two warm-up runs. *library*: "
        "open the database, run the query, close it (wall clock; CPU time of the process beside "
        "it, which the machine's load does not inflate); *command*: the whole `--json` command "
        "in-process (Typer building the command tree, the query, JSON). Target: library p95 < "
        f"{result['target_query_p95_ms']:.0f} ms.",
        "",
        "| command | library median ms | library p95 ms | library CPU median ms "
        "| command median ms | command p95 ms | p95 < 50 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for q in result["queries"]:
        lib, cmd = q["library"], q["command_in_process"]
        lines.append(
            f"| `{q['command']}` | {lib['median_ms']} | {lib['p95_ms']} | {lib['cpu_median_ms']} "
            f"| {cmd['median_ms']} | {cmd['p95_ms']} | {'yes' if q['meets_target'] else 'no'} |"
        )
    v = result["verify"]
    p = result["process"]
    lines += [
        "",
        f"**A whole process**, `{p['command']}` run 5 times as a subprocess (interpreter start "
        f"and every import of the command tree): median {p['median_ms']} ms, max {p['max_ms']} ms.",
        "",
        f"**Verify** (`unsc record verify`, {v['checked']} votes replayed): median "
        f"{v['median_ms']} ms.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
