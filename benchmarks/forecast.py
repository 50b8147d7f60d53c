"""Forecast speed: training, one forecast, and ``unsc forecast --batch`` over a thousand drafts.

1. Trains the vote model on the whole record (walk of the record for the features, then the
   fit), ``--trains`` times, and reports each wall time.
2. Writes a JSONL file of ``--drafts`` drafts (agenda items of the record, dates of 2023 and of
   2025, with and without sponsors and member lists; generated here, no source text copied
   beyond agenda item names the record holds) and times ``forecast_drafts`` on it in-process,
   and ``unsc forecast --batch FILE --json`` as a whole process (model loaded from the cache
   next to the database; interpreter start included).
3. Times one ``unsc forecast --date ... --agenda ... --json`` process.

Results go to ``benchmarks/results/forecast.json`` and ``forecast.md``.

    .venv/bin/python benchmarks/forecast.py [--db PATH | --source DIR] [--drafts 1000]
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from unsc.forecast.batch import read_batch
from unsc.forecast.dataset import build_matrix, load_record
from unsc.forecast.draft import forecast_drafts
from unsc.forecast.model import MODEL_ID, load_model, train
from unsc.record.build import build_record
from unsc.record.db import connect

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_BATCH_S = 10.0
MEMBERS_2031 = ["CHN", "FRA", "GBR", "RUS", "USA", "BRA", "IND", "JPN", "DEU", "ZAF"]
MEMBERS_2031 += ["NGA", "MEX", "NOR", "EGY", "IDN"]


def write_batch(conn: sqlite3.Connection, path: Path, n: int) -> None:
    agendas = [
        str(r[0])
        for r in conn.execute(
            "SELECT agenda FROM drafts WHERE agenda IS NOT NULL AND date >= '2015-01-01' "
            "GROUP BY agenda ORDER BY count(*) DESC LIMIT 60"
        )
    ]
    sponsors = [["FRA"], ["GBR"], ["USA"], ["RUS"], ["CHN"], ["FRA", "GBR", "USA"], []]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            line: dict[str, Any] = {
                "id": f"d{i}",
                "date": date(2023, 1 + i % 12, 1 + i % 28).isoformat(),
                "agenda": agendas[i % len(agendas)],
                "sponsors": sponsors[i % len(sponsors)],
            }
            if i % 5 == 0:
                line["date"] = date(2031, 1 + i % 12, 1 + i % 28).isoformat()
                line["members"] = MEMBERS_2031
            if i % 17 == 0:
                line["matter"] = "procedural"
            handle.write(json.dumps(line) + "\n")


def run(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr}")
    return elapsed, done.stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--trains", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "record.sqlite"
            build_record(args.source, db)
        conn = connect(db)
        train_s = []
        for _ in range(args.trains):
            start = time.perf_counter()
            matrix = build_matrix(load_record(conn))
            walked = time.perf_counter() - start
            model = train(matrix)
            train_s.append((walked, time.perf_counter() - start))
        load_model(conn)  # fill the cache the command uses
        batch = Path(tmp) / "drafts.jsonl"
        write_batch(conn, batch, args.drafts)
        queries = read_batch(batch)
        start = time.perf_counter()
        forecasts = forecast_drafts(model, queries)
        library_s = time.perf_counter() - start
        conn.close()
        assert len(forecasts) == args.drafts
        unsc = [sys.executable, "-m", "unsc"]
        batch_runs = []
        for _ in range(3):
            elapsed, out = run(
                [*unsc, "forecast", "--db", str(db), "--batch", str(batch), "--json"]
            )
            assert len(out.splitlines()) == args.drafts
            batch_runs.append(elapsed)
        one_runs = []
        for _ in range(3):
            elapsed, _ = run(
                [*unsc, "forecast", "--db", str(db), "--date", "2023-06-30",
                 "--agenda", "The situation in Mali", "--sponsors", "FRA", "--json"]
            )  # fmt: skip
            one_runs.append(elapsed)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} CPUs, load average {load:.2f} at the end",
        "python": platform.python_version(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "unset"),
        "model_id": MODEL_ID,
        "train_walk_s": [round(w, 2) for w, _ in train_s],
        "train_total_s": [round(t, 2) for _, t in train_s],
        "drafts": args.drafts,
        "library_batch_s": round(library_s, 2),
        "command_batch_s": [round(x, 2) for x in batch_runs],
        "command_batch_median_s": round(statistics.median(batch_runs), 2),
        "command_one_s": [round(x, 2) for x in one_runs],
        "target_batch_s": TARGET_BATCH_S,
        "met": statistics.median(batch_runs) < TARGET_BATCH_S,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "forecast.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    md = [
        "# Forecast: training and batch speed",
        "",
        f"{result['when']}; {result['machine']} (the machine is shared), Python "
        f"{result['python']}, OMP_NUM_THREADS={result['omp_num_threads']}. Model `{MODEL_ID}`. "
        "Written by `benchmarks/forecast.py`.",
        "",
        f"**Training** on the whole record: walk of the record for the features "
        f"{result['train_walk_s']} s, walk and fit {result['train_total_s']} s.",
        "",
        f"**Batch of {args.drafts} drafts**: `forecast_drafts` in-process "
        f"{result['library_batch_s']} s; `unsc forecast --batch FILE --json` as a whole "
        f"process (model from the cache, interpreter start included), 3 runs: "
        f"{result['command_batch_s']} s, median {result['command_batch_median_s']} s "
        f"(target < {TARGET_BATCH_S:.0f} s: {'met' if result['met'] else 'not met'}).",
        "",
        f"**One forecast** (`unsc forecast --date 2023-06-30 --agenda 'The situation in Mali' "
        f"--sponsors FRA --json`, with pivotal members and the smallest change to pass), "
        f"3 runs: {result['command_one_s']} s.",
        "",
    ]
    (RESULTS / "forecast.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
