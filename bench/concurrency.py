#!/usr/bin/env python3
"""Concurrent panel generations on one runner process: K = 1, 2, 4, 8 users each start a 6-persona panel
(POST /api/personas/generate) at the same moment; the time until all K tasks finished, personas per minute, and
the runner worker's RSS (sampled every 250 ms while they run).

Starts its own stack (bench/bench_stack.py, release build, nx-27017 in memory) with the LLM simulator at a
realistic pace (--latency-ms 800 --chunk-delay-ms 20 unless BENCH_SIMULATOR_ARGS says otherwise), one runner
process with COHORTA_RUNNER_THREADS=4 (BENCH_RUNNER_THREADS). Every panel has its own brief, so no call is
replayed. Prints a markdown table for docs/performance.md.
"""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

from bench_stack import REPO, BenchStack, build_dir, rss_kib

LEVELS = [int(k) for k in os.environ.get("BENCH_LEVELS", "1 2 4 8").split()]
PANEL = 6
THREADS = os.environ.get("BENCH_RUNNER_THREADS", "4")
SIMULATOR_ARGS = os.environ.get("BENCH_SIMULATOR_ARGS", "--latency-ms 800 --chunk-delay-ms 20").split()
ROUND_TIMEOUT = 150.0


def run_round(stack: BenchStack, k: int) -> dict:
    users = []
    for _ in range(k):
        token, _ = stack.new_user()
        users.append({"Authorization": f"Bearer {token}"})
    http = stack.session()
    runner = stack.runner_worker_pid()
    completions_before = http.get(f"{stack.simulator_url}/__stats", timeout=5).json()["completions"]
    rss_before = rss_kib(runner)
    started = time.perf_counter()
    tasks = []
    for headers in users:
        brief = f"Commuters in mid-sized European cities who might switch to an e-bike subscription ({uuid.uuid4().hex})."
        response = http.post(stack.url("/api/personas/generate"), headers=headers, json={"brief": brief, "count": PANEL},
                             timeout=10)
        response.raise_for_status()
        tasks.append((headers, response.json()["task_id"]))
    peak_rss = rss_before
    finished: dict[str, tuple[float, dict]] = {}
    while len(finished) < k:
        if time.perf_counter() - started > ROUND_TIMEOUT:
            raise RuntimeError(f"K={k}: not finished after {ROUND_TIMEOUT:.0f} s")
        time.sleep(0.25)
        peak_rss = max(peak_rss, rss_kib(runner))
        for headers, task_id in tasks:
            if task_id in finished:
                continue
            task = http.get(stack.url(f"/api/tasks/{task_id}"), headers=headers, timeout=10).json()
            if task["status"] in ("succeeded", "failed", "cancelled"):
                finished[task_id] = (time.perf_counter() - started, task)
    wall = time.perf_counter() - started
    created = sum(task.get("result", {}).get("created", 0) for _, task in finished.values())
    failed = sum(task.get("result", {}).get("failed", 0) for _, task in finished.values())
    completions = http.get(f"{stack.simulator_url}/__stats", timeout=5).json()["completions"] - completions_before
    return {"k": k, "wall": wall, "created": created, "failed": failed,
            "statuses": sorted(task["status"] for _, task in finished.values()),
            "task_min": min(t for t, _ in finished.values()), "task_max": max(t for t, _ in finished.values()),
            "completions": completions, "rss_before": rss_before, "rss_peak": peak_rss}


def main() -> int:
    stack = BenchStack(build_dir(), simulator_args=SIMULATOR_ARGS,
                       env_overrides={"COHORTA_RUNNER_PROCESSES": "1", "COHORTA_RUNNER_THREADS": THREADS}).start()
    try:
        rounds = [run_round(stack, k) for k in LEVELS]
    finally:
        stack.stop()
        stack.remove_files()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; simulator `{' '.join(SIMULATOR_ARGS)}`; 1 runner process × {THREADS} threads; "
          f"{PANEL} personas per panel; rounds run one after another on the same stack.\n")
    print("| K panels at once | wall (s) | first / last task done (s) | personas created (failed) | personas/min | "
          "LLM calls | runner RSS before → peak (MB) |")
    print("|---:|---:|---|---:|---:|---:|---|")
    for r in rounds:
        print(f"| {r['k']} | {r['wall']:.1f} | {r['task_min']:.1f} / {r['task_max']:.1f} | {r['created']} ({r['failed']}) | "
              f"{r['created'] / r['wall'] * 60:.1f} | {r['completions']} | "
              f"{r['rss_before'] / 1024:.1f} → {r['rss_peak'] / 1024:.1f} |")
    bad = [r for r in rounds if r["statuses"] != ["succeeded"] * r["k"]]
    if bad:
        print(f"\nWARNING: not every task succeeded: {[(r['k'], r['statuses']) for r in bad]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
