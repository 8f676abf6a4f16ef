"""Webhook delivery like Stripe's: at least once, each attempt with a fresh `t` and signature, retried on any
non-2xx answer or network error after the configured delays; every attempt is recorded.

Threads: each send runs on its own daemon thread (copies sent concurrently get one thread each, released
together by a barrier). `_lock` guards the attempt log and the in-flight count; `_idle` waits on it.
"""

import http.client
import json
import secrets
import threading
import time
import urllib.parse

from .signing import headers_for

RESPONSE_EXCERPT = 300


class Deliverer:
    def __init__(self, url, secret, retry_delays, timeout, log, stopping):
        self.url = url
        self.secret = secret
        self.retry_delays = list(retry_delays)
        self.timeout = timeout
        self._log = log
        self._stopping = stopping
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._attempts = []   # guarded by _lock
        self._in_flight = 0   # guarded by _lock

    def send(self, events, copies=1, concurrent=False, delay=0.0, signature="valid", retry=True):
        """Delivers each event `copies` times in the given order, in the background. Sequential sends wait for
        each delivery (with its retries) to end before the next; concurrent ones start together."""
        plan = [event for event in events for _ in range(copies)]
        if not plan:
            return
        with self._lock:
            self._in_flight += len(plan)
        options = {"signature": signature, "retry": retry}
        if concurrent:
            barrier = threading.Barrier(len(plan))
            for event in plan:
                threading.Thread(target=self._run, args=([event], delay, options, barrier), daemon=True).start()
        else:
            threading.Thread(target=self._run, args=(plan, delay, options, None), daemon=True).start()

    def attempts(self, event_id=None):
        with self._lock:
            return [dict(attempt) for attempt in self._attempts if event_id in (None, attempt["event"])]

    def clear(self):
        with self._lock:
            self._attempts.clear()

    def wait_idle(self, timeout):
        """True once nothing is in flight (including retries still to come)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def in_flight(self):
        with self._lock:
            return self._in_flight

    def _run(self, plan, delay, options, barrier):
        if delay and self._stopping.wait(delay):
            return
        if barrier is not None:
            try:
                barrier.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass
        for event in plan:
            try:
                self._deliver(event, **options)
            finally:
                with self._idle:
                    self._in_flight -= 1
                    self._idle.notify_all()

    def _deliver(self, event, signature, retry):
        payload = json.dumps(event, indent=2).encode()
        delivery = "whd_" + secrets.token_hex(8)
        delays = [0.0, *self.retry_delays] if retry else [0.0]
        timestamp = 0
        for attempt, pause in enumerate(delays, start=1):
            if pause and self._stopping.wait(pause):
                return
            # A new `t` (so a new signature) per attempt, even when quick test retries share a second.
            timestamp = max(int(time.time()), timestamp + 1)
            status, excerpt, error, elapsed = self._post(payload, signature, timestamp)
            record = {"delivery": delivery, "event": event["id"], "type": event["type"], "attempt": attempt,
                      "signature": signature, "status": status, "response": excerpt, "error": error,
                      "at": time.time(), "ms": round(elapsed * 1000, 1)}
            with self._lock:
                self._attempts.append(record)
            self._log("info" if status and status < 300 else "warning", "webhook attempt", event=event["id"],
                      type=event["type"], attempt=attempt, status=status, error=error, signature=signature)
            if status is not None and 200 <= status < 300:
                return

    def _post(self, payload, signature, timestamp):
        if not self.url:
            return None, None, "no webhook URL configured (--webhook-url)", 0.0
        parts = urllib.parse.urlsplit(self.url)
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                   "Accept": "*/*; q=0.5, application/xml", "Cache-Control": "no-cache",
                   **headers_for(signature, self.secret, timestamp, payload)}
        started = time.monotonic()
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""), payload, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")[:RESPONSE_EXCERPT]
            return response.status, text, None, time.monotonic() - started
        except (OSError, http.client.HTTPException) as error:
            return None, None, f"{type(error).__name__}: {error}", time.monotonic() - started
        finally:
            connection.close()
