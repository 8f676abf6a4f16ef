"""What breaks things: worker kills, the database restart and the watched run with runner and cohorta-ws kills."""
from __future__ import annotations

import os
import random
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

import requests
from stack import Stack
from test_api_sessions import Researcher, assert_transcript_is_whole, slow_down
from test_ws import Live

from .chaos_stack import ChaosStack
from .requests_log import HANG_SECONDS, RETRY_BUDGET_SECONDS, ChaosFailure

class WorkerKiller(threading.Thread):
    """SIGKILL to one FastCGI worker every `interval` seconds, only while the whole pool runs."""

    def __init__(self, stack: ChaosStack, interval: float, stop: threading.Event, seed: int):
        super().__init__(daemon=True, name="worker-killer")
        self.stack, self.interval, self.stop = stack, interval, stop
        self.random = random.Random(seed)
        self.kills = 0
        self.resume = threading.Event()
        self.resume.set()

    def run(self) -> None:
        workers = int(self.stack.env["COHORTA_FCGI_WORKERS"])
        while not self.stop.wait(self.interval):
            pids = self.stack.children("fcgi")
            if not self.resume.is_set() or len(pids) < workers:
                continue
            try:
                os.kill(self.random.choice(pids), signal.SIGKILL)
                self.kills += 1
            except ProcessLookupError:
                pass


class Paused:
    """Holds the worker kills while a scenario sends its own POSTs (they are not what is measured)."""

    def __init__(self, killer: WorkerKiller):
        self.killer = killer

    def __enter__(self):
        self.killer.resume.clear()
        time.sleep(0.1)

    def __exit__(self, *exc):
        self.killer.resume.set()


class RetryingResearcher(Researcher):
    """test_api_sessions.Researcher whose GETs are retried while the workers are being killed."""

    def request(self, method: str, path: str, **kwargs):
        deadline = time.monotonic() + RETRY_BUDGET_SECONDS
        while True:
            try:
                response = self.http.request(method, self.stack.url(path), timeout=HANG_SECONDS, **kwargs)
                if method != "GET" or response.status_code < 500 or time.monotonic() > deadline:
                    return response
            except requests.RequestException:
                if method != "GET" or time.monotonic() > deadline:
                    raise
            time.sleep(0.2)


@dataclass
class RoundReport:
    mongo_restart_seconds: float = 0.0  # SIGTERM to nx-27017 until it accepts again (down_seconds included)
    api_recovery_seconds: float = 0.0  # from the restart until /api/health answers 200
    runner_kills: int = 0
    runner_recovery_seconds: float = 0.0  # the runner's worker killed until two more turns are stored
    live_turns_after_db_restart: int = 0  # fewest turns a client got live after the restart, before other kills
    ws_kills: int = 0
    ws_clients: int = 0
    ws_reconnect_seconds: list[float] = field(default_factory=list)  # kill until a client has joined again
    turns: int = 0
    run_attempts: int = 0  # claims of the run's task: 2 or more once a runner took it over
    lost_events: int = 0
    duplicate_events: int = 0
    generation_created: int = 0
    generation_attempts: int = 0


def wait_healthy(stack: Stack, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(stack.url("/api/health"), timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise ChaosFailure(f"/api/health not 200 within {timeout:.0f} s")


def restart_database(stack: ChaosStack, report: RoundReport, outages: list[tuple[float, float]],
                     down_seconds: float) -> None:
    began = time.monotonic()
    stack.restart_mongo(down_seconds)
    report.mongo_restart_seconds = round(time.monotonic() - began, 2)
    wait_healthy(stack)
    ended = time.monotonic()
    report.api_recovery_seconds = round(ended - began, 2)
    outages.append((began, ended))


class Watcher:
    """One WebSocket client of the room: every turn.final it received over all its connections."""

    def __init__(self, stack: Stack, token: str, session_id: str):
        self.stack, self.token, self.session_id = stack, token, session_id
        self.finals: list[dict] = []
        self.live = self.connect(after_seq=0)

    def connect(self, after_seq: int) -> Live:
        live = Live(self.stack.ws_url, self.token)
        joined = live.request("join", session_id=self.session_id, after_seq=after_seq)
        if joined["type"] != "joined":
            raise ChaosFailure(f"join refused: {joined}")
        return live

    def collect(self) -> None:
        self.finals += self.live.of(self.session_id, "turn.final")

    def reconnect(self, deadline: float) -> None:
        """After the kill: keep what arrived, then connect and join again after the last seq seen."""
        self.live.wait_closed(10)
        self.collect()
        after = max((frame["seq"] for frame in self.finals), default=0)
        while True:
            try:
                self.live = self.connect(after)
                return
            except Exception:  # refused while cohorta-ws starts, or closed at once
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def live_run_under_kills(stack: ChaosStack, killer: WorkerKiller, report: RoundReport, watchers: int,
                         restart_database: Callable[[], None]) -> None:
    """A focus-group run watched by `watchers` clients and a persona generation: mid-run the database
    restarts, then the runner's worker is killed, then cohorta-ws; the run and the generation complete; each
    client holds every stored turn exactly once."""
    simulator = stack.simulator_url
    with Paused(killer):
        ada = RetryingResearcher(stack)
        slow_down(simulator, turns=30, chunk_delay_ms=40)
        sid = ada.start()["id"]
        generated = ada.http.post(stack.url("/api/personas/generate"), timeout=HANG_SECONDS,
                                  json={"brief": f"Chaos commuters ({uuid.uuid4().hex})", "count": 2})
    if generated.status_code != 202:
        raise ChaosFailure(f"generate -> {generated.status_code} {generated.text[:200]}")
    task_id = generated.json()["task_id"]
    room = [Watcher(stack, ada.token, sid) for _ in range(watchers)]
    report.ws_clients = watchers
    ada.wait_for_messages(sid, 3, 90)
    restart_database()
    after_restart = len(ada.messages(sid)) + 2
    for watcher in room:  # the runner writes again and cohorta-ws's change stream delivers again
        watcher.live.until(lambda w=watcher: any(f["seq"] >= after_restart for f in w.live.of(sid, "turn.final")),
                           60, f"sent turn {after_restart} live after the database restart")
    report.live_turns_after_db_restart = min(
        len([f for f in watcher.live.of(sid, "turn.final") if f["seq"] >= after_restart - 2]) for watcher in room)
    os.kill(stack.children("runner")[0], signal.SIGKILL)
    killed = time.monotonic()
    report.runner_kills += 1
    seen = len(ada.messages(sid))
    ada.wait_for_messages(sid, seen + 2, 120)  # a new runner worker reclaimed the run's lease
    report.runner_recovery_seconds = round(time.monotonic() - killed, 2)
    killed = time.monotonic()
    stack.kill_ws()
    stack.restart_ws()
    report.ws_kills += 1
    for watcher in room:
        watcher.reconnect(killed + 60)
        report.ws_reconnect_seconds.append(round(time.monotonic() - killed, 2))
    session = ada.finished(sid, timeout=240)
    if session["status"] != "finished":
        raise ChaosFailure(f"the run ended {session['status']}: {session.get('failure')}")
    transcript = ada.messages(sid)
    assert_transcript_is_whole(transcript)
    run_task = ada.request("GET", f"/api/tasks/{session['task_id']}")
    if run_task.status_code != 200:
        raise ChaosFailure(f"the run's task {session['task_id']}: {run_task.status_code} {run_task.text[:200]}")
    report.run_attempts = run_task.json()["attempts"]
    report.turns = len(transcript)
    for watcher in room:
        watcher.live.until(lambda w=watcher: any(f["seq"] == len(transcript)
                                                 for f in w.live.of(sid, "turn.final")), 30, "sent the last turn")
        watcher.collect()
        watcher.live.close()
        seqs = [frame["seq"] for frame in watcher.finals]
        report.lost_events += len(set(range(1, len(transcript) + 1)) - set(seqs))
        report.duplicate_events += len(seqs) - len(set(seqs))
        by_seq = {frame["seq"]: frame["message"] for frame in watcher.finals}
        if any(by_seq.get(message["seq"], message) != message for message in transcript):
            raise ChaosFailure("a turn.final differs from the stored message")
    task = ada.request("GET", f"/api/tasks/{task_id}").json()
    deadline = time.monotonic() + 120
    while task["status"] not in ("succeeded", "failed", "cancelled") and time.monotonic() < deadline:
        time.sleep(0.5)
        task = ada.request("GET", f"/api/tasks/{task_id}").json()
    result = task.get("result") or {}
    if task["status"] != "succeeded" or result["created"] != 2 or result["credits_charged"] != 4:
        raise ChaosFailure(f"the generation did not complete: {task}")
    report.generation_created += result["created"]
    report.generation_attempts = task["attempts"]


