"""Every request a chaos client sends, with its answer; `Api` sends and retries what is safe to retry."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import requests

# A request that takes longer than this is a hang (nginx itself gives up after fastcgi_read_timeout, 30 s).
HANG_SECONDS = 20.0
# How long one operation may keep failing before the run is declared broken (covers an nx-27017 restart).
RETRY_BUDGET_SECONDS = 60.0
# Folders each load client keeps; older ones are deleted (a user may have at most 200).
KEPT_FOLDERS = 12


class ChaosFailure(AssertionError):
    pass


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


