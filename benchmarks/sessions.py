"""Live sessions under load: 50 sessions x 15 delegations on two server processes (not a test).

Starts ``unsc serve --database postgresql://... --workers 2`` on a free loopback port, creates
50 sessions of the Council of 30 Aug 2023 through the API, opens a draft in each, and connects
750 live clients: one per delegation, each following its session's live channel (server-sent
events) on its own connection. Then every delegation votes once, each at a moment drawn at
random within a voting window (``--window`` seconds; 0 sends all 750 ballots at the same
instant). Measured:

- ballot acknowledgement: from sending ``PUT .../ballots/CODE`` to reading its 200 answer
  (the ballot is committed by then);
- change to every screen: from sending a ballot to the moment the last of the 15 screens of
  its session has received a state that shows it.

Targets: p95 <= 50 ms and <= 250 ms. PostgreSQL comes from ``$UNSC_TEST_PG_URL`` or ``--pg``
(an admin URL: a scratch database is created and dropped). Results go to
``benchmarks/results/sessions.json`` and ``sessions.md``.

    .venv/bin/python benchmarks/sessions.py [--pg URL] [--window 10 --window 0] [--workers 2]

The client is a minimal HTTP/1.1 reader over asyncio streams (chunked bodies included), so that
its own cost, on the same two cores as the servers and the database, stays small.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGET_ACK_MS = 50.0
TARGET_SCREEN_MS = 250.0
SESSIONS = 50
DELEGATIONS = 15


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 1)


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    status = int((await reader.readline()).split()[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


async def request(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
) -> tuple[int, Any]:
    data = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {len(data)}\r\n"
    if body is not None:
        head += "Content-Type: application/json\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    writer.write(head.encode() + b"\r\n" + data)
    status, headers = await read_head(reader)
    raw = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, json.loads(raw) if raw else None


async def connect(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port, limit=2**22)


class Screen:
    """One delegation's live channel: when it first saw each delegation's ballot."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.seen: dict[str, float] = {}
        self.ready = asyncio.Event()
        self.messages = 0

    async def follow(self, port: int, token: str) -> None:
        reader, writer = await connect(port)
        path = f"/api/sessions/{self.session['id']}/events"
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n".encode()
        )
        status, _ = await read_head(reader)
        assert status == 200, status
        buffer = b""
        try:
            while True:
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    break
                buffer += await reader.readexactly(size)
                await reader.readexactly(2)
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    for line in block.split(b"\n"):
                        if line.startswith(b"data:"):
                            self.receive(json.loads(line[5:]))
        finally:
            writer.close()

    def receive(self, state: dict[str, Any]) -> None:
        now = time.perf_counter()
        self.messages += 1
        for code in state["questions"][0]["votes"]:
            self.seen.setdefault(code, now)
        self.ready.set()


async def run_load(
    port: int, window: float, seed: int, mark: Callable[[], Any] = lambda: None
) -> dict[str, Any]:
    rng = random.Random(seed)
    reader, writer = await connect(port)
    sessions = []
    for i in range(SESSIONS):
        status, s = await request(
            reader,
            writer,
            "POST",
            "/api/sessions",
            body={"council": "2023-08-30", "title": f"Committee {i + 1}"},
        )
        assert status == 201, s
        status, q = await request(
            reader,
            writer,
            "POST",
            f"/api/sessions/{s['id']}/questions",
            s["chair_token"],
            {"kind": "draft", "title": "Draft"},
        )
        assert status == 201, q
        status, _ = await request(
            reader, writer, "POST", f"/api/sessions/{s['id']}/questions/1/open", s["chair_token"]
        )
        assert status == 200
        sessions.append(s)
    writer.close()

    screens: dict[str, list[Screen]] = {}
    tasks = []
    for s in sessions:
        screens[s["id"]] = []
        for token in s["delegations"].values():
            screen = Screen(s)
            screens[s["id"]].append(screen)
            tasks.append(asyncio.create_task(screen.follow(port, token)))
    all_screens = [sc for group in screens.values() for sc in group]
    await asyncio.wait_for(asyncio.gather(*(sc.ready.wait() for sc in all_screens)), 120)

    # One keep-alive connection per delegation for its ballot, opened before the clock starts.
    voters = []
    for s in sessions:
        for code, token in s["delegations"].items():
            voters.append((s, code, token, await connect(port), rng.random() * window))
    sent: dict[tuple[str, str], float] = {}
    acks: list[float] = []
    errors = 0

    async def vote(job: Any) -> None:
        nonlocal errors
        s, code, token, (r, w), delay = job
        await asyncio.sleep(delay)
        started = time.perf_counter()
        sent[(s["id"], code)] = started
        status, _ = await request(
            r,
            w,
            "PUT",
            f"/api/sessions/{s['id']}/questions/1/ballots/{code}",
            token,
            {"vote": rng.choice(["yes", "yes", "yes", "abstain", "no"])},
        )
        acks.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors += 1
        w.close()

    marked = mark()  # the servers' CPU so far: the voting alone is measured
    t0 = time.perf_counter()
    await asyncio.gather(*(vote(v) for v in voters))
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline and any(len(sc.seen) < DELEGATIONS for sc in all_screens):
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - t0
    used = mark()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    to_screens = []
    missing = 0
    for (sid, code), started in sent.items():
        times = [sc.seen.get(code) for sc in screens[sid]]
        if any(t is None for t in times):
            missing += 1
            continue
        to_screens.append((max(t for t in times if t is not None) - started) * 1000)
    return {
        "window_s": window,
        "sessions": SESSIONS,
        "live_clients": len(all_screens),
        "ballots": len(acks),
        "errors": errors,
        "changes_missing_on_a_screen": missing,
        "seconds": round(elapsed, 2),
        "ack_ms": {
            "p50": pct(acks, 50),
            "p95": pct(acks, 95),
            "p99": pct(acks, 99),
            "max": pct(acks, 100),
        },  # fmt: skip
        "screen_ms": {
            "p50": pct(to_screens, 50),
            "p95": pct(to_screens, 95),
            "p99": pct(to_screens, 99),
            "max": pct(to_screens, 100),
        },  # fmt: skip
        "messages": sum(sc.messages for sc in all_screens),
        "cpu_ms_per_ballot": {
            "servers": round((used[0] - marked[0]) * 1000 / len(acks), 2),
            "postgresql": round((used[1] - marked[1]) * 1000 / len(acks), 2),
        }
        if marked is not None
        else None,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scratch_database(admin: str) -> str:
    import psycopg

    name = f"unsc_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return admin.rpartition("/")[0] + "/" + name


def drop_database(admin: str, url: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {url.rpartition('/')[2]} WITH (FORCE)")


def start_server(port: int, database: str, workers: int, tmp: Path) -> subprocess.Popen[bytes]:
    log = (tmp / "serve.log").open("ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "unsc", "serve", "--port", str(port), "--db",
         str(tmp / "record.sqlite"), "--database", database, "--workers", str(workers)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /sessions/new HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(12).startswith(b"HTTP/1.1 200"):
                    time.sleep(2)  # every worker up
                    return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("unsc serve did not start")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postmaster(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()
    assert backend is not None
    fields = Path(f"/proc/{backend[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1])


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default=os.environ.get("UNSC_TEST_PG_URL"))
    parser.add_argument("--window", type=float, action="append")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each window")
    args = parser.parse_args()
    if not args.pg:
        sys.exit("give --pg postgresql://... or set UNSC_TEST_PG_URL")
    windows = [w for w in (args.window or [10.0, 0.0]) for _ in range(args.repeat)]
    runs = []
    for window in windows:
        database = scratch_database(args.pg)
        port = free_port()
        with tempfile.TemporaryDirectory() as tmp:
            proc = start_server(port, database, args.workers, Path(tmp))
            try:
                before = load_average()
                master = postmaster(database)

                def mark(server: int = proc.pid, master: int = master) -> tuple[float, float]:
                    return (
                        cpu_seconds([server, *_children(server)]),
                        cpu_seconds(_children(master)),
                    )

                result = asyncio.run(run_load(port, window, args.seed, mark))
                result["load_average_before"] = before
                result["load_average_after"] = load_average()
                runs.append(result)
                print(json.dumps(result))
            finally:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=30)
                drop_database(args.pg, database)
    write(runs, args.workers)


def write(runs: list[dict[str, Any]], workers: int) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "server": f"unsc serve --database postgresql://... --workers {workers} (uvicorn)",
        "targets_ms": {"ack_p95": TARGET_ACK_MS, "screen_p95": TARGET_SCREEN_MS},
    }
    (RESULTS / "sessions.json").write_text(json.dumps({**meta, "runs": runs}, indent=2) + "\n")
    lines = [
        "# Live sessions under load",
        "",
        f"{meta['date']}; {meta['machine']}; {meta['server']}; PostgreSQL on the same machine;",
        "the load generator on the same machine too. 50 sessions x 15 delegations: 750 live",
        "clients on server-sent events, each delegation voting once at a random moment within",
        "the window (0 s: all 750 ballots sent at the same instant).",
        "",
        "| window | ballots | errors | ack p50 | ack p95 | ack p99 | to every screen p50 | p95 |"
        " p99 | missing | CPU per ballot: servers + PostgreSQL | load before/after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        a, s = r["ack_ms"], r["screen_ms"]
        lines.append(
            f"| {r['window_s']:g} s | {r['ballots']} | {r['errors']} | {a['p50']} ms | "
            f"**{a['p95']} ms** | {a['p99']} ms | {s['p50']} ms | **{s['p95']} ms** | "
            f"{s['p99']} ms | {r['changes_missing_on_a_screen']} | "
            f"{r['cpu_ms_per_ballot']['servers']} + {r['cpu_ms_per_ballot']['postgresql']} ms | "
            f"{r['load_average_before'][0]} / {r['load_average_after'][0]} |"
        )
    lines += [
        "",
        f"Targets: acknowledgement p95 <= {TARGET_ACK_MS:g} ms, change to every screen p95 <= "
        f"{TARGET_SCREEN_MS:g} ms. `missing`: ballots that some screen of the session had not "
        "seen 30 s after the last ballot (should be 0).",
        "",
    ]
    (RESULTS / "sessions.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
