#!/usr/bin/env python3
"""Cohorta against the stack it replaces, live-room side (docs/performance.md, "Against the old stack").

For each size a fresh stack (bench/compare_stack.py): one nginx in front of cohorta-ws and of the old stack's
python-socketio (`socketio.ASGIApp` around Quart on one Hypercorn worker, backlog 1,024). For each N in BENCH_WS_SIZES
(1,000 and 5,000) every socket joins one room, then BENCH_WS_MESSAGES messages are posted at BENCH_WS_RATE per
second (latency: just before the post → receipt, every socket, same clock) and BENCH_WS_BURST back to back
(deliveries per second, server CPU per delivery from /proc). Memory per connection = the server process tree's
RSS delta / N.

How a message is posted is each system's own: Cohorta stores the turn in session_messages (as its runner does)
and cohorta-ws fans it out from the change feed (bench/ws_fanout.py); the old stack's server emitted to the room
in-process, here on `POST /__room/<room>` (bench/oldstack/app.py). The client for both is the same asyncio
process with `websockets` (its own Engine.IO v4 / Socket.IO v5 framing for the old stack).
"""
from __future__ import annotations

import asyncio
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone

import requests
import websockets

import ws_fanout
from bench_stack import REPO, build_dir
from compare_stack import CompareStack, cpu_seconds, load_average, rss_kib, tree

SIZES = [int(n) for n in os.environ.get("BENCH_WS_SIZES", "1000,5000").split(",")]
RATE = float(os.environ.get("BENCH_WS_RATE", "5"))
MESSAGES = int(os.environ.get("BENCH_WS_MESSAGES", "20"))
BURST = int(os.environ.get("BENCH_WS_BURST", "20"))
HANDSHAKES_IN_FLIGHT = 100
ROOM = "room-1"
SEQ = re.compile(r'"seq":\s*(\d+)')


class SocketIOClient:
    """One raw-WebSocket Engine.IO v4 / Socket.IO v5 client in ROOM: the seq and receipt time of every turn.final."""

    def __init__(self):
        self.received: list[tuple[int, float]] = []
        self.ws = None

    async def open(self, url: str) -> None:
        self.ws = await websockets.connect(url, compression=None, ping_interval=None, max_queue=None,
                                           open_timeout=120)
        assert (await self.ws.recv()).startswith("0")  # Engine.IO open
        await self.ws.send("40")
        while not (await self.next()).startswith("40"):
            pass
        await self.ws.send(json.dumps(["join", ROOM]).join(("42", "")))
        while not (await self.next()).startswith('42["joined"'):
            pass

    async def next(self) -> str:
        while (text := await self.ws.recv()) == "2":
            await self.ws.send("3")  # Engine.IO ping → pong
        return text

    async def listen(self) -> None:
        async for text in self.ws:
            if text == "2":
                await self.ws.send("3")
            elif text.startswith('42["turn.final"'):
                at = time.time()
                self.received.append((int(SEQ.findall(text)[-1]), at))


def post_paced(url: str, first: int, count: int, rate: float) -> dict[int, float]:
    written, http = {}, requests.Session()
    http.trust_env = False
    start = time.monotonic()
    for index in range(count):
        time.sleep(max(0.0, start + index / rate - time.monotonic()))
        seq = first + index
        written[seq] = time.time()
        http.post(url, json={"message": {"text": f"[{seq}] {ws_fanout.TEXT}", "type": "turn.final"}, "seq": seq},
                  timeout=300).raise_for_status()
    return written


def post_burst(url: str, first: int, count: int) -> float:
    http = requests.Session()
    http.trust_env = False
    started = time.time()
    for seq in range(first, first + count):
        http.post(url, json={"message": {"text": f"[{seq}] {ws_fanout.TEXT}", "type": "turn.final"}, "seq": seq},
                  timeout=300).raise_for_status()
    return started


async def run_socketio(stack: CompareStack, connections: int) -> dict:
    root = stack.process("oldstack").pid
    time.sleep(1)
    rss_before = sum(rss_kib(pid) for pid in tree(root))
    url = stack.old_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    clients = [SocketIOClient() for _ in range(connections)]
    gate = asyncio.Semaphore(HANDSHAKES_IN_FLIGHT)

    async def open_one(client: SocketIOClient) -> None:
        async with gate:
            await client.open(url)

    started, connect_cpu = time.monotonic(), cpu_seconds(tree(root))
    await asyncio.gather(*(open_one(client) for client in clients))
    connect_seconds, connect_cpu = time.monotonic() - started, cpu_seconds(tree(root)) - connect_cpu
    listeners = [asyncio.create_task(client.listen()) for client in clients]
    await asyncio.sleep(2)
    rss_after = sum(rss_kib(pid) for pid in tree(root))
    post_url = f"{stack.old_url}/__room/{ROOM}"

    cpu_before = cpu_seconds(tree(root))
    written = await asyncio.to_thread(post_paced, post_url, 1, MESSAGES, RATE)
    await ws_fanout.wait_for(clients, MESSAGES, 300)
    paced_cpu = cpu_seconds(tree(root)) - cpu_before
    latencies = [(at - written[seq]) * 1000 for c in clients for seq, at in c.received if seq in written]
    expected = list(range(1, MESSAGES + 1))
    whole = sum(1 for c in clients if [seq for seq, _ in c.received] == expected)

    first = MESSAGES + 1
    cpu_before = cpu_seconds(tree(root))
    burst_started = await asyncio.to_thread(post_burst, post_url, first, BURST)
    await ws_fanout.wait_for(clients, first + BURST - 1, 300)
    burst_cpu = cpu_seconds(tree(root)) - cpu_before
    burst_end, burst_delivered, whole_after_burst = await ws_fanout.close_after_burst(
        clients, listeners, first, BURST, expected)
    burst_seconds = burst_end - burst_started
    return {
        "connections": connections, "connect_seconds": connect_seconds,
        "connect_cpu_ms_per_socket": {"ws": connect_cpu * 1e3 / connections, "db": 0.0},
        "rss_before_kib": rss_before, "rss_after_kib": rss_after,
        "kib_per_connection": (rss_after - rss_before) / connections,
        "paced": {"messages": MESSAGES, "rate": RATE, "delivered": len(latencies),
                  "expected": connections * MESSAGES, "whole_connections": whole,
                  "p50_ms": ws_fanout.percentile(latencies, 0.50), "p99_ms": ws_fanout.percentile(latencies, 0.99),
                  "max_ms": max(latencies), "cpu_us_per_delivery": paced_cpu * 1e6 / max(1, len(latencies))},
        "burst": {"messages": BURST, "delivered": burst_delivered, "expected": connections * BURST,
                  "seconds": burst_seconds, "deliveries_per_second": burst_delivered / burst_seconds,
                  "cpu_us_per_delivery": burst_cpu * 1e6 / max(1, burst_delivered),
                  "whole_connections": whole_after_burst},
    }


def row(label: str, ours: float, theirs: float, unit: str, fmt: str = ",.0f", better_high: bool = True) -> str:
    ratio = ours / theirs if theirs else float("inf")
    return (f"| {label} | {ours:{fmt}} {unit} | {theirs:{fmt}} {unit} | {ratio:.2f}× "
            f"({'higher' if better_high else 'lower'} is better) |")


def report(size: int, ours: dict, theirs: dict, load: str) -> str:
    op, tp, ob, tb = ours["paced"], theirs["paced"], ours["burst"], theirs["burst"]
    return "\n".join([
        f"**{size:,} sockets** (load average after the pair: {load})", "",
        "| measure | cohorta-ws | python-socketio | Cohorta / old |", "|---|---:|---:|---:|",
        row("connect + join, all sockets", ours["connect_seconds"], theirs["connect_seconds"], "s", ".1f", False),
        row("connect + join: server CPU per socket", ours["connect_cpu_ms_per_socket"]["ws"],
            theirs["connect_cpu_ms_per_socket"]["ws"], "ms", ".2f", False),
        f"| connect + join: database CPU per socket | {ours['connect_cpu_ms_per_socket']['db']:.2f} ms | none "
        "(no auth, no room check) | |",
        row("RSS per connection", ours["kib_per_connection"], theirs["kib_per_connection"], "KiB", ".1f", False),
        row(f"paced {RATE:g}/s × {MESSAGES}: p50 post → receipt", op["p50_ms"], tp["p50_ms"], "ms", ".0f", False),
        row(f"paced {RATE:g}/s × {MESSAGES}: p99 post → receipt", op["p99_ms"], tp["p99_ms"], "ms", ".0f", False),
        row(f"burst of {BURST}: deliveries per second", ob["deliveries_per_second"], tb["deliveries_per_second"], "/s"),
        row("burst: server CPU per delivery", ob["cpu_us_per_delivery"], tb["cpu_us_per_delivery"], "µs", ".1f",
            False),
        row("burst: deliveries per server CPU-second", 1e6 / max(ob["cpu_us_per_delivery"], 1e-9),
            1e6 / max(tb["cpu_us_per_delivery"], 1e-9), ""),
        f"| delivered (paced + burst), every socket whole and in order | {op['delivered'] + ob['delivered']:,} / "
        f"{op['expected'] + ob['expected']:,}; {ob['whole_connections']:,} whole | "
        f"{tp['delivered'] + tb['delivered']:,} / {tp['expected'] + tb['expected']:,}; "
        f"{tb['whole_connections']:,} whole | |",
    ])


def main() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    largest = max(SIZES)
    assert hard >= largest * 3 + 100, f"RLIMIT_NOFILE hard limit {hard} is too low for {largest} sockets"
    ws_fanout.RATE, ws_fanout.MESSAGES, ws_fanout.BURST = RATE, MESSAGES, BURST
    results = []
    for size in SIZES:  # a fresh stack per size: clean RSS baselines, no sockets left from the last size
        stack = CompareStack(build_dir(), nginx_connections=size * 2 + 1024, env_overrides={
            "COHORTA_WS_MAX_CONNECTIONS_PER_USER": str(size + 16), "COHORTA_LOG_LEVEL": "warning"})
        stack.start()
        try:
            ws_fanout.CONNECTIONS = size
            ours = asyncio.run(ws_fanout.run(stack))
            stack.start_oldstack(workers=1, backlog=1024)
            theirs = asyncio.run(run_socketio(stack, size))
            results.append((size, ours, theirs, load_average()))
        except BaseException:
            print(stack.log_tails(), file=sys.stderr)
            raise
        finally:
            stack.stop_extras()
            stack.stop()
            stack.remove_files()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(json.dumps([{"size": s, "cohorta": o, "oldstack": t, "load": l} for s, o, t, l in results], indent=1))
    print(f"\nMeasured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; one Python client process for both, through the same nginx.\n")
    for result in results:
        print(report(*result))
        print()


if __name__ == "__main__":
    main()
