#!/usr/bin/env python3
"""Chaos under steady load against the real stack (issue 8 part 4; results in docs/reliability.md "Chaos").

A few client threads read and write through nginx (GET /api/auth/me, GET /api/personas, folder create →
rename → delete, persona edits, admin credit grants under an Idempotency-Key) and record every request, while
the director breaks things:

- a FastCGI worker gets SIGKILL every KILL_INTERVAL seconds (only while both run: a crash, not an outage);
- each round watches a focus-group run live from several WebSocket clients while a persona generation runs,
  and mid-run restarts nx-27017 on the same port with the same data files (SIGTERM, down a few seconds, start
  again), then kills the runner's worker (SIGKILL; its leases expire and are reclaimed), then cohorta-ws
  (SIGKILL, restarted; every client reconnects and joins again after the last seq it saw).

Clients retry safely: reads and idempotent writes (PATCH to a value, DELETE) until they succeed; a folder
create that failed is retried only after re-reading the folders shows it was not applied; credit grants repeat
with the same Idempotency-Key. At the end the API's state must equal what the clients were told (nothing
acknowledged lost, nothing applied twice) and every WebSocket client must hold each stored turn exactly once.

usage: scripts/chaos.py [--seconds 600] [--clients 4] [--kill-interval 1.5] [--db-down-seconds 3] [--json FILE]
(needs `swift build -c release`; COHORTA_BUILD_DIR overrides .build/release). Tests/e2e/test_chaos.py runs a
short variant, `make soak` a long one.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "Tests" / "e2e"))

from stack import Stack, _accepts_tcp, free_port  # noqa: E402
from test_api_sessions import ENDED, Researcher, assert_transcript_is_whole, slow_down  # noqa: E402
from test_ws import Live  # noqa: E402

# A request that takes longer than this is a hang (nginx itself gives up after fastcgi_read_timeout, 30 s).
HANG_SECONDS = 20.0
# How long one operation may keep failing before the run is declared broken (covers an nx-27017 restart).
RETRY_BUDGET_SECONDS = 60.0
# Folders each load client keeps; older ones are deleted (a user may have at most 200).
KEPT_FOLDERS = 12


class ChaosFailure(AssertionError):
    pass


# ── the stack, with a database that survives a restart ──


class ChaosStack(Stack):
    """`Stack` whose nx-27017 keeps its data in files (--data-dir), so `restart_mongo` can stop it and start it
    again on the same port with the same data, as a database restart in production."""

    def __init__(self, build_dir: Path):
        super().__init__(build_dir=build_dir)
        self._mongo_port = 0

    def _start_mongo(self) -> None:
        if not self._mongo_port:
            self._mongo_port = free_port()
            self.mongo_uri = (f"mongodb://127.0.0.1:{self._mongo_port}/?directConnection=true"
                              "&serverSelectionTimeoutMS=3000")
        data = self._dir / "mongo-data"
        data.mkdir(exist_ok=True)
        nx = os.environ.get("COHORTA_NX27017") or str(Path(sys.executable).parent / "nx-27017")
        self._launch("mongo", [nx, "--data-dir", str(data), "-p", str(self._mongo_port), "--log-file", os.devnull,
                               "--pid-file", str(self._dir / "nx-27017.pid")])
        self._wait_until("mongo", lambda: _accepts_tcp(self._mongo_port), f"port {self._mongo_port}")

    def restart_mongo(self, down_seconds: float = 0.0) -> None:
        """SIGTERM to nx-27017, `down_seconds` without a database, then the same server again."""
        self._stop_process("mongo", signal.SIGTERM)
        time.sleep(down_seconds)
        self._start_mongo()

    def children(self, name: str) -> list[int]:
        """The worker processes of a supervisor (`fcgi` or `runner`)."""
        pid = self.process(name).pid
        try:
            return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []


# ── what every request did ──


@dataclass
class Attempt:
    op: str
    method: str
    start: float
    end: float
    status: int | None  # None: no answer (connection error or client timeout)
    ok: bool
    clean: bool  # ok, or a JSON error body {"error": {"code", "message"}} from nginx or the app
    detail: str = ""


@dataclass
class Tally:
    """Counts the load clients add to under a lock."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    attempts: list[Attempt] = field(default_factory=list)
    retries: int = 0
    creates_applied_despite_failure: int = 0  # re-read found the folder: not created again
    deletes_already_applied: int = 0  # 404 on a delete whose folder is gone: applied by an earlier try
    grants_replayed: int = 0  # the Idempotency-Key answered replayed: true

    def add(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def count(self, name: str) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + 1)


def is_json_error(response: requests.Response) -> bool:
    try:
        error = response.json()["error"]
        return isinstance(error["code"], str) and isinstance(error["message"], str)
    except (ValueError, KeyError, TypeError):
        return False


class Api:
    """One client's HTTP connection to nginx. `attempt` sends once and records it; `until_ok` retries what
    is safe to repeat (reads, PATCH to a value, DELETE) while the answer is a 5xx or none at all."""

    def __init__(self, base_url: str, tally: Tally, token: str | None = None):
        self.base_url = base_url
        self.tally = tally
        self.http = requests.Session()
        self.http.trust_env = False
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def attempt(self, op: str, method: str, path: str, ok: tuple[int, ...], **kwargs) -> requests.Response | None:
        start = time.monotonic()
        try:
            response = self.http.request(method, self.base_url + path, timeout=HANG_SECONDS, **kwargs)
        except requests.RequestException as error:
            self.tally.add(Attempt(op, method, start, time.monotonic(), None, False, False, type(error).__name__))
            return None
        good = response.status_code in ok
        self.tally.add(Attempt(op, method, start, time.monotonic(), response.status_code, good,
                               good or is_json_error(response), "" if good else response.text[:200]))
        return response

    def until_ok(self, op: str, method: str, path: str, ok: tuple[int, ...] = (200,), **kwargs) -> requests.Response:
        deadline = time.monotonic() + RETRY_BUDGET_SECONDS
        delay = 0.05
        while True:
            response = self.attempt(op, method, path, ok, **kwargs)
            if response is not None and response.status_code in ok:
                return response
            if response is not None and response.status_code < 500:
                raise ChaosFailure(f"{op}: {method} {path} -> {response.status_code} {response.text[:200]}")
            if time.monotonic() > deadline:
                raise ChaosFailure(f"{op}: {method} {path} still failing after {RETRY_BUDGET_SECONDS:.0f} s")
            self.tally.count("retries")
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


# ── steady load ──


def sign_up(stack: Stack, tally: Tally) -> tuple[str, dict]:
    """A fresh user (before the chaos starts): (token, user JSON)."""
    api = Api(stack.base_url, tally)
    email, password = f"chaos-{uuid.uuid4().hex[:12]}@example.com", "pw-" + uuid.uuid4().hex
    api.until_ok("register", "POST", "/api/auth/register", (201,), json={"email": email, "password": password})
    body = api.until_ok("login", "POST", "/api/auth/login", json={"email": email, "password": password}).json()
    return body["token"], body["user"]


class LoadClient(threading.Thread):
    """Reads, folder writes and persona edits in a loop, keeping a model of what the API acknowledged."""

    def __init__(self, stack: Stack, tally: Tally, index: int, stop: threading.Event, think: float):
        super().__init__(daemon=True, name=f"load-{index}")
        self.index, self.stop, self.think = index, stop, think
        token, self.user = sign_up(stack, tally)
        self.api = Api(stack.base_url, tally, token)
        self.tally = tally
        persona = {"name": f"Chaos {index}", "age": 40, "gender": "female", "location": "Leeds",
                   "occupation": "Nurse", "income_band": "middle", "attitude": "neutral", "bio": "Not edited yet."}
        self.persona_id = self.api.until_ok("create persona", "POST", "/api/personas", (201,), json=persona).json()["id"]
        self.bio = persona["bio"]
        self.folders: OrderedDict[str, str] = OrderedDict()  # id → name, as acknowledged
        self.error: BaseException | None = None
        self.cycles = 0

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.cycle()
                time.sleep(self.think)
        except BaseException as error:  # reported by the director
            self.error = error

    def cycle(self) -> None:
        self.cycles += 1
        n = self.cycles
        self.api.until_ok("read me", "GET", "/api/auth/me")
        self.api.until_ok("read personas", "GET", "/api/personas", params={"per_page": 20})
        folder = self.create_folder(f"c{self.index}-{n}")
        renamed = f"c{self.index}-{n}-renamed"
        self.api.until_ok("rename folder", "PATCH", f"/api/folders/{folder}", json={"name": renamed})
        self.folders[folder] = renamed
        if len(self.folders) > KEPT_FOLDERS:
            self.delete_folder(next(iter(self.folders)))
        bio = f"Edited {n} times by chaos client {self.index}."
        self.api.until_ok("edit persona", "PATCH", f"/api/personas/{self.persona_id}", json={"bio": bio})
        self.bio = bio

    def listed(self) -> list[dict]:
        return self.api.until_ok("read folders", "GET", "/api/folders").json()["items"]

    def create_folder(self, name: str) -> str:
        """POST is not repeated blindly: after a failure, the folders are read again and the create is sent
        again only when it was not applied."""
        deadline = time.monotonic() + RETRY_BUDGET_SECONDS
        while True:
            response = self.api.attempt("create folder", "POST", "/api/folders", (201,), json={"name": name})
            if response is not None and response.status_code == 201:
                created = response.json()["id"]
                self.folders[created] = name
                return created
            if response is not None and response.status_code < 500:
                raise ChaosFailure(f"create folder -> {response.status_code} {response.text[:200]}")
            found = [item["id"] for item in self.listed() if item["name"] == name]
            if found:
                self.tally.count("creates_applied_despite_failure")
                self.folders[found[0]] = name
                return found[0]
            if time.monotonic() > deadline:
                raise ChaosFailure(f"create folder {name} still failing after {RETRY_BUDGET_SECONDS:.0f} s")
            self.tally.count("retries")
            time.sleep(0.2)

    def delete_folder(self, folder: str) -> None:
        """DELETE is idempotent: a 404 for a folder this client holds means an earlier try (its own, or nginx's
        retry on another worker) deleted it; the listing confirms."""
        response = self.api.until_ok("delete folder", "DELETE", f"/api/folders/{folder}", (204, 404))
        if response.status_code == 404:
            if any(item["id"] == folder for item in self.listed()):
                raise ChaosFailure(f"delete folder {folder} answered 404 but the folder is still listed")
            self.tally.count("deletes_already_applied")
        del self.folders[folder]

    def verify(self) -> dict:
        """What the API holds against what it acknowledged: lost = acknowledged but missing or different,
        extra = present but never acknowledged (a create applied twice)."""
        server = {item["id"]: item["name"] for item in self.listed()}
        lost = [f"folder {fid} {name}" for fid, name in self.folders.items() if server.get(fid) != name]
        extra = [f"folder {fid} {name}" for fid, name in server.items() if fid not in self.folders]
        persona = self.api.until_ok("read persona", "GET", f"/api/personas/{self.persona_id}").json()
        if persona["bio"] != self.bio:
            lost.append(f"persona bio {self.bio!r} (API has {persona['bio']!r})")
        return {"lost": lost, "extra": extra, "folders": len(server)}


class CreditGranter(threading.Thread):
    """An admin grants one credit at a time to one user under a fresh Idempotency-Key, and repeats a failed
    grant with the same key: each grant must be applied exactly once."""

    def __init__(self, stack: Stack, tally: Tally, stop: threading.Event, think: float):
        super().__init__(daemon=True, name="granter")
        self.stop, self.think, self.tally = stop, think, tally
        email, password = f"chaos-admin-{uuid.uuid4().hex[:8]}@example.com", "pw-" + uuid.uuid4().hex
        stack.make_admin(email, password)
        login = Api(stack.base_url, tally).until_ok("login", "POST", "/api/auth/login",
                                                    json={"email": email, "password": password})
        self.admin = Api(stack.base_url, tally, login.json()["token"])
        token, self.target = sign_up(stack, tally)
        self.user = Api(stack.base_url, tally, token)
        self.initial = self.statement()
        self.granted = 0
        self.error: BaseException | None = None

    def statement(self) -> dict:
        return self.user.until_ok("read credits", "GET", "/api/credits", params={"per_page": 1}).json()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                key = uuid.uuid4().hex
                response = self.admin.until_ok("grant credit", "POST", f"/api/admin/users/{self.target['id']}/credits",
                                               headers={"Idempotency-Key": key},
                                               json={"amount": 1, "reason": "Chaos grant"})
                if response.json()["replayed"]:
                    self.tally.count("grants_replayed")
                self.granted += 1
                time.sleep(self.think)
        except BaseException as error:
            self.error = error

    def verify(self) -> dict:
        now = self.statement()
        expected_balance = self.initial["balance"] + self.granted
        expected_entries = self.initial["total"] + self.granted
        problems = []
        if now["balance"] != expected_balance:
            problems.append(f"balance {now['balance']}, expected {expected_balance}")
        if now["total"] != expected_entries:
            problems.append(f"{now['total']} ledger entries, expected {expected_entries}")
        return {"granted": self.granted, "problems": problems}


# ── the chaos ──


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


# ── one run ──


@dataclass
class ChaosReport:
    seconds: float = 0.0
    clients: int = 0
    worker_kills: int = 0
    requests: int = 0
    failed: int = 0  # outside the database outages: the 0.5% budget
    failed_percent: float = 0.0
    outage_requests: int = 0
    outage_failed: int = 0
    unclean_failures: list[str] = field(default_factory=list)  # no answer, or not a JSON error
    slowest_request_seconds: float = 0.0
    retries: int = 0
    creates_applied_despite_failure: int = 0
    deletes_already_applied: int = 0
    grants: int = 0
    grants_replayed: int = 0
    lost_writes: list[str] = field(default_factory=list)
    duplicate_writes: list[str] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)
    failures_by_kind: dict[str, int] = field(default_factory=dict)
    outage_failures_by_kind: dict[str, int] = field(default_factory=dict)
    rounds: list[RoundReport] = field(default_factory=list)
    runner_log: dict[str, int] = field(default_factory=dict)  # task lines of runner.log: resumed, released …
    load_average: list[float] = field(default_factory=list)


def run(stack: ChaosStack, seconds: float, clients: int = 4, kill_interval: float = 1.5, watchers: int = 3,
        think: float = 0.02, seed: int = 8, db_down_seconds: float = 3.0, rounds: int | None = None) -> ChaosReport:
    """Load for at least `seconds` with worker kills throughout; rounds of (database restart, live run with
    runner and cohorta-ws kills) back to back until the time is up (at least one), or exactly `rounds`."""
    tally, stop = Tally(), threading.Event()
    load = [LoadClient(stack, tally, index, stop, think) for index in range(clients)]
    granter = CreditGranter(stack, tally, stop, think=0.1)
    killer = WorkerKiller(stack, kill_interval, stop, seed)
    began = time.monotonic()
    report = ChaosReport(clients=clients)
    outages: list[tuple[float, float]] = []
    for thread in (*load, granter, killer):
        thread.start()
    try:
        while len(report.rounds) < (rounds or 1) or (rounds is None and time.monotonic() - began < seconds):
            round_report = RoundReport()
            report.rounds.append(round_report)
            time.sleep(min(5.0, seconds / 10))
            live_run_under_kills(stack, killer, round_report, watchers,
                                 lambda: restart_database(stack, round_report, outages, db_down_seconds))
            if any(thread.error for thread in (*load, granter)):
                break
        stop.wait(max(0.0, seconds - (time.monotonic() - began)))
    finally:
        stop.set()
        for thread in (*load, granter, killer):
            thread.join(timeout=HANG_SECONDS + 5)
    report.seconds = round(time.monotonic() - began, 1)
    report.worker_kills = killer.kills
    report.load_average = [round(value, 2) for value in os.getloadavg()]
    runner_log = (stack.log_dir / "runner.log").read_text(errors="replace")
    report.runner_log = {event: runner_log.count(f'msg="{event}"') for event in
                         ("task started", "task resumed", "task released", "task end not recorded", "task lease lost")}
    report.client_errors = [f"{thread.name}: {thread.error}" for thread in (*load, granter) if thread.error]
    summarize(report, tally, outages)
    for client in load:
        found = client.verify()
        report.lost_writes += found["lost"]
        report.duplicate_writes += found["extra"]
    granted = granter.verify()
    report.grants = granted["granted"]
    report.lost_writes += [f"credits: {problem}" for problem in granted["problems"]]
    return report


def summarize(report: ChaosReport, tally: Tally, outages: list[tuple[float, float]], grace: float = 1.0) -> None:
    def in_outage(attempt: Attempt) -> bool:
        return any(attempt.start < end + grace and attempt.end > start for start, end in outages)

    for attempt in tally.attempts:
        outage = in_outage(attempt)
        report.requests += not outage
        report.outage_requests += outage
        report.slowest_request_seconds = max(report.slowest_request_seconds, round(attempt.end - attempt.start, 2))
        if attempt.ok:
            continue
        report.outage_failed += outage
        report.failed += not outage
        key = f"{attempt.method} {attempt.op} -> {attempt.status if attempt.status is not None else attempt.detail}"
        table = report.outage_failures_by_kind if outage else report.failures_by_kind
        table[key] = table.get(key, 0) + 1
        if not attempt.clean:
            report.unclean_failures.append(f"{attempt.method} {attempt.op} -> {attempt.status} {attempt.detail}")
    report.failed_percent = round(100 * report.failed / max(report.requests, 1), 3)
    report.retries = tally.retries
    report.creates_applied_despite_failure = tally.creates_applied_despite_failure
    report.deletes_already_applied = tally.deletes_already_applied
    report.grants_replayed = tally.grants_replayed


def problems(report: ChaosReport, max_failed_percent: float = 0.5) -> list[str]:
    """What makes a run fail; empty when it passed."""
    found = []
    if report.failed_percent > max_failed_percent:
        found.append(f"{report.failed_percent}% of requests failed outside the database restarts")
    for name in ("unclean_failures", "lost_writes", "duplicate_writes", "client_errors"):
        if getattr(report, name):
            found.append(f"{name}: {getattr(report, name)[:10]}")
    if report.slowest_request_seconds >= HANG_SECONDS:
        found.append(f"a request took {report.slowest_request_seconds} s")
    for number, round_report in enumerate(report.rounds, 1):
        if round_report.lost_events or round_report.duplicate_events:
            found.append(f"round {number}: {round_report.lost_events} lost and {round_report.duplicate_events} "
                         "duplicate WebSocket events")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600, help="how long the load runs (at least one round)")
    parser.add_argument("--clients", type=int, default=4, help="load client threads")
    parser.add_argument("--kill-interval", type=float, default=1.5, help="seconds between FastCGI worker kills")
    parser.add_argument("--watchers", type=int, default=3, help="WebSocket clients in the watched room")
    parser.add_argument("--db-down-seconds", type=float, default=3.0, help="nx-27017 stays stopped this long")
    parser.add_argument("--rounds", type=int, help="exactly this many rounds (default: as many as fit)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    stack = ChaosStack(build_dir).start()
    try:
        report = run(stack, args.seconds, args.clients, args.kill_interval, args.watchers, seed=args.seed,
                     db_down_seconds=args.db_down_seconds, rounds=args.rounds)
    except BaseException:
        print(stack.log_tails(), file=sys.stderr)
        raise
    finally:
        stack.stop()
    text = json.dumps(asdict(report), indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    found = problems(report)
    for problem in found:
        print(f"FAILED: {problem}", file=sys.stderr)
    if not found:
        stack.remove_files()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
