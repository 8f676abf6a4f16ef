#!/usr/bin/env python3
"""Gateway overhead per LLM call: the same chat-completion requests sent (a) straight to the LLM simulator by a
Python client and (b) by the runner through LLMGateway + OpenAICompatibleTransport (libcurl), fresh and replayed.

Starts its own stack (bench/bench_stack.py: release build, nx-27017 in memory, simulator at zero latency that
records every request body, COHORTA_LOG_LEVEL=debug for the transport's per-attempt timing). Then:
1. creates N personas for one user (POST /api/personas) and runs WARMUP modification tasks (not counted);
2. fresh: N `persona_modification` tasks, one at a time (one main-tier LLM call each, all different requests);
3. replay: the same N tasks again: identical requests, served from `llm_calls` (checked: 0 simulator completions);
4. direct: the N request bodies the gateway sent (as recorded by the simulator), sent again one at a time, each on a
   new connection (as the transport does), the stream read up to `data: [DONE]`.
Per call it reports: end to end (POST /modify → GET /api/tasks/<id> sees it finished, polled every 20 ms),
runner (the runner's "task started" → "task finished" log lines) and transport (the "llm attempt finished" ms).
Prints a markdown table for docs/performance.md.
"""
from __future__ import annotations

import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from bench_stack import REPO, BenchStack, build_dir

N = int(os.environ.get("BENCH_CALLS", "30"))
WARMUP = 3
POLL_SECONDS = 0.02
TASK_TIMEOUT = 30.0
INSTRUCTION = "make her more price-sensitive"
PERSONA = {"name": "Maya Chen", "age": 34, "gender": "female", "location": "Leeds", "occupation": "ICU nurse",
           "income_band": "upper_middle", "attitude": "enthusiast", "bio": "Works nights and shops on her phone.",
           "quote": "Time is money.",
           "psychographics": {"values": ["convenience", "quality"], "motivations": ["saving time"],
                              "frustrations": ["long queues"], "interests": ["cycling"]},
           "behaviours": {"shopping": ["buys premium brands online"], "media": ["radio"], "technology": ["iPhone"]}}
LOG_LINE = re.compile(r'ts=(\S+) .*?msg="([^"]+)"(.*)$')


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} | {percentile(values, 0.95):.1f}"


class Client:
    def __init__(self, stack: BenchStack):
        self.stack = stack
        self.token, _ = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        response = self.http.request(method, self.stack.url(path), headers={"Authorization": f"Bearer {self.token}"},
                                     timeout=10, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def persona(self, index: int) -> str:
        return self.request("POST", "/api/personas", json={**PERSONA, "name": f"Maya Chen {index}"})["id"]

    def modify(self, persona_id: str) -> tuple[str, float]:
        """Runs one modification task to its end; (task id, end-to-end milliseconds)."""
        started = time.perf_counter()
        task_id = self.request("POST", f"/api/personas/{persona_id}/modify", json={"instruction": INSTRUCTION})["task_id"]
        deadline = time.monotonic() + TASK_TIMEOUT
        while True:
            task = self.request("GET", f"/api/tasks/{task_id}")
            if task["status"] in ("succeeded", "failed", "cancelled"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"task {task_id} did not finish: {task}")
            time.sleep(POLL_SECONDS)
        elapsed = (time.perf_counter() - started) * 1000
        if task["status"] != "succeeded":
            raise RuntimeError(f"task {task_id}: {task}")
        return task_id, elapsed


def simulator_completions(stack: BenchStack) -> int:
    connection = http.client.HTTPConnection(urlparse(stack.simulator_url).netloc, timeout=5)
    connection.request("GET", "/__stats")
    return json.loads(connection.getresponse().read())["completions"]


def runner_timings(log: Path) -> tuple[dict[str, float], list[float]]:
    """Runner milliseconds per task id (started → finished) and the transport's ms per attempt, in log order."""
    started: dict[str, datetime] = {}
    per_task: dict[str, float] = {}
    attempts: list[float] = []
    for line in log.read_text(errors="replace").splitlines():
        match = LOG_LINE.search(line)
        if not match:
            continue
        when = datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
        message, rest = match.group(2), match.group(3)
        task = re.search(r"task\.id=(\S+)", rest)
        if message == "task started" and task:
            started[task.group(1)] = when
        elif message == "task finished" and task and task.group(1) in started:
            per_task[task.group(1)] = (when - started[task.group(1)]).total_seconds() * 1000
        elif message == "llm attempt finished":
            attempts.append(float(re.search(r"\bms=(\d+)", rest).group(1)))
    return per_task, attempts


def direct_calls(simulator_url: str, bodies: list[dict]) -> list[float]:
    """Each body POSTed to /v1/chat/completions on a new connection with TCP_NODELAY, the stream read up to
    `data: [DONE]` (ms). This mirrors the transport: libcurl sets TCP_NODELAY, and ending the transfer at
    [DONE] closes its connection, so every gateway call connects afresh (cheap on loopback). A kept-alive
    Python connection measured ~44 ms per call instead: the simulator writes each SSE chunk separately, and
    once Linux leaves quick-ACK mode on a long-lived connection Nagle waits for the 40 ms delayed ACK."""
    timings = []
    for body in bodies:
        payload = json.dumps(body).encode()
        started = time.perf_counter()
        connection = http.client.HTTPConnection(urlparse(simulator_url).netloc, timeout=30)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.request("POST", "/v1/chat/completions", body=payload,
                           headers={"Content-Type": "application/json", "Authorization": "Bearer bench"})
        response = connection.getresponse()
        done = False
        while not done and (line := response.readline()):
            done = line.startswith(b"data: [DONE]")
        timings.append((time.perf_counter() - started) * 1000)
        connection.close()
        if response.status != 200 or not done:
            raise RuntimeError(f"direct call: {response.status}, no [DONE]")
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cohorta-bench-llm-") as folder:
        record = Path(folder) / "requests.jsonl"
        stack = BenchStack(build_dir(), record_to=record, env_overrides={"COHORTA_LOG_LEVEL": "debug"}).start()
        try:
            client = Client(stack)
            personas = [client.persona(index) for index in range(N + WARMUP)]
            for persona_id in personas[:WARMUP]:
                client.modify(persona_id)
            recorded_before = len(record.read_text().splitlines())
            before = simulator_completions(stack)
            fresh = [client.modify(persona_id) for persona_id in personas[WARMUP:]]
            fresh_completions = simulator_completions(stack) - before
            before = simulator_completions(stack)
            replay = [client.modify(persona_id) for persona_id in personas[WARMUP:]]
            replay_completions = simulator_completions(stack) - before
            bodies = [json.loads(line) for line in record.read_text().splitlines()[recorded_before:]]
            direct_calls(stack.simulator_url, bodies[:WARMUP])  # warm the connection and the simulator
            direct = direct_calls(stack.simulator_url, bodies)
            time.sleep(0.3)  # let the runner's last log lines reach the file
            per_task, attempts = runner_timings(stack.log_dir / "runner.log")
        finally:
            stack.stop()
            stack.remove_files()

    fresh_runner = [per_task[task_id] for task_id, _ in fresh]
    replay_runner = [per_task[task_id] for task_id, _ in replay]
    transport = attempts[WARMUP:WARMUP + N]
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; N = {N} calls per row, one at a time, after {WARMUP} warm-up calls; simulator "
          f"at zero latency; simulator completions: fresh {fresh_completions}, replay {replay_completions}; "
          f"request body {statistics.median(len(json.dumps(body)) for body in bodies):.0f} bytes (median).\n")
    print("| Path | what the time covers | median (ms) | p95 (ms) |")
    print("|---|---|---:|---:|")
    print(f"| direct (Python http.client → simulator) | one streamed completion | {summary(direct)} |")
    print(f"| gateway fresh: transport | libcurl attempt inside the runner (`llm attempt finished` ms) | "
          f"{summary(transport)} |")
    print(f"| gateway fresh: runner | task started → finished in the runner | {summary(fresh_runner)} |")
    print(f"| gateway fresh: end to end | POST /modify → GET sees `succeeded` | {summary([t for _, t in fresh])} |")
    print(f"| gateway replay: runner | task started → finished in the runner | {summary(replay_runner)} |")
    print(f"| gateway replay: end to end | POST /modify → GET sees `succeeded` | {summary([t for _, t in replay])} |")
    if fresh_completions != N or replay_completions != 0:
        print(f"\nWARNING: expected {N} fresh and 0 replayed simulator completions", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
