"""/metrics through nginx: Prometheus text 0.0.4 aggregated over every Cohorta process (FastCGI workers, runner
processes, cohorta-ws), reachable from loopback only, labelled by route pattern (never the raw path), with
counters that survive a worker being killed, and the task queue read from MongoDB at scrape time.

These tests kill a worker, so they run on a stack of their own. Nothing here depends on timing except generous
deadlines for things that eventually happen (a worker respawned, a task finished)."""

import os
import re
import signal
import time
from pathlib import Path

from stack import Stack
from test_process_lifecycle import own_stack  # noqa: F401  (a module-scoped stack of this file's own)
from test_ws import Live

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')


def scrape(stack: Stack) -> dict[str, float]:
    """Every sample of one scrape, keyed by `name{labels}` as exposed."""
    response = stack.session().get(stack.url("/metrics"), timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in response.text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not an exposition line: {line!r}"
        samples[f"{match[1]}{match[2] or ''}"] = float(match[4])
    return samples


def total(samples: dict[str, float], prefix: str, *fragments: str) -> float:
    return sum(value for key, value in samples.items()
               if key.startswith(prefix + "{") and all(fragment in key for fragment in fragments))


def eventually(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.2)


def test_metrics_is_prometheus_text_with_every_family(own_stack):
    response = own_stack.session().get(own_stack.url("/metrics"), timeout=10)
    text = response.text
    for family, kind in [("cohorta_http_requests_total", "counter"),
                         ("cohorta_http_request_duration_seconds", "histogram"),
                         ("cohorta_worker_restarts_total", "counter"), ("cohorta_tasks_queued", "gauge"),
                         ("cohorta_task_queue_oldest_age_seconds", "gauge"),
                         ("cohorta_runner_leases_active", "gauge"), ("cohorta_llm_calls_total", "counter"),
                         ("cohorta_llm_call_duration_seconds", "histogram"), ("cohorta_llm_tokens_total", "counter"),
                         ("cohorta_llm_cost_usd_total", "counter"), ("cohorta_ws_connections", "gauge"),
                         ("cohorta_ws_delivery_lag_seconds", "histogram"),
                         ("cohorta_change_stream_restarts_total", "counter")]:
        assert f"# TYPE {family} {kind}\n" in text
    samples = scrape(own_stack)
    assert samples["cohorta_tasks_queued"] >= 0
    assert samples["cohorta_task_queue_oldest_age_seconds"] >= 0


def test_metrics_is_refused_to_other_addresses(own_stack):
    response = own_stack.session(source_ip="127.0.0.2").get(own_stack.url("/metrics"), timeout=10)
    assert response.status_code == 403
    assert "cohorta_" not in response.text


def test_requests_are_counted_by_route_pattern_and_survive_a_killed_worker(own_stack):
    token, user = own_stack.new_user()
    session = own_stack.session()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(5):
        assert session.get(own_stack.url("/api/personas/" + "0" * 24), headers=headers, timeout=10).status_code == 404
    samples = scrape(own_stack)
    pattern = 'route="/api/personas/:id"'
    counted = total(samples, "cohorta_http_requests_total", pattern, 'method="GET"', 'status="404"')
    assert counted >= 5
    assert not any("0" * 24 in key for key in samples), "raw paths must never become labels"
    assert total(samples, "cohorta_http_request_duration_seconds_count", pattern) >= 5

    supervisor = own_stack.process("fcgi").pid
    workers = {int(pid) for pid in Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()}
    restarts_before = total(samples, "cohorta_worker_restarts_total", 'role="fcgi"')
    for victim in workers:
        os.kill(victim, signal.SIGKILL)
        eventually(lambda: victim not in Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split())
    eventually(lambda: own_stack.session().get(own_stack.url("/api/health"), timeout=5).status_code == 200)
    after = scrape(own_stack)
    assert total(after, "cohorta_http_requests_total", pattern, 'method="GET"', 'status="404"') >= counted
    assert total(after, "cohorta_http_request_duration_seconds_count", pattern) >= 5
    assert total(after, "cohorta_worker_restarts_total", 'role="fcgi"') >= restarts_before + len(workers)


def test_a_finished_task_shows_llm_calls_tokens_and_cost(own_stack):
    token, _ = own_stack.new_user()
    session = own_stack.session()
    headers = {"Authorization": f"Bearer {token}"}
    brief = f"Commuters in mid-sized European cities who might switch to an e-bike subscription ({time.time_ns()})."
    response = session.post(own_stack.url("/api/personas/generate"), json={"brief": brief, "count": 2},
                            headers=headers, timeout=10)
    assert response.status_code == 202, response.text
    task_id = response.json()["task_id"]

    def finished():
        task = session.get(own_stack.url(f"/api/tasks/{task_id}"), headers=headers, timeout=10).json()
        return task["status"] in ("succeeded", "failed", "cancelled") and task

    assert eventually(finished, timeout=120)["status"] == "succeeded"
    samples = scrape(own_stack)
    assert total(samples, "cohorta_llm_calls_total", 'outcome="success"') >= 1
    assert total(samples, "cohorta_llm_tokens_total", 'kind="prompt"') > 0
    assert total(samples, "cohorta_llm_tokens_total", 'kind="completion"') > 0
    assert total(samples, "cohorta_llm_call_duration_seconds_count") >= 1
    assert "cohorta_llm_cost_usd_total" in "".join(samples)
    assert samples.get("cohorta_runner_leases_active", 0) >= 0


def test_websocket_connections_are_a_gauge(own_stack):
    token, _ = own_stack.new_user()
    before = scrape(own_stack).get("cohorta_ws_connections", 0)
    clients = [Live(own_stack.ws_url, token) for _ in range(3)]
    try:
        eventually(lambda: scrape(own_stack).get("cohorta_ws_connections", 0) >= before + 3)
    finally:
        for client in clients:
            client.close()
    eventually(lambda: scrape(own_stack).get("cohorta_ws_connections", 0) <= before)


def test_a_live_frame_delivered_to_a_subscribed_client_is_a_delivery_lag_sample(own_stack):
    """A task's progress reaches its owner's socket (the private channel); cohorta-ws then has one more
    `cohorta_ws_delivery_lag_seconds` observation. Counts only: the lag's value depends on the machine."""
    token, _ = own_stack.new_user()
    lag_count = "cohorta_ws_delivery_lag_seconds_count"
    with Live(own_stack.ws_url, token) as live:
        before = scrape(own_stack).get(lag_count, 0)
        brief = f"Night-shift nurses choosing a meal-kit service ({time.time_ns()})."
        response = own_stack.session().post(own_stack.url("/api/personas/generate"),
                                            json={"brief": brief, "count": 2},
                                            headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert response.status_code == 202, response.text
        task_id = response.json()["task_id"]
        live.next(lambda frame: frame["type"] == "task.progress" and frame["task"]["id"] == task_id, 60,
                  "the task's progress")
    samples = eventually(lambda: (lambda now: now.get(lag_count, 0) > before and now)(scrape(own_stack)))
    assert samples["cohorta_ws_delivery_lag_seconds_bucket{le=\"+Inf\"}"] == samples[lag_count]
    assert samples["cohorta_ws_delivery_lag_seconds_sum"] >= 0
