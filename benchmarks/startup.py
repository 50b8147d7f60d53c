"""Start-up of the ``unsc`` command as whole processes (run on demand; not a test).

1. ``unsc --help`` and ``unsc decide ...``, each ``--runs`` times as a subprocess, against the
   bare interpreter (``python -c pass``) as the floor (target: median <= 0.3 s).
2. The first ``unsc power`` against the second: with an empty Numba cache (what a fresh install
   without the set-up step would see), and after ``python -m unsc.power.warm`` (the step
   ``make install`` runs). Each case in a fresh cache directory (``NUMBA_CACHE_DIR``), a few
   times, median.

3. With ``--baseline REV``, ``unsc --help`` and ``unsc decide`` as they were at git revision
   REV (its ``src`` exported to a temporary directory and put first on ``sys.path``), for
   comparison.

Results go to ``benchmarks/results/startup.json`` and ``startup.md``.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--power-runs 3] [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_S = 0.3
UNSC = Path(sys.executable).with_name("unsc")

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass (the floor)", [sys.executable, "-c", "pass"]),
    ("unsc --help", [str(UNSC), "--help"]),
    (
        "unsc decide --date 2023-08-30 --no RUS --abstain CHN",
        [str(UNSC), "decide", "--date", "2023-08-30", "--no", "RUS", "--abstain", "CHN"],
    ),
    (
        "unsc decide --council veto-needs-two --no P-RUS --json",
        [str(UNSC), "decide", "--council", "veto-needs-two", "--no", "P-RUS", "--json"],
    ),
    ("unsc presets", [str(UNSC), "presets"]),
]

# A weighted game of 40 players with distinct weights: `auto` runs the compiled kernels.
WEIGHTS = ",".join(str(w) for w in range(1, 41))
POWER: list[tuple[str, list[str]]] = [
    (
        "unsc power --weights 1,...,40 --quota 411",
        [str(UNSC), "power", "--weights", WEIGHTS, "--quota", "411", "--json"],
    ),
    (
        "unsc power --weights 1,...,40 --quota 411 --exact",
        [str(UNSC), "power", "--weights", WEIGHTS, "--quota", "411", "--exact", "--json"],
    ),
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cpu(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one whole process."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return seconds, _children_cpu() - cpu


def run(argv: list[str], env: dict[str, str] | None = None) -> float:
    return run_cpu(argv, env)[0]


def timed(argv: list[str], runs: int) -> dict[str, float]:
    run(argv)  # one untimed run: the operating system's file cache
    pairs = [run_cpu(argv) for _ in range(runs)]
    times = [wall for wall, _ in pairs]
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "cpu_median_s": round(statistics.median(cpu for _, cpu in pairs), 3),
    }


def baseline(rev: str, runs: int) -> list[dict[str, Any]]:
    """``unsc --help`` and ``unsc decide`` from the source tree of git revision ``rev``."""
    found = []
    with tempfile.TemporaryDirectory(prefix="unsc-baseline-") as tmp:
        archive = subprocess.run(
            ["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        src = str(Path(tmp) / "src")
        start = f"import sys; sys.path.insert(0, {src!r}); from unsc.cli import main; main()"
        for name, argv in COMMANDS:
            if not name.startswith("unsc --help") and not name.startswith("unsc decide --date"):
                continue
            result = {
                "command": name,
                "revision": rev,
                **timed([sys.executable, "-c", start, *argv[1:]], runs),
            }
            print(result, flush=True)
            found.append(result)
    return found


def power_first_and_second(argv: list[str], runs: int, *, warm: bool) -> dict[str, float]:
    firsts: list[float] = []
    seconds: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="unsc-numba-") as cache:
            env = {**os.environ, "NUMBA_CACHE_DIR": cache}
            if warm:
                run([sys.executable, "-m", "unsc.power.warm"], env)
            firsts.append(run(argv, env))
            seconds.append(run(argv, env))
    return {
        "first_median_s": round(statistics.median(firsts), 3),
        "second_median_s": round(statistics.median(seconds), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--power-runs", type=int, default=3)
    parser.add_argument("--baseline", help="a git revision to compare with (e.g. 6bc1d11)")
    args = parser.parse_args()

    commands = []
    for name, argv in COMMANDS:
        result = {"command": name, **timed(argv, args.runs)}
        print(result, flush=True)
        commands.append(result)
    before = baseline(args.baseline, args.runs) if args.baseline else []
    power = []
    for name, argv in POWER:
        for warm in (False, True):
            result = {
                "command": name,
                "set_up": "after python -m unsc.power.warm" if warm else "empty Numba cache",
                **power_first_and_second(argv, args.power_runs, warm=warm),
            }
            print(result, flush=True)
            power.append(result)

    meta = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "runs": args.runs,
        "power_runs": args.power_runs,
        "target_s": TARGET_S,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "meta": meta,
        "commands": commands,
        "baseline": before,
        "power": power,
    }
    (RESULTS / "startup.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "startup.md").write_text(render(data), encoding="utf-8")
    return 0


def render(data: dict[str, Any]) -> str:
    meta = data["meta"]
    lines = [
        "# Start-up of the `unsc` command",
        "",
        f"{meta['when']}; {meta['cpus']} CPUs (load average {meta['load_average']} at the end: "
        f"the machine is shared), Python {meta['python']}. Written by `benchmarks/startup.py`.",
        "",
        f"**Whole processes**, each run {meta['runs']} times after one untimed run; wall clock, "
        "and the CPU time (user + system) of the process, which the load of other processes "
        f"inflates less. Target: median <= {meta['target_s']} s.",
        "",
        "| command | median s | min s | max s | CPU median s | median <= 0.3 s |",
        "|---|---|---|---|---|---|",
    ]
    for r in data["commands"]:
        met = (
            ""
            if r["command"].startswith("python")
            else ("yes" if r["median_s"] <= meta["target_s"] else "no")
        )
        lines.append(
            f"| `{r['command']}` | {r['median_s']} | {r['min_s']} | {r['max_s']} "
            f"| {r['cpu_median_s']} | {met} |"
        )
    if data["baseline"]:
        rev = data["baseline"][0]["revision"]
        lines += [
            "",
            f"**Before**: the same commands from the source tree of revision `{rev}` (its `src` "
            "first on `sys.path`), in the same run.",
            "",
            "| command | median s | min s | max s | CPU median s |",
            "|---|---|---|---|---|",
        ]
        for r in data["baseline"]:
            lines.append(
                f"| `{r['command']}` | {r['median_s']} | {r['min_s']} | {r['max_s']} "
                f"| {r['cpu_median_s']} |"
            )
    lines += [
        "",
        f"**The first `unsc power` and the second**, each in a fresh Numba cache directory, "
        f"{meta['power_runs']} times, median. `make install` runs `python -m unsc.power.warm`, "
        "which compiles the kernels into the cache, so after `make run` the first call is the "
        "second row's.",
        "",
        "| command | set-up | first s | second s |",
        "|---|---|---|---|",
    ]
    for r in data["power"]:
        lines.append(
            f"| `{r['command']}` | {r['set_up']} | {r['first_median_s']} | {r['second_median_s']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
