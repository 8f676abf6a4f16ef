#!/usr/bin/env python3
"""Live rooms: latency of one session room fanned out to N WebSockets, measured by a C client (docs/performance.md,
"Live rooms", and the target "WebSocket p99 ≤ 30 ms at N = 2,000 × 20 msg/s").

ws_fanout.py's asyncio client cannot take in 40,000 frames/s on two cores; bench/c/ws_client.c (libwebsockets,
one thread) can. This driver:
1. builds the client with `cc -O2` into .build-bench/;
2. starts its own stack as ws_fanout.py does (nginx allowed enough connections, the per-user socket limit raised)
   and runs one real session to have a room;
3. starts the client with BENCH_WS_CONNECTIONS (2,000) sockets, all joined to the room after its last message,
   and waits for its "ready";
4. stores BENCH_WS_RATE (20) turns per second for BENCH_WS_SECONDS (10) into session_messages with pymongo, noting
   CLOCK_REALTIME just before each insert; waits until every socket has the last turn, then stops the client;
5. reads the client's dump (conn, seq, receipt time) and reports delivery, order, latency percentiles, whether the
   pace was held, and the CPU of cohorta-ws, nginx, nx-27017, the client and the rest of the box from /proc.

BENCH_WS_VIA=direct connects the client to cohorta-ws's unix socket instead of nginx (to take nginx out of the
path); BENCH_WS_VERBOSE=1 makes the client print every frame other than turn.final a joined socket gets. Prints a
markdown table for docs/performance.md.
"""
from __future__ import annotations

import os
import queue
import shlex
import struct
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from bench_stack import BENCH, REPO, BenchStack
from ws_fanout import children, cpu_seconds, insert_paced, open_room, percentile, run_on_stack

CONNECTIONS = int(os.environ.get("BENCH_WS_CONNECTIONS", "2000"))
RATE = float(os.environ.get("BENCH_WS_RATE", "20"))
SECONDS = float(os.environ.get("BENCH_WS_SECONDS", "10"))
VIA = os.environ.get("BENCH_WS_VIA", "nginx")
VERBOSE = os.environ.get("BENCH_WS_VERBOSE") == "1"  # the client prints every other frame a joined socket gets
TURNS = round(RATE * SECONDS)
DELIVERY_TIMEOUT = 60.0
BUILD = REPO / ".build-bench"
RECORD = struct.Struct("<IIq")  # the client's dump: conn, seq, receipt time (ns, CLOCK_REALTIME)


def build_client() -> Path:
    BUILD.mkdir(exist_ok=True)
    binary = BUILD / "ws_client"
    flags = shlex.split(subprocess.run(["pkg-config", "--cflags", "--libs", "libwebsockets"], check=True,
                                       capture_output=True, text=True).stdout)
    subprocess.run(["cc", "-O2", "-Wall", "-Wextra", "-o", str(binary), str(BENCH / "c" / "ws_client.c"), *flags],
                   check=True)
    return binary


class LatencyClient:
    """The C client as a child process: started, awaited on its stdout lines, stopped by closing its stdin."""

    def __init__(self, binary: Path, stack: BenchStack, token: str, session_id: str, after_seq: int, dump: Path):
        argv = [str(binary), *self._target(stack), "-s", session_id, "-q", str(after_seq),
                "-l", str(after_seq + TURNS), "-n", str(CONNECTIONS), "-m", str(TURNS + 16), "-o", str(dump),
                *(["-v"] if VERBOSE else [])]
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, "BENCH_WS_TOKEN": token})
        self.lines: queue.Queue[list[str] | None] = queue.Queue()
        threading.Thread(target=self._read_lines, daemon=True).start()

    @staticmethod
    def _target(stack: BenchStack) -> list[str]:
        if VIA == "direct":
            return ["-a", "+" + stack.env["COHORTA_WS_SOCKET"], "-H", "localhost"]
        url = urlsplit(stack.ws_url)
        return ["-a", url.hostname, "-p", str(url.port), "-H", url.netloc, "-P", url.path]

    def _read_lines(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.split())
        self.lines.put(None)

    def expect(self, word: str, timeout: float = 300) -> list[str] | None:
        """The other fields of the next stdout line that starts with `word`; None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                fields = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if fields is None:
                raise RuntimeError(f"ws_client exited with {self.process.wait()} before '{word}'")
            if fields and fields[0] == word:
                return fields[1:]
        return None

    def stop(self) -> dict[str, str]:
        """Closes stdin (the client writes its dump and exits); returns its "done" line's key=value fields."""
        self.process.stdin.close()
        done = dict(field.split("=", 1) for field in self.expect("done", timeout=60) or [])
        self.process.wait(timeout=60)
        return done

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class CpuMeter:
    """CPU seconds of named processes, and of the whole box, between start() and stop()."""

    def __init__(self, pids: dict[str, list[int]]):
        self.pids = pids

    def _sample(self) -> dict[str, float]:
        sample = {name: sum(cpu_seconds(pid) for pid in pids) for name, pids in self.pids.items()}
        jiffies = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        sample["box"] = (sum(jiffies) - jiffies[3] - jiffies[4]) / os.sysconf("SC_CLK_TCK")  # all but idle, iowait
        return sample

    def start(self) -> None:
        self.before, self.started = self._sample(), time.monotonic()

    def stop(self) -> None:
        after = self._sample()
        self.seconds = time.monotonic() - self.started
        self.used = {name: after[name] - self.before[name] for name in after}
        self.used["rest of the box"] = self.used["box"] - sum(v for k, v in self.used.items() if k != "box")


def read_dump(path: Path) -> dict[int, list[tuple[int, int]]]:
    received: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for conn, seq, at in RECORD.iter_unpack(path.read_bytes()):
        received[conn].append((seq, at))
    return received


def analyse(received: dict[int, list[tuple[int, int]]], posted: dict[int, float], joined: int) -> dict:
    """Delivery, order and latency over every (conn, seq); per turn, the first receipt and the fan-out spread."""
    expected = sorted(posted)
    posted_ns = {seq: round(at * 1e9) for seq, at in posted.items()}
    latencies, first, last = [], {}, {}
    for pairs in received.values():
        for seq, at in pairs:
            if seq in posted_ns:
                latencies.append((at - posted_ns[seq]) / 1e6)
                first[seq], last[seq] = min(first.get(seq, at), at), max(last.get(seq, at), at)
    whole = sum(1 for pairs in received.values() if [seq for seq, _ in pairs] == expected)
    to_first = [(first[seq] - posted_ns[seq]) / 1e6 for seq in first]
    spread = [(last[seq] - first[seq]) / 1e6 for seq in first]
    return {
        "delivered": len(latencies), "expected": joined * len(expected), "whole_connections": whole,
        "connections_with_frames": len(received),
        "latency_ms": summary(latencies), "first_receipt_ms": summary(to_first), "fanout_spread_ms": summary(spread),
        "last_delivery_after_first_post_s": (max(last.values()) - posted_ns[expected[0]]) / 1e9 if last else None,
        "posting_s": posted[expected[-1]] - posted[expected[0]],
    }


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"p50": percentile(values, 0.50), "p90": percentile(values, 0.90), "p99": percentile(values, 0.99),
            "max": max(values)}


def measure(stack: BenchStack, binary: Path, dump: Path) -> dict:
    researcher, session_id, stored, template = open_room(stack)
    client = LatencyClient(binary, stack, researcher.token, session_id, stored, dump)
    try:
        return measure_with(client, stack, template, stored, dump)
    finally:
        client.kill()


def measure_with(client: LatencyClient, stack: BenchStack, template: dict, stored: int, dump: Path) -> dict:
    started = time.monotonic()
    ready = client.expect("ready")
    if ready is None:
        raise RuntimeError("ws_client did not get every socket joined within 300 s")
    joined, failed = (int(field) for field in ready)
    connect_seconds = time.monotonic() - started
    time.sleep(1)
    meter = CpuMeter({"cohorta-ws": [stack.process("ws").pid],
                      "nginx": children(stack.process("nginx").pid), "nx-27017": [stack.process("mongo").pid],
                      "client": [client.process.pid], "driver": [os.getpid()]})
    load_before = os.getloadavg()
    meter.start()
    posted = insert_paced(stack, template, stored + 1, TURNS, RATE)
    complete = client.expect("complete", timeout=DELIVERY_TIMEOUT) is not None
    meter.stop()
    done = client.stop()
    result = analyse(read_dump(dump), posted, joined)
    result.update({"connections": CONNECTIONS, "joined": joined, "failed": failed, "via": VIA, "rate": RATE,
                   "turns": TURNS, "connect_seconds": connect_seconds, "complete": complete, "client": done,
                   "window_s": meter.seconds, "cpu_s": meter.used, "load_before": load_before,
                   "load_after": os.getloadavg()})
    return result


def report(r: dict) -> str:
    lat, first, spread, cpu = r["latency_ms"], r["first_receipt_ms"], r["fanout_spread_ms"], r["cpu_s"]
    per_delivery = {name: cpu[name] * 1e6 / max(1, r["delivered"]) for name in ("cohorta-ws", "nginx", "client")}
    share = {name: cpu[name] / r["window_s"] * 100 for name in cpu}
    pace = r["last_delivery_after_first_post_s"]
    held = pace is not None and r["complete"] and pace <= r["posting_s"] + 2 / r["rate"]
    ms = lambda s: " / ".join(f"{s[key]:.1f}" for key in ("p50", "p90", "p99", "max")) + " ms" if s else "—"
    via = "through nginx" if r["via"] == "nginx" else "straight to cohorta-ws's unix socket"
    return "\n".join([
        f"{r['connections']:,} WebSockets {via} to one room, C client (bench/c/ws_client.c, one lws thread) on the "
        f"same box; {r['turns']} turns at {r['rate']:g}/s. Load average before / after: "
        f"{' '.join(f'{v:.2f}' for v in r['load_before'])} / {' '.join(f'{v:.2f}' for v in r['load_after'])}.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| connect + auth + join | {r['joined']:,} joined, {r['failed']} failed, {r['connect_seconds']:.1f} s; "
        f"{r['client'].get('closed', '?')} closed after joining | |",
        f"| delivered | {r['delivered']:,} / {r['expected']:,} | nothing lost |",
        f"| every connection whole and in order | {'yes' if r['whole_connections'] == r['joined'] else 'no'}: "
        f"{r['whole_connections']:,} of {r['joined']:,} | |",
        f"| latency DB write → receipt, p50 / p90 / p99 / max | {ms(lat)} | p99 ≤ 30 ms |",
        f"| per turn: write → first socket's receipt, p50 / p90 / p99 / max | {ms(first)} | |",
        f"| per turn: first → last socket (fan-out spread), p50 / p90 / p99 / max | {ms(spread)} | |",
        f"| pace held | {'yes' if held else 'no'}: last delivery {pace or 0:.2f} s after the first post; posting "
        f"took {r['posting_s']:.2f} s | |",
        f"| CPU per delivery: cohorta-ws / nginx / client | {per_delivery['cohorta-ws']:.1f} / "
        f"{per_delivery['nginx']:.1f} / {per_delivery['client']:.1f} µs | |",
        f"| CPU share of one core over the {r['window_s']:.1f} s window: cohorta-ws / nginx / nx-27017 / client / "
        f"driver / rest of the box | " + " / ".join(f"{share[name]:.0f} %" for name in (
            "cohorta-ws", "nginx", "nx-27017", "client", "driver", "rest of the box")) + " | |",
    ])


def main() -> None:
    binary = build_client()
    run_on_stack(CONNECTIONS, lambda stack: measure(stack, binary, stack.log_dir / "ws_client.dump"), report)


if __name__ == "__main__":
    main()
