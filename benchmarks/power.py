"""Voting-power benchmark: unsc side by side with the Python packages that compute power indices.

    .venv/bin/pip install -e '.[bench]'       # powerindex, powerindices, power-bdd, tucoopy
    .venv/bin/python benchmarks/power.py      # all cases, 60 s per case and package
    .venv/bin/python benchmarks/power.py --timeout 20 --cases council-1966,random-100

Every run of every package is a subprocess with a time limit, so a slow package cannot hang
the benchmark. Each worker times only the computation (after imports and, for unsc, after its
compiled kernels are loaded from Numba's cache): wall-clock seconds and the process's CPU
seconds, which matter on a shared machine. The largest difference is taken from unsc's exact
values (fractions) where they were computed, else from unsc's floats (marked ``ref=float``).
Banzhaf values are compared normalised (packages differ on absolute versus normalised).

Writes benchmarks/results/power.json and benchmarks/results/power.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PEERS = ("powerindex", "powerindices", "power_bdd", "tucoopy")
INDICES = ("banzhaf", "shapley-shubik")
RANDOM_SIZES = (100, 500, 1000, 5000)
SEED = 20260601
#: Largest difference from the exact values still counted as a correct answer.
WRONG = 1e-9


# --- cases -------------------------------------------------------------------------------


def case_game(case: str) -> Any:
    """The unsc game of a benchmark case."""
    import numpy as np

    from unsc.power import council_game, weighted_game
    from unsc.power.bodies import body

    if case.startswith("random-"):
        n = int(case.split("-")[1])
        rng = np.random.default_rng(SEED + n)
        weights = rng.integers(1, 100, n).tolist()
        return weighted_game(weights, sum(weights) // 2 + 1, name=case)
    if case == "council-1966":
        from unsc.council import council_preset

        return council_game(council_preset(case))
    return body(case)


def weighted_form(case: str) -> tuple[list[int], int] | None:
    """(weights, quota) when the case is a weighted game a peer can take."""
    if case == "council-1966":
        # The same game: all five and four more (Shapley & Shubik 1954).
        return [7] * 5 + [1] * 10, 39
    game = case_game(case)
    if not game.is_weighted:
        return None
    return list(game.rules[0].weights), game.rules[0].quota


# --- workers (run in a subprocess) --------------------------------------------------------


def _timed(fn: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def worker(package: str, case: str, index: str, exact: bool) -> dict[str, Any]:
    if package == "unsc":
        from unsc.power import power_index, weighted_game

        game = case_game(case)
        warm = weighted_game(list(range(1, 21)), 106)  # too many profiles: the DP path
        power_index(warm, index, exact=exact)  # loads the compiled kernels from the cache
        result, wall, cpu = _timed(lambda: power_index(game, index, exact=exact))
        values = [str(v) for v in result.values] if exact else list(result.as_floats())
        return {"seconds": wall, "cpu": cpu, "values": values, "method": result.method}
    if case == "eu27":
        if package != "power_bdd":
            raise SystemExit(3)  # cannot express a compound game
        from power_bdd.bdd import BDD, WeightedGame

        game = case_game(case)

        def run_bdd() -> list[float]:
            parts = [BDD(WeightedGame(r.quota, list(r.weights))) for r in game.rules]
            bdd = parts[0] & (parts[1] | parts[2])  # the formula of eu_council()
            return list(bdd.calc_banzhaf() if index == "banzhaf" else bdd.calc_shapley())

        values, wall, cpu = _timed(run_bdd)
        return {"seconds": wall, "cpu": cpu, "values": [float(v) for v in values]}
    form = weighted_form(case)
    if form is None:
        raise SystemExit(3)
    weights, quota = form
    if package == "powerindex":
        import powerindex

        def run_pi() -> list[float]:
            game = powerindex.Game(quota, weights=list(weights))
            if index == "banzhaf":
                game.calc_banzhaf()
                return list(game.banzhaf)
            game.calc_shapley_shubik()
            return list(game.shapley_shubik)

        values, wall, cpu = _timed(run_pi)
    elif package == "powerindices":
        import powerindices

        def run_pis() -> list[float]:
            fn = powerindices.compute_pbi if index == "banzhaf" else powerindices.compute_ssi
            return [float(v) for v in fn(quota, list(weights))]

        values, wall, cpu = _timed(run_pis)
    elif package == "power_bdd":
        from power_bdd.bdd import BDD, WeightedGame

        def run_bdd_w() -> list[float]:
            bdd = BDD(WeightedGame(quota, list(weights)))
            return list(bdd.calc_banzhaf() if index == "banzhaf" else bdd.calc_shapley())

        values, wall, cpu = _timed(run_bdd_w)
    elif package == "tucoopy":
        from tucoopy.power.banzhaf import banzhaf_index_weighted_voting
        from tucoopy.power.shapley_shubik import shapley_shubik_index_weighted_voting

        def run_tc() -> list[float]:
            if index == "banzhaf":
                return list(banzhaf_index_weighted_voting(list(weights), quota))
            return list(shapley_shubik_index_weighted_voting(list(weights), quota))

        values, wall, cpu = _timed(run_tc)
    else:
        raise SystemExit(f"unknown package {package}")
    return {"seconds": wall, "cpu": cpu, "values": [float(v) for v in values]}


# --- driver --------------------------------------------------------------------------------


def run_one(package: str, case: str, index: str, exact: bool, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", package, case, index]
    if exact:
        command.append("--exact")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "limit": timeout}
    if done.returncode == 3:
        return {"status": "n/a"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return {"status": "error", "error": tail[0][:200]}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["status"] = "ok"
    out["elapsed_with_startup"] = time.perf_counter() - started
    return out


def _normalised(values: list[float]) -> list[float]:
    total = sum(values)
    return [v / total for v in values] if total else values


def largest_difference(values: list[Any], reference: list[Fraction | float]) -> float:
    got = _normalised([float(v) for v in values])
    ref = [float(v) for v in _normalised([float(r) for r in reference])]
    return max(abs(a - b) for a, b in zip(got, ref, strict=True))


def plan(cases: list[str]) -> list[tuple[str, str, bool]]:
    """(case, index, unsc exact?) triples; exact where unsc can afford it."""
    jobs = []
    for case in cases:
        for index in INDICES:
            n = int(case.split("-")[1]) if case.startswith("random-") else 0
            if index == "shapley-shubik" and n >= 5000:
                continue  # n * n/2 * q = 1.5e12 table cells: out of reach for every package
            if not (index == "shapley-shubik" and n > 500):
                jobs.append((case, index, True))  # exact Shapley-Shubik: up to 500 players
            if n >= 100:
                jobs.append((case, index, False))
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3, metavar=("PACKAGE", "CASE", "INDEX"))
    parser.add_argument("--exact", action="store_true")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument(
        "--cases",
        default="council-1966,eu27,us-electoral-college,"
        + ",".join(f"random-{n}" for n in RANDOM_SIZES),
    )
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--out", default=str(RESULTS / "power"))
    parser.add_argument(
        "--report", action="store_true", help="Rewrite the .md table from the .json results."
    )
    args = parser.parse_args()
    if args.report:
        saved = json.loads(Path(args.out).with_suffix(".json").read_text(encoding="utf-8"))
        write(saved["rows"], Path(args.out), saved["meta"]["timeout_seconds"], saved["meta"])
        return
    if args.worker:
        package, case, index = args.worker
        print(json.dumps(worker(package, case, index, args.exact)))
        return

    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    rows: list[dict[str, Any]] = []
    for case, index, exact in plan(cases):
        mine = run_one("unsc", case, index, exact, args.timeout * 5)
        row: dict[str, Any] = {"case": case, "index": index, "unsc_exact": exact, "unsc": mine}
        print(
            f"{case:22} {index:15} {'exact' if exact else 'float':6} unsc {_fmt(mine)}", flush=True
        )
        if exact and mine.get("status") == "ok":
            reference = [Fraction(v) for v in mine["values"]]
            row["reference"] = "exact"
        else:
            reference = []
        if not exact:
            exact_row = next(
                (r for r in rows if r["case"] == case and r["index"] == index and r["unsc_exact"]),
                None,
            )
            if exact_row and exact_row["unsc"].get("status") == "ok":
                reference = [Fraction(v) for v in exact_row["unsc"]["values"]]
                row["reference"] = "exact"
            elif mine.get("status") == "ok":
                reference = [float(v) for v in mine["values"]]
                row["reference"] = "float"
            if reference and mine.get("status") == "ok":
                mine["max_diff"] = largest_difference(mine["values"], reference)
        row["peers"] = {}
        if any(r["case"] == case and r["index"] == index for r in rows):
            rows.append(row)
            continue  # peers already ran for this case and index
        for peer in peers:
            result = run_one(peer, case, index, False, args.timeout)
            if result.get("status") == "ok" and reference:
                result["max_diff"] = largest_difference(result["values"], reference)
            result.pop("values", None)
            row["peers"][peer] = result
            print(f"{'':46} {peer:12} {_fmt(result)}", flush=True)
        rows.append(row)
    for row in rows:
        for key in ("unsc",):
            row[key].pop("values", None)
    _fill_peer_rows(rows)
    write(rows, Path(args.out), args.timeout)


def _fill_peer_rows(rows: list[dict[str, Any]]) -> None:
    """The float row of a case shares the peers measured on its exact row, and vice versa."""
    for row in rows:
        if not row["peers"]:
            twin = next(
                (
                    r
                    for r in rows
                    if r["case"] == row["case"] and r["index"] == row["index"] and r["peers"]
                ),
                None,
            )
            if twin is not None:
                row["peers"] = twin["peers"]


def _fmt(result: dict[str, Any]) -> str:
    if result.get("status") != "ok":
        return result.get("status", "?") + (f" ({result['error']})" if "error" in result else "")
    diff = f" diff {result['max_diff']:.1e}" if "max_diff" in result else ""
    return f"{result['seconds']:.4f} s (cpu {result['cpu']:.4f}){diff}"


def _peer_text(peer: str, result: dict[str, Any], reference: str) -> str:
    if result.get("status") != "ok":
        return f"{peer} {result.get('status')}"
    text = f"{peer} {result['seconds']:.3f} s"
    if "max_diff" in result:
        text += f", diff {result['max_diff']:.1e}"
        if reference == "float":
            text += " (from unsc float)"
        if result["max_diff"] > WRONG:
            text += " **wrong values**"
    return text


def write(
    rows: list[dict[str, Any]], out: Path, timeout: float, meta: dict[str, Any] | None = None
) -> None:
    meta = meta or {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "timeout_seconds": timeout,
        "seed": SEED,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        "# Voting-power benchmark",
        "",
        f"Run {meta['date']} on {meta['cpus']} CPUs (load average at the end "
        f"{', '.join(f'{x:.1f}' for x in meta['load_average'])}), Python {meta['python']}, "
        f"time limit {timeout:.0f} s per package and case. Seconds are wall-clock time of the "
        "computation alone; CPU seconds in brackets. `ratio` is the fastest peer's time over "
        "unsc's (wall clock). `diff` is the largest difference from unsc's exact values "
        "(normalised indices); a package whose values are off by more than "
        f"{WRONG:g} is marked wrong and not counted as the fastest.",
        "",
        "| case | index | unsc | unsc method | fastest peer | peer time | ratio | peers |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        mine = row["unsc"]
        peers = row["peers"]
        done = {
            p: r
            for p, r in peers.items()
            if r.get("status") == "ok" and r.get("max_diff", 0.0) <= WRONG
        }
        fastest = min(done, key=lambda p: done[p]["seconds"]) if done else None
        kind = "exact" if row["unsc_exact"] else "float"
        if mine.get("status") == "ok":
            mine_text = f"{mine['seconds']:.4f} s ({mine['cpu']:.4f}) {kind}"
            if "max_diff" in mine and row.get("reference") == "exact":
                mine_text += f", diff {mine['max_diff']:.1e}"
        else:
            mine_text = f"{mine.get('status')} ({kind})"
        ratio = (
            f"{done[fastest]['seconds'] / mine['seconds']:.3g}x"
            if fastest and mine.get("status") == "ok" and mine["seconds"] > 0
            else (
                f"> {timeout / mine['seconds']:.3g}x (no peer finished)"
                if peers and not done and mine.get("status") == "ok"
                else "-"
            )
        )
        peer_text = "; ".join(_peer_text(p, r, row.get("reference", "")) for p, r in peers.items())
        peer_time = f"{done[fastest]['seconds']:.3f} s" if fastest else "-"
        lines.append(
            f"| {row['case']} | {row['index']} | {mine_text} | {mine.get('method', '')} | "
            f"{fastest or '-'} | {peer_time} | {ratio} | {peer_text} |"
        )
    out.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
