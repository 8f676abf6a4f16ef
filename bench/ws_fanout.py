#!/usr/bin/env python3
"""Live rooms: fan-out of one session room to many WebSockets through nginx (docs/performance.md, "Live rooms").

1. Starts its own stack (bench/bench_stack.py; release build; nx-27017 in memory) with nginx allowed enough
   connections, COHORTA_WS_MAX_CONNECTIONS_PER_USER raised, and RLIMIT_NOFILE raised to its hard limit (every
   service inherits it). Runs one real focus-group session to have a room with a stored transcript.
2. Opens BENCH_WS_CONNECTIONS (5,000) WebSockets through nginx, all the same user's; each authenticates and
   joins the room after its last message. cohorta-ws's RSS before and after gives the memory per connection.
3. Paced: inserts BENCH_WS_MESSAGES turns into session_messages with pymongo at BENCH_WS_RATE per second (as the
   runner would store them). Latency is from just before each insert to its receipt by a client (same clock), over
   every connection; every connection must receive every turn once, in order.
4. Burst: inserts BENCH_WS_BURST turns at once; deliveries per second of the one cohorta-ws process, and its CPU
   (and nginx's) per delivery from /proc.

Prints a markdown summary for docs/performance.md. Needs `websockets` (Tests/e2e/requirements.txt).
"""
from __future__ import annotations

import asyncio
import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path
from typing import Callable

import websockets
from pymongo import MongoClient

from bench_stack import BenchStack, build_dir, rss_kib
from stack import message_like
from test_api_sessions import Researcher

CONNECTIONS = int(os.environ.get("BENCH_WS_CONNECTIONS", "5000"))
RATE = float(os.environ.get("BENCH_WS_RATE", "5"))
MESSAGES = int(os.environ.get("BENCH_WS_MESSAGES", "60"))
BURST = int(os.environ.get("BENCH_WS_BURST", "40"))
HANDSHAKES_IN_FLIGHT = 100
TEXT = "I would try the box if the recipes were quick enough for a weeknight. " * 4  # ~290 characters
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class FanoutStack(BenchStack):
    """nginx's dev config allows 1,024 connections per worker; this run needs two per WebSocket."""

    def _launch(self, name, argv, env=None):
        if name == "nginx":
            conf = self._dir / "nginx" / "conf" / "nginx.conf"
            text = conf.read_text().replace("worker_connections 1024;", f"worker_connections {CONNECTIONS * 2 + 1024};")
            conf.write_text(f"worker_rlimit_nofile {resource.getrlimit(resource.RLIMIT_NOFILE)[1]};\n" + text)
        super()._launch(name, argv, env)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


class Client:
    """One WebSocket in the room: the seq and receipt time of every turn.final."""

    def __init__(self):
        self.received: list[tuple[int, float]] = []
        self.ws = None

    async def open(self, url: str, token: str, session_id: str, after_seq: int) -> None:
        self.ws = await websockets.connect(url, compression=None, ping_interval=None, max_queue=None,
                                           open_timeout=60)
        await self.ws.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(await self.ws.recv())["type"] == "hello"
        await self.ws.send(json.dumps({"type": "join", "session_id": session_id, "after_seq": after_seq}))
        while json.loads(await self.ws.recv())["type"] != "joined":
            pass

    async def listen(self) -> None:
        async for text in self.ws:
            if text.startswith('{"message"'):  # turn.final: keys are sorted, "message" first
                at = time.time()
                self.received.append((int(text[text.rindex('"seq":') + 6:].split(",", 1)[0].rstrip("}")), at))


def insert_paced(stack: BenchStack, template: dict, first: int, count: int, rate: float) -> dict[int, float]:
    written = {}
    with MongoClient(stack.mongo_uri) as mongo:
        messages = mongo[stack.db_name].session_messages
        start = time.monotonic()
        for index in range(count):
            time.sleep(max(0.0, start + index / rate - time.monotonic()))
            seq = first + index
            written[seq] = time.time()
            messages.insert_one(message_like(template, seq, f"[{seq}] {TEXT}"))
    return written


def insert_burst(stack: BenchStack, template: dict, first: int, count: int) -> float:
    with MongoClient(stack.mongo_uri) as mongo:
        started = time.time()
        mongo[stack.db_name].session_messages.insert_many(
            [message_like(template, seq, f"[{seq}] {TEXT}") for seq in range(first, first + count)])
    return started


async def wait_for(clients: list[Client], last_seq: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while any(not c.received or c.received[-1][0] < last_seq for c in clients) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)


async def close_after_burst(clients: list, listeners: list, first: int, count: int,
                            expected: list[int]) -> tuple[float, int, int]:
    """After a burst of `count` from seq `first`: the last receipt time, the burst's deliveries, and how many
    connections got `expected` then the whole burst once, in order. Then stops the listeners, closes every socket."""
    burst_end = max(at for c in clients for seq, at in c.received if seq >= first)
    delivered = sum(1 for c in clients for seq, _ in c.received if seq >= first)
    expected = expected + list(range(first, first + count))
    whole = sum(1 for c in clients if [seq for seq, _ in c.received] == expected)
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*(client.ws.close() for client in clients), return_exceptions=True)
    return burst_end, delivered, whole


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def open_room(stack: BenchStack) -> tuple[Researcher, str, int, dict]:
    """Runs one real session: its researcher, id, number of stored messages, and the last one (a template)."""
    researcher = Researcher(stack)
    session_id = researcher.start()["id"]
    researcher.finished(session_id)
    stored = len(researcher.messages(session_id))
    with MongoClient(stack.mongo_uri) as mongo:
        template = mongo[stack.db_name].session_messages.find_one({"_id": f"{session_id}:{stored:06d}"})
    return researcher, session_id, stored, template


async def run(stack: BenchStack) -> dict:
    researcher, session_id, stored, template = open_room(stack)
    ws_pid = stack.process("ws").pid
    nginx_workers = children(stack.process("nginx").pid)
    time.sleep(1)
    rss_before = rss_kib(ws_pid)

    clients = [Client() for _ in range(CONNECTIONS)]
    gate = asyncio.Semaphore(HANDSHAKES_IN_FLIGHT)

    async def open_one(client: Client) -> None:
        async with gate:
            await client.open(stack.ws_url, researcher.token, session_id, stored)

    started, connect_cpu = time.monotonic(), (cpu_seconds(ws_pid), cpu_seconds(stack.process("mongo").pid))
    await asyncio.gather(*(open_one(client) for client in clients))
    connect_seconds = time.monotonic() - started
    connect_cpu = (cpu_seconds(ws_pid) - connect_cpu[0], cpu_seconds(stack.process("mongo").pid) - connect_cpu[1])
    listeners = [asyncio.create_task(client.listen()) for client in clients]
    await asyncio.sleep(2)
    rss_after = rss_kib(ws_pid)

    # Paced.
    cpu_before = cpu_seconds(ws_pid)
    written = await asyncio.to_thread(insert_paced, stack, template, stored + 1, MESSAGES, RATE)
    await wait_for(clients, stored + MESSAGES, 60)
    paced_cpu = cpu_seconds(ws_pid) - cpu_before
    latencies = [(at - written[seq]) * 1000 for c in clients for seq, at in c.received if seq in written]
    expected = list(range(stored + 1, stored + MESSAGES + 1))
    whole = sum(1 for c in clients if [seq for seq, _ in c.received] == expected)

    # Burst.
    first = stored + MESSAGES + 1
    cpu_before = cpu_seconds(ws_pid)
    nginx_before = sum(cpu_seconds(pid) for pid in nginx_workers)
    burst_started = await asyncio.to_thread(insert_burst, stack, template, first, BURST)
    await wait_for(clients, first + BURST - 1, 120)
    burst_cpu = cpu_seconds(ws_pid) - cpu_before
    burst_nginx = sum(cpu_seconds(pid) for pid in nginx_workers) - nginx_before
    burst_end, burst_delivered, whole_after_burst = await close_after_burst(
        clients, listeners, first, BURST, expected)
    burst_seconds = burst_end - burst_started
    return {
        "connections": CONNECTIONS, "connect_seconds": connect_seconds,
        "connect_cpu_ms_per_socket": {"ws": connect_cpu[0] * 1e3 / CONNECTIONS,
                                      "db": connect_cpu[1] * 1e3 / CONNECTIONS},
        "rss_before_kib": rss_before, "rss_after_kib": rss_after,
        "kib_per_connection": (rss_after - rss_before) / CONNECTIONS,
        "paced": {"messages": MESSAGES, "rate": RATE, "delivered": len(latencies),
                  "expected": CONNECTIONS * MESSAGES, "whole_connections": whole,
                  "p50_ms": percentile(latencies, 0.50), "p99_ms": percentile(latencies, 0.99),
                  "max_ms": max(latencies), "cpu_us_per_delivery": paced_cpu * 1e6 / max(1, len(latencies))},
        "burst": {"messages": BURST, "delivered": burst_delivered, "expected": CONNECTIONS * BURST,
                  "seconds": burst_seconds, "deliveries_per_second": burst_delivered / burst_seconds,
                  "cpu_us_per_delivery": burst_cpu * 1e6 / max(1, burst_delivered),
                  "nginx_cpu_us_per_delivery": burst_nginx * 1e6 / max(1, burst_delivered),
                  "whole_connections": whole_after_burst},
    }


def report(result: dict) -> str:
    paced, burst = result["paced"], result["burst"]
    per_core = 1e6 / max(burst["cpu_us_per_delivery"], 1e-9)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python client on the same box; "
        f"{result['connections']:,} WebSockets through nginx to one room, all one user's.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| connect + auth + join, {result['connections']:,} sockets ({HANDSHAKES_IN_FLIGHT} in flight) | "
        f"{result['connect_seconds']:.1f} s | |",
        f"| cohorta-ws RSS before → after | {result['rss_before_kib'] / 1024:.1f} → "
        f"{result['rss_after_kib'] / 1024:.1f} MiB | |",
        f"| RSS per connection | {result['kib_per_connection']:.1f} KiB | ≤ 8 KB |",
        f"| paced {paced['rate']:g} turns/s × {paced['messages']}: delivered | {paced['delivered']:,} / "
        f"{paced['expected']:,}; {paced['whole_connections']:,} connections got every turn once, in order | "
        f"nothing lost |",
        f"| paced: latency DB write → receipt p50 / p99 / max | {paced['p50_ms']:.0f} / {paced['p99_ms']:.0f} / "
        f"{paced['max_ms']:.0f} ms | |",
        f"| paced: cohorta-ws CPU per delivery | {paced['cpu_us_per_delivery']:.1f} µs | |",
        f"| burst of {burst['messages']}: delivered | {burst['delivered']:,} / {burst['expected']:,} in "
        f"{burst['seconds']:.2f} s; {burst['whole_connections']:,} connections whole | nothing lost |",
        f"| burst: deliveries per second, one cohorta-ws process | {burst['deliveries_per_second']:,.0f} | |",
        f"| burst: CPU per delivery, cohorta-ws / nginx | {burst['cpu_us_per_delivery']:.1f} / "
        f"{burst['nginx_cpu_us_per_delivery']:.1f} µs | ≤ 1/10 of python-socketio's 100–210 µs |",
        f"| burst: deliveries per cohorta-ws CPU-second | {per_core:,.0f} | ≥ 8 × 7–10k (python-socketio per core) |",
    ]
    return "\n".join(lines)


def start_stack(connections: int) -> FanoutStack:
    """A started FanoutStack for `connections` sockets of one user; RLIMIT_NOFILE raised to its hard limit first."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    assert hard >= connections * 3 + 100, f"RLIMIT_NOFILE hard limit {hard} is too low for {connections} sockets"
    stack = FanoutStack(build_dir(), env_overrides={
        "COHORTA_WS_MAX_CONNECTIONS_PER_USER": str(connections + 16), "COHORTA_LOG_LEVEL": "warning"})
    stack.start()
    return stack


def run_on_stack(connections: int, measure: Callable[[FanoutStack], dict], report: Callable[[dict], str]) -> None:
    """Runs `measure` on a fresh FanoutStack (stopped and removed after), then prints its result as JSON and report."""
    stack = start_stack(connections)
    try:
        result = measure(stack)
    finally:
        stack.stop()
        stack.remove_files()
    print(json.dumps(result, indent=2))
    print()
    print(report(result))


def main() -> None:
    run_on_stack(CONNECTIONS, lambda stack: asyncio.run(run(stack)), report)


if __name__ == "__main__":
    main()
