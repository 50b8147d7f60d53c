"""The outlook backtested: every month of 2005-2023 with what was known before it (issue 12).

Runs :func:`unsc.outlook.backtest.run_outlook_backtest` on the record: for every month, the
mandate ends due in it, the course forecast (course model refitted monthly, vote model yearly)
against the course taken and the vote recorded, scored against the baselines "always renew as
is" and "do as last time" (courses) and "as last time" / "share so far" (contested votes).

Results go to ``benchmarks/results/outlook.json`` and ``outlook.md``; the calibration chart to
``docs/img/outlook-calibration.png``. Long: run it once, with ``nice``.

    nice .venv/bin/python benchmarks/outlook.py [--db PATH] [--from 2005] [--to 2023]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unsc.cli._output import dumps
from unsc.outlook.backtest import (
    CONTEST_METHODS,
    METHODS,
    calibration_chart,
    run_outlook_backtest,
)
from unsc.record.db import connect, default_db_path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CHART = ROOT / "docs" / "img" / "outlook-calibration.png"


def _row(name: str, s: dict[str, Any], keys: tuple[str, ...]) -> str:
    return f"| {name} | " + " | ".join(f"{s[k]:.4f}" for k in keys) + " |"


def markdown(data: dict[str, Any]) -> str:
    c, h, v = data["courses"], data["courses_host_not_consenting"], data["contested"]
    lines = [
        f"# Outlook backtest, {data['from']}-{data['to']}",
        "",
        f"{data['written']}; {data['machine']}. Written by `benchmarks/outlook.py` in "
        f"{data['seconds']:.0f} s ({data['refit']}).",
        "",
        f"{data['months']} months; {c['decisions']} mandate ends due with a known course "
        f"(taken: {', '.join(f'{k} {n}' for k, n in data['taken'].items())}).",
        "",
        "**Course** (five courses; Brier summed over them; lower is better):",
        "",
        "| method | Brier | log loss | accuracy |",
        "|---|---|---|---|",
        *(_row(m.replace("_", " "), c[m], ("brier", "log_loss", "accuracy")) for m in METHODS),
        "",
        f"Of these, {h['decisions']} with a host not simply consenting:",
        "",
        "| method | Brier | log loss | accuracy |",
        "|---|---|---|---|",
        *(_row(m.replace("_", " "), h[m], ("brier", "log_loss", "accuracy")) for m in METHODS),
        "",
        f"**Contested vote** ({v['votes']} votes with a tally, {v['contested']} contested; "
        "binary Brier):",
        "",
        "| method | Brier | log loss |",
        "|---|---|---|",
        *(_row(m.replace("_", " "), v[m], ("brier", "log_loss")) for m in CONTEST_METHODS),
        "",
        "Course taken (rows) against the model's likeliest course (columns):",
        "",
        "| taken | " + " | ".join(data["confusion_taken_by_predicted"]) + " |",
        "|---|" + "---|" * len(data["confusion_taken_by_predicted"]),
    ]
    for taken, row in data["confusion_taken_by_predicted"].items():
        lines.append(f"| {taken} | " + " | ".join(str(n) for n in row.values()) + " |")
    misses = [i for i in data["items"] if i["taken"] != "renew"]
    if misses:
        lines += ["", "Mandate ends where the Council did not simply renew:", ""]
        lines += [
            "| month | mission | host | taken | P(taken) | likeliest |",
            "|---|---|---|---|---|---|",
        ]
        for i in misses:
            lines.append(
                f"| {i['month']} | {i['mission']} | {i['host_position']} | {i['taken']} | "
                f"{i['courses'][i['taken']]:.2f} | {i['predicted']} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # default: where the unsc command looks ($UNSC_DB, else the user data directory)
    parser.add_argument("--db", type=Path, default=default_db_path())
    parser.add_argument("--from", dest="start", type=int, default=2005)
    parser.add_argument("--to", dest="end", type=int, default=2023)
    args = parser.parse_args()
    conn = connect(args.db)
    try:
        report = run_outlook_backtest(conn, args.start, args.end, progress=print)
    finally:
        conn.close()
    calibration_chart(report, CHART)
    data = report.to_dict()
    data["written"] = datetime.now(UTC).isoformat(timespec="seconds")
    data["machine"] = (
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end (shared), "
        f"Python {platform.python_version()}, OMP_NUM_THREADS="
        f"{os.environ.get('OMP_NUM_THREADS', 'unset')}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "outlook.json").write_text(dumps(data) + "\n", encoding="utf-8")
    (RESULTS / "outlook.md").write_text(markdown(json.loads(dumps(data))), encoding="utf-8")
    print(markdown(json.loads(dumps(data))))


if __name__ == "__main__":
    main()
