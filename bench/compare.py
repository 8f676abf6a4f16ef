#!/usr/bin/env python3
"""Cohorta against the stack it replaces, HTTP side, in one run on one machine (docs/performance.md, "Against the
old stack").

One nginx process serves three sites: Cohorta (nginx → FastCGI, 2 workers × 8 threads, or BENCH_FCGI_WORKERS ×
BENCH_FCGI_THREADS), the old stack
(bench/oldstack: Quart on Hypercorn, BENCH_HYPERCORN_WORKERS=2, PyMongo, PyJWT; nginx proxy_pass with upstream
keepalive) and the bare C libfcgi responder (bench/c/responder.c, BENCH_C_RESPONDERS=4 copies, answering the bytes
of Cohorta's /api/auth/me). Both apps read the same nx-27017 database: one user (Cohorta's token; the old stack
shares the JWT secret and checks the same claims and token_version) with BENCH_PERSONAS personas.

For every round (BENCH_ROUNDS), connection count (64, 256) and target, `wrk -t2 -cC -dBENCH_DURATION --latency
--timeout 5s -s bench/wrk-auth.lua`; the app's process tree is sampled every 250 ms for RSS (sum and per worker;
PSS and private memory of every process after the runs) and its CPU (and nginx's and the database's) is read before
and after. BENCH_TARGETS (comma-separated words, e.g. "auth/me,C libfcgi") picks targets. Prints JSON and the
markdown tables.
"""
from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

from bench_stack import BENCH, REPO, build_dir
from compare_stack import CompareStack, cpu_seconds, load_average, rollup_kib, rss_kib, tree
from llm_overhead import PERSONA

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "64,256").split(",")]
PERSONAS = int(os.environ.get("BENCH_PERSONAS", "25"))
HYPERCORN_WORKERS = int(os.environ.get("BENCH_HYPERCORN_WORKERS", "2"))
C_RESPONDERS = int(os.environ.get("BENCH_C_RESPONDERS", "4"))
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)([a-z]+)", text).groups()
    return float(number) * UNITS[unit]


class Sampler(threading.Thread):
    """Peak RSS of a process tree (sum, and per process) every 250 ms while a run lasts."""

    def __init__(self, roots: list[int]):
        super().__init__(daemon=True)
        self.roots, self.peak_sum, self.peak_each, self.done = roots, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            sizes = [rss_kib(pid) for pid in forest(self.roots)]
            self.peak_sum = max(self.peak_sum, sum(sizes))
            self.peak_each = max([self.peak_each, *sizes])


def wrk(url: str, connections: int, token: str, duration: str = DURATION) -> dict:
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency", "--timeout", "5s",
            "-s", str(BENCH / "wrk-auth.lua"), url]
    output = subprocess.run(argv, check=True, capture_output=True, text=True,
                            env={**os.environ, "BENCH_TOKEN": token}).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"}:  # no completed request: keep wrk's words for the report
        print(f"wrk {url} -c{connections}: no latency distribution\n{output}", file=sys.stderr)
        percentiles = {"50": "0us", "99": "0us"}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1)),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "p50": milliseconds(percentiles["50"]), "p99": milliseconds(percentiles["99"]),
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0}


def measure(target: dict, connections: int, token: str, nginx_pids: list[int], db_pids: list[int]) -> dict:
    pids = forest(target["roots"])
    sampler = Sampler(target["roots"])
    cpu_before, nginx_before, db_before = cpu_seconds(pids), cpu_seconds(nginx_pids), cpu_seconds(db_pids)
    sampler.start()
    result = wrk(target["url"], connections, token)
    sampler.done.set()
    sampler.join()
    requests = max(1, result["requests"])
    result.update(app_cpu_us=(cpu_seconds(forest(target["roots"])) - cpu_before) * 1e6 / requests,
                  nginx_cpu_us=(cpu_seconds(nginx_pids) - nginx_before) * 1e6 / requests,
                  db_cpu_us=(cpu_seconds(db_pids) - db_before) * 1e6 / requests,
                  rss_sum_kib=sampler.peak_sum, rss_worker_kib=sampler.peak_each, load=load_average())
    return result


def forest(roots: list[int]) -> list[int]:
    return [pid for root in roots for pid in tree(root)]


def memory(root: int) -> dict:
    """After the runs: every process of the tree with its RSS and smaps_rollup."""
    return {pid: {"cmd": open(f"/proc/{pid}/cmdline").read().replace("\0", " ")[:80], "rss_kib": rss_kib(pid),
                  **{key: value for key, value in rollup_kib(pid).items()
                     if key in ("Pss", "Shared_Clean", "Private_Clean", "Private_Dirty", "Anonymous")}}
            for pid in tree(root)}


def main() -> int:
    pool = {f"COHORTA_FCGI_{knob}": os.environ[f"BENCH_FCGI_{knob}"] for knob in ("WORKERS", "THREADS")
            if os.environ.get(f"BENCH_FCGI_{knob}")}  # the pool's size, if not the test stack's 2 × 8
    stack = CompareStack(build_dir(), env_overrides={"COHORTA_LOG_LEVEL": "warning", **pool},
                         hypercorn_workers=HYPERCORN_WORKERS)
    stack.start()
    try:
        token, _ = stack.new_user()
        session, headers = stack.session(), {"Authorization": f"Bearer {token}"}
        for index in range(PERSONAS):
            session.post(stack.url("/api/personas"), json={**PERSONA, "name": f"Maya Chen {index}"},
                         headers=headers).raise_for_status()
        me = session.get(stack.url("/api/auth/me"), headers=headers)
        me.raise_for_status()
        stack.start_oldstack()
        stack.start_responder(me.content, C_RESPONDERS)
        shapes = {}
        for base, name in ((stack.base_url, "cohorta"), (stack.old_url, "oldstack")):
            for path in ("/api/auth/me", "/api/personas"):
                response = session.get(base + path, headers=headers)
                response.raise_for_status()
                shapes[f"{name} {path}"] = {"bytes": len(response.content), "keys": sorted(response.json())}
        fcgi, old = stack.process("fcgi").pid, stack.process("oldstack").pid
        c_roots = [stack.process(f"c-{index}").pid for index in range(C_RESPONDERS)]
        targets = {
            "cohorta /api/auth/me": {"url": stack.url("/api/auth/me"), "roots": [fcgi]},
            "oldstack /api/auth/me": {"url": stack.old_url + "/api/auth/me", "roots": [old]},
            "cohorta /api/personas": {"url": stack.url("/api/personas"), "roots": [fcgi]},
            "oldstack /api/personas": {"url": stack.old_url + "/api/personas", "roots": [old]},
            "cohorta /api/version": {"url": stack.url("/api/version"), "roots": [fcgi]},
            "C libfcgi (auth/me bytes)": {"url": stack.c_url + "/", "roots": c_roots},
        }
        wanted = [word for word in os.environ.get("BENCH_TARGETS", "").split(",") if word]
        targets = {name: target for name, target in targets.items() if not wanted or any(w in name for w in wanted)}
        nginx_pids, db_pids = tree(stack.process("nginx").pid), tree(stack.process("mongo").pid)
        idle = {"cohorta": memory(fcgi), "oldstack": memory(old)}
        for target in targets.values():  # warm-up, discarded
            wrk(target["url"], 64, token, "3s")
        runs: dict[str, dict[int, list[dict]]] = {name: {c: [] for c in CONNECTIONS} for name in targets}
        for _ in range(ROUNDS):
            for connections in CONNECTIONS:
                for name, target in targets.items():
                    runs[name][connections].append(measure(target, connections, token, nginx_pids, db_pids))
                    time.sleep(1)
        loaded = {"cohorta": memory(fcgi), "oldstack": memory(old)}
        settings = stack.env
        c_rss = [rss_kib(stack.process(f"c-{index}").pid) for index in range(C_RESPONDERS)]
    finally:
        stack.stop_extras()
        stack.stop()
        stack.remove_files()

    medians = {name: {c: {key: statistics.median(run[key] for run in results)
                          for key in results[0] if key != "load"} | {"load": results[-1]["load"]}
                      for c, results in per_c.items()} for name, per_c in runs.items()}
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(json.dumps({"shapes": shapes, "medians": medians, "idle": idle, "loaded": loaded, "c_rss_kib": c_rss,
                      "runs": runs}, indent=1))
    print()
    print(f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; {ROUNDS} round(s) of `wrk -t2 -cC -d{DURATION} --latency --timeout 5s`; Cohorta "
          f"{settings['COHORTA_FCGI_WORKERS']} workers × {settings['COHORTA_FCGI_THREADS']} threads; "
          f"Hypercorn {HYPERCORN_WORKERS} workers; C responders {C_RESPONDERS}; "
          f"{PERSONAS} personas; load average at the end of each row in the table.\n")
    print("| target | c | req/s | p50 ms | p99 ms | non-2xx + socket errors | app CPU µs/req | nginx CPU µs/req | "
          "DB CPU µs/req | app RSS peak (sum / largest process) MB | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for name, per_c in medians.items():
        for c, m in per_c.items():
            print(f"| {name} | {c} | {m['rps']:,.0f} | {m['p50']:.2f} | {m['p99']:.2f} | "
                  f"{m['non_2xx'] + m['socket_errors']:.0f} | {m['app_cpu_us']:.0f} | {m['nginx_cpu_us']:.0f} | "
                  f"{m['db_cpu_us']:.0f} | "
                  f"{m['rss_sum_kib'] / 1024:.1f} / {m['rss_worker_kib'] / 1024:.1f} | {m['load']} |")
    print("\n| ratio Cohorta / reference | c | req/s | p99 | app CPU per request | app RSS sum |")
    print("|---|---:|---:|---:|---:|---:|")
    pairs = [("auth/me vs old stack", "cohorta /api/auth/me", "oldstack /api/auth/me"),
             ("personas vs old stack", "cohorta /api/personas", "oldstack /api/personas"),
             ("auth/me vs C libfcgi", "cohorta /api/auth/me", "C libfcgi (auth/me bytes)"),
             ("version (no DB) vs C libfcgi", "cohorta /api/version", "C libfcgi (auth/me bytes)")]
    for label, ours, theirs in pairs:
        for c in CONNECTIONS if ours in medians and theirs in medians else []:
            a, b = medians[ours][c], medians[theirs][c]
            print(f"| {label} | {c} | {a['rps'] / b['rps']:.2f}× | {a['p99'] / b['p99']:.2f}× | "
                  f"{a['app_cpu_us'] / max(b['app_cpu_us'], 1e-9):.2f}× | "
                  f"{a['rss_sum_kib'] / max(b['rss_sum_kib'], 1):.2f}× |")
    print("\nProcess memory after the runs (KiB):\n")
    print("| stack | process | RSS | PSS | private (clean + dirty) | anonymous |")
    print("|---|---|---:|---:|---:|---:|")
    for stack_name, processes in loaded.items():
        for pid, info in processes.items():
            print(f"| {stack_name} | `{info['cmd'].strip()[:60]}` | {info['rss_kib']:,} | {info.get('Pss', 0):,} | "
                  f"{info.get('Private_Clean', 0) + info.get('Private_Dirty', 0):,} | {info.get('Anonymous', 0):,} |")
    print(f"| C libfcgi | responder ×{C_RESPONDERS} | {', '.join(f'{kib:,}' for kib in c_rss)} | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
