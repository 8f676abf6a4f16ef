"""One chaos run: load, kills and restarts together, then the report and what makes it fail."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from .breakers import RoundReport, WorkerKiller, live_run_under_kills, restart_database
from .chaos_stack import ChaosStack
from .load import CreditGranter, LoadClient
from .requests_log import HANG_SECONDS, Attempt, Tally

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


