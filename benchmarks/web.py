"""API latency under 50 concurrent clients on loopback (run on demand; not a test).

Starts ``unsc serve`` in a subprocess on a free loopback port, then runs 50 clients at once, each
on its own keep-alive HTTP/1.1 connection, each sending its next request as soon as the last
one is answered (a closed loop: the worst case for latency, as the server is never idle). Every
lookup route is measured in turn, for a fixed number of requests and at most a fixed time, twice:
cold (the server meets the questions for the first time) and in the steady state (every path
asked once before). Results go to ``benchmarks/results/web.json`` and ``web.md``; the target is
a 95th percentile under 50 ms for the lookups.

    .venv/bin/python benchmarks/web.py [--db PATH] [--requests 1000] [--clients 50]

The client is a minimal HTTP/1.1 reader over asyncio streams, so that the client's own cost
(which shares the machine's cores with the server) stays small beside the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_P95_MS = 50.0


@dataclass
class RouteResult:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    def summary(self) -> dict[str, object]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float:
            if not lat:
                return float("nan")
            return round(lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))], 2)

        return {
            "route": self.name,
            "requests": self.requests,
            "errors": self.errors,
            "throughput_rps": round(self.requests / self.seconds, 1) if self.seconds else None,
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "max_ms": round(lat[-1], 2) if lat else None,
            "mean_ms": round(statistics.fmean(lat), 2) if lat else None,
            "meets_target": bool(lat) and pct(95) < TARGET_P95_MS and self.errors == 0,
        }


async def _fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        if key == b"content-length":
            length = int(value)
        elif key == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(length)
    return status


async def run_route(
    port: int, name: str, paths: list[str], *, total: int, clients: int, max_seconds: float
) -> RouteResult:
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + max_seconds

    async def client(seed: int) -> None:
        nonlocal errors, issued
        rng = random.Random(seed)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while issued < total and time.perf_counter() < deadline:
                issued += 1
                path = rng.choice(paths)
                start = time.perf_counter()
                status = await _fetch(reader, writer, path)
                latencies.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    # warm-up: one pass over a few paths so caches and lazy imports are not measured
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for path in paths[:5]:
        await _fetch(reader, writer, path)
    writer.close()
    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return RouteResult(name, len(latencies), errors, time.perf_counter() - started, latencies)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to get server CPU per request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def visit_all(port: int, paths: list[str]) -> None:
    """Ask every path once, in order, on one connection (the steady-state warm-up)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path in paths:
            await _fetch(reader, writer, path)
    finally:
        writer.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start in time")


def _record(db: Path | None) -> Path:
    if db is not None:
        return db
    env = os.environ.get("UNSC_DB")
    if env and Path(env).is_file():
        return Path(env)
    from unsc.record.build import build_record

    source = Path(os.environ.get("UNSC_SOURCE", ROOT.parent / "shared" / "data"))
    target = Path(tempfile.mkdtemp(prefix="unsc-bench-")) / "record.sqlite"
    print(f"building the record from {source} into {target} ...", flush=True)
    build_record(source, target)
    return target


def routes(db: Path) -> dict[str, list[str]]:
    """The lookups measured, each with a set of real paths drawn from the record."""
    conn = sqlite3.connect(db)
    rng = random.Random(2023)
    numbers = [r[0] for r in conn.execute("SELECT number FROM resolutions")]
    symbols = [r[0] for r in conn.execute("SELECT symbol FROM drafts WHERE symbol IS NOT NULL")]
    codes = [r[0] for r in conn.execute("SELECT DISTINCT state_code FROM votes")]
    conn.close()
    dates = [f"{y}-{m:02d}-15" for y in range(1946, 2024) for m in (3, 9)]
    return {
        "GET /api/decide": [
            f"/api/decide?date={d}&no={n}" for d in dates for n in ("USA", "FRA", "GBR")
        ],
        "GET /api/council": [f"/api/council?date={d}" for d in dates],
        "GET /api/resolutions/{number}": [
            f"/api/resolutions/{n}" for n in rng.sample(numbers, 300)
        ],
        "GET /api/drafts/{symbol}": [f"/api/drafts/{s}" for s in rng.sample(symbols, 300)],
        "GET /api/vetoes": ["/api/vetoes", "/api/vetoes?member=RUS", "/api/vetoes?since=2000"],
        "GET /api/members/{code}/votes": [
            f"/api/members/{c}/votes?since=2010" for c in rng.sample(codes, min(40, len(codes)))
        ],
        "GET /api/missions/{acronym}": ["/api/missions/MINUSMA", "/api/missions/UNIFIL"],
        "GET /api/mandates/due": ["/api/mandates/due"],
        "GET /api/power": ["/api/power"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=1000, help="requests per route")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=30.0, help="per route")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()

    db = _record(args.db)
    port = _free_port()
    unsc = Path(sys.executable).with_name("unsc")
    cmd = [str(unsc), "serve", "--port", str(port), "--db", str(db)]
    cmd += ["--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc)
        results = []
        for name, paths in routes(db).items():
            probe = asyncio.run(run_route(port, name, paths[:1], total=1, clients=1, max_seconds=5))
            if probe.errors:
                print(f"{name}: skipped (the route answered an error; not built yet?)")
                results.append({"route": name, "skipped": "route not available"})
                continue
            # First as the server first meets these questions (cold: it computes each answer
            # once), then in the steady state, after every path has been asked once.
            for phase in ("cold", "steady"):
                if phase == "steady":
                    asyncio.run(visit_all(port, paths))
                cpu_before = cpu_seconds(proc.pid)
                found = asyncio.run(
                    run_route(
                        port,
                        name,
                        paths,
                        total=args.requests,
                        clients=args.clients,
                        max_seconds=args.max_seconds,
                    )
                )
                summary = {"phase": phase, **found.summary()}
                cpu = cpu_seconds(proc.pid) - cpu_before
                summary["server_cpu_ms_per_request"] = (
                    round(cpu * 1000 / found.requests, 3) if found.requests else None
                )
                results.append(summary)
                print(
                    f"{name} ({phase}): {summary['requests']} requests, "
                    f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
                    f"p99 {summary['p99_ms']} ms, {summary['throughput_rps']} req/s, "
                    f"errors {summary['errors']}, "
                    f"server CPU {summary['server_cpu_ms_per_request']} ms/request",
                    flush=True,
                )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "server": f"unsc serve (uvicorn, {args.workers} process(es))",
        "clients": args.clients,
        "requests_per_route": args.requests,
        "max_seconds_per_route": args.max_seconds,
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "web.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Web API latency",
        "",
        f"{report['when']}; {args.clients} concurrent clients on loopback, closed loop (each "
        f"sends its next request when the last is answered), up to {args.requests} requests "
        f"or {args.max_seconds:.0f} s per route; server: {report['server']}; "
        + "each route measured cold (the server meets its questions for the first time and "
        "computes each answer once) and then in the steady state (every path asked once "
        "before; the server remembers answers that cannot change until the record is "
        "rebuilt); "
        + f"{report['machine']['cpus']} CPUs shared with the clients and other work (load "
        f"average {report['machine']['load_average_at_end'][0]} at the end); "
        f"Python {report['machine']['python']}. Target: p95 < {TARGET_P95_MS:.0f} ms.",
        "",
        "| route | phase | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms "
        "| server CPU ms/req | p95 < 50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "skipped" in r:
            lines.append(f"| `{r['route']}` | skipped: {r['skipped']} | | | | | | | | | |")
            continue
        lines.append(
            f"| `{r['route']}` | {r['phase']} | {r['requests']} | {r['errors']} | "
            f"{r['throughput_rps']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | "
            f"{r['server_cpu_ms_per_request']} | {'yes' if r['meets_target'] else 'no'} |"
        )
    (RESULTS / "web.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'web.json'} and {RESULTS / 'web.md'}")


if __name__ == "__main__":
    main()
