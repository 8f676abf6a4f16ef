#!/usr/bin/env python3
"""Focus group runs on one runner process (issue 4's benchmark):

1. **Context window**: prompt tokens of every moderator and participant turn across a 60-turn session (6 personas,
   a 4-section guide); older turns are folded into the rolling summary, so the curve must stay flat.
2. **Orchestration overhead per turn**: the same session replayed (every LLM call served from `llm_calls`, so
   no model time): wall time per stored message covers the engine, the prompt rendering, the gateway's replay
   lookups and the MongoDB writes (message, state, progress).
3. **Concurrent runs**: K = 1, 2, 4, 8 sessions started at once against the simulator at a realistic pace; a run
   holds one runner thread, so up to COHORTA_RUNNER_THREADS run at once and the rest queue.

Starts its own stack (bench/bench_stack.py; release build; nx-27017 in memory). Prints markdown for
docs/performance.md.
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

THREADS = os.environ.get("BENCH_RUNNER_THREADS", "4")
LEVELS = [int(k) for k in os.environ.get("BENCH_LEVELS", "1 2 4 8").split()]
PACED = os.environ.get("BENCH_SIMULATOR_ARGS", "--latency-ms 800 --chunk-delay-ms 20").split()
PEOPLE = ["Maya Chen", "Tom Berger", "Ana Ruiz", "Sam Okafor", "Lea Novak", "Omar Haddad"]
ATTITUDES = ["enthusiast", "skeptic", "pragmatist", "neutral", "resistant", "enthusiast"]
ENDED = ("finished", "failed", "cancelled")


def guide(sections: int = 4) -> dict:
    def section(n: int) -> dict:
        return {"title": f"Topic {n}", "goal": f"Explore topic {n}.", "minutes": 15, "turn_budget": 12,
                "questions": [{"text": f"Question {q} about topic {n}: what is your experience?", "probes": ["Why?"]}
                              for q in range(1, 4)],
                "poll": {"kind": "likert", "question": f"How much does topic {n} matter to you?",
                         "options": ["Not at all", "A little", "Somewhat", "A lot", "Completely"], "samples": 2}}
    return {"introduction": "Welcome, everyone.", "sections": [section(n) for n in range(1, sections + 1)],
            "closing": "Thank you."}


class Researcher:
    def __init__(self, stack: BenchStack, max_turns: int):
        token, _ = stack.new_user()
        self.stack, self.http = stack, stack.session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        personas = [self.call("POST", "/api/personas", json={
            "name": name, "age": 30 + i * 5, "gender": "female" if i % 2 else "male", "location": "Leeds",
            "occupation": "Nurse", "income_band": "middle", "attitude": ATTITUDES[i]})["id"]
            for i, name in enumerate(PEOPLE)]
        self.group = self.call("POST", "/api/focus-groups", json={
            "name": "Bench", "objective": f"Benchmark run {uuid.uuid4().hex}", "audience": "Adults",
            "participant_ids": personas, "settings": {"max_turns": max_turns}})["id"]
        self.call("PATCH", f"/api/focus-groups/{self.group}", json={"guide": guide()})

    def call(self, method: str, path: str, **kwargs) -> dict:
        response = self.http.request(method, self.stack.url(path), timeout=30, **kwargs)
        response.raise_for_status()
        return response.json()

    def start(self) -> str:
        return self.call("POST", f"/api/focus-groups/{self.group}/sessions")["session"]["id"]

    def wait(self, session_id: str, timeout: float = 900) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            session = self.call("GET", f"/api/sessions/{session_id}")
            if session["status"] in ENDED:
                return session
            if time.monotonic() > deadline:
                raise RuntimeError(f"session {session_id} still {session['status']}")
            time.sleep(0.25)

    def messages(self, session_id: str) -> list[dict]:
        return self.call("GET", f"/api/sessions/{session_id}/messages", params={"limit": 200})["items"]


def context_and_overhead() -> tuple[list[dict], dict]:
    stack = BenchStack(build_dir(), env_overrides={"COHORTA_RUNNER_PROCESSES": "1", "COHORTA_RUNNER_THREADS": THREADS})
    stack.start()
    try:
        researcher = Researcher(stack, max_turns=60)
        first = researcher.start()
        started = time.perf_counter()
        researcher.wait(first)
        fresh = time.perf_counter() - started
        messages = researcher.messages(first)
        replay_id = researcher.call("POST", f"/api/sessions/{first}/replay")["session"]["id"]
        started = time.perf_counter()
        replay = researcher.wait(replay_id)
        replayed = time.perf_counter() - started
        return messages, {"fresh": fresh, "replayed": replayed, "messages": len(messages),
                          "replay_tokens": replay["cost"]["prompt_tokens"]}
    finally:
        stack.stop()
        stack.remove_files()


def concurrent_runs() -> list[dict]:
    stack = BenchStack(build_dir(), simulator_args=PACED,
                       env_overrides={"COHORTA_RUNNER_PROCESSES": "1", "COHORTA_RUNNER_THREADS": THREADS,
                                      "COHORTA_TASKS_PER_USER": "8"})
    stack.start()
    rounds = []
    try:
        for k in LEVELS:
            researchers = [Researcher(stack, max_turns=20) for _ in range(k)]
            runner = stack.runner_worker_pid()
            rss_before = peak = rss_kib(runner)
            started = time.perf_counter()
            sessions = [(r, r.start()) for r in researchers]
            done: dict[str, float] = {}
            while len(done) < k:
                time.sleep(0.25)
                peak = max(peak, rss_kib(runner))
                for researcher, sid in sessions:
                    if sid not in done and researcher.call("GET", f"/api/sessions/{sid}")["status"] in ENDED:
                        done[sid] = time.perf_counter() - started
            wall = time.perf_counter() - started
            turns = sum(len(r.messages(sid)) for r, sid in sessions)
            rounds.append({"k": k, "wall": wall, "first": min(done.values()), "last": max(done.values()),
                           "turns": turns, "rss_before": rss_before, "rss_peak": peak})
    finally:
        stack.stop()
        stack.remove_files()
    return rounds


def main() -> int:
    messages, overhead = context_and_overhead()
    rounds = concurrent_runs() if LEVELS else []
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    print(f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; 1 runner process × {THREADS} threads.\n")
    # A regenerated turn's tokens add up every draft; the series shows single calls.
    spoken = [m for m in messages if m["speaker"] != "human" and not m["regenerations"]]
    regenerated = sum(1 for m in messages if m["regenerations"])
    print(f"### Prompt tokens per turn (60-turn session, 6 personas; {regenerated} regenerated turns left out)\n")
    print("| turns | moderator: mean prompt tokens | participants: mean prompt tokens | max over the window |")
    print("|---|---:|---:|---:|")
    for low in range(0, len(spoken), 10):
        window = spoken[low:low + 10]
        mod = [m["prompt_tokens"] for m in window if m["speaker"] == "moderator"]
        par = [m["prompt_tokens"] for m in window if m["persona_id"]]
        mean = lambda xs: f"{sum(xs) / len(xs):.0f}" if xs else "–"  # noqa: E731
        print(f"| {low + 1}–{low + len(window)} | {mean(mod)} | {mean(par)} | "
              f"{max(m['prompt_tokens'] for m in window)} |")
    print(f"\n### Orchestration overhead per turn\n\nFresh run: {overhead['messages']} messages in "
          f"{overhead['fresh']:.1f} s (simulator without added latency). Replay (every call from `llm_calls`, "
          f"{overhead['replay_tokens']} tokens): {overhead['replayed']:.1f} s = "
          f"**{overhead['replayed'] / overhead['messages'] * 1000:.0f} ms per message**, decisions, polls, themes "
          f"and report included.\n")
    print(f"### Concurrent runs (20-turn sessions, simulator `{' '.join(PACED)}`)\n")
    print("| K sessions at once | wall (s) | first / last finished (s) | messages | messages/min | "
          "runner RSS before → peak (MB) |")
    print("|---:|---:|---|---:|---:|---|")
    for r in rounds:
        print(f"| {r['k']} | {r['wall']:.1f} | {r['first']:.1f} / {r['last']:.1f} | {r['turns']} | "
              f"{r['turns'] / r['wall'] * 60:.0f} | {r['rss_before'] / 1024:.1f} → {r['rss_peak'] / 1024:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
