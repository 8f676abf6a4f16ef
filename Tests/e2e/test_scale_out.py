"""Scale-out on one machine (docs/scaling.md): two cohorta-fcgi pools ("hosts" A and B, each with its runners
and its cohorta-ws) behind one nginx, sharing one database (scale_stack.ScaleStack). Requests are served by
both pools; a write made through pool A reaches live clients of both cohorta-ws processes; runners of both
pools claim tasks; with host A killed outright, nginx sends everything to B and nothing fails.

No timing assertions: every wait is a generous deadline for something that must eventually happen."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from pathlib import Path

import pytest

import fcgi_client
from scale_stack import HOSTS, ScaleStack
from stack import REPO
from test_ws import Live

UPSTREAM = re.compile(r'"(\S+) (\S+) [^"]*" (\d{3}) .* up="([^"]*)"$')


@pytest.fixture(scope="module")
def scale():
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    running = ScaleStack(build_dir=build_dir).start()
    try:
        yield running
    finally:
        running.stop()
        running.remove_files()


def served(scale: ScaleStack, path: str) -> list[tuple[int, str]]:
    """(status, upstream) of every request for `path` in nginx's access log so far."""
    lines = scale.access_log.read_text().splitlines() if scale.access_log.exists() else []
    return [(int(match[3]), match[4]) for match in map(UPSTREAM.search, lines) if match and match[2] == path]


def eventually(condition, timeout: float = 60.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"not {what} within {timeout} s"
        time.sleep(0.2)
    return value


def generate_personas(scale: ScaleStack, token: str, via_pool: str | None = None) -> str:
    """Queues a persona-generation task (through nginx, or straight to one pool's socket); returns its id."""
    body = json.dumps({"brief": f"Cyclists commuting in winter ({time.time_ns()})", "count": 2}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if via_pool is None:
        response = scale.session().post(scale.url("/api/personas/generate"), data=body, headers=headers, timeout=30)
        status, answer = response.status_code, response.content
    else:
        status, _, answer = fcgi_client.request(str(scale.fcgi_socket(via_pool)), "POST", "/api/personas/generate",
                                                headers, body)
    assert status == 202, answer
    return json.loads(answer)["task_id"]


def task_status(scale: ScaleStack, token: str, task_id: str) -> str:
    response = scale.session().get(scale.url(f"/api/tasks/{task_id}"), headers={"Authorization": f"Bearer {token}"},
                                   timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["status"]


def test_requests_are_served_by_both_pools(scale):
    for _ in range(12):
        assert scale.session().get(scale.url("/api/health"), timeout=30).status_code == 200
    upstreams = {upstream for status, upstream in served(scale, "/api/health") if status == 200}
    for host in HOSTS:
        assert f"unix:{scale.fcgi_socket(host)}" in upstreams, f"pool {host} served no request: {upstreams}"


def test_a_write_through_pool_a_reaches_live_clients_of_both_ws_processes(scale):
    token, _ = scale.new_user()
    clients = {host: Live(f"ws://127.0.0.1:{scale.ws_ports[host]}/ws", token) for host in HOSTS}
    clients["nginx"] = Live(scale.ws_url, token)
    try:
        task_id = generate_personas(scale, token, via_pool="a")
        for where, live in clients.items():
            live.next(lambda frame: frame["type"] == "task.progress" and frame["task"]["id"] == task_id, 60,
                      f"the progress of a task queued through pool A, on cohorta-ws {where}")
    finally:
        for live in clients.values():
            live.close()


def test_tasks_are_claimed_by_runners_of_both_pools(scale):
    """While one host's runners are paused (SIGSTOP), a new task can only be claimed by the other's."""
    for host in HOSTS:
        other = scale.process(scale.name("runner", next(h for h in HOSTS if h != host)))
        token, _ = scale.new_user()
        os.killpg(other.pid, signal.SIGSTOP)
        try:
            task_id = generate_personas(scale, token)
            eventually(lambda: task_status(scale, token, task_id) in ("succeeded", "failed"), 120,
                       f"task {task_id} finished by host {host}'s runners")
        finally:
            os.killpg(other.pid, signal.SIGCONT)
        assert task_status(scale, token, task_id) == "succeeded"
        log = (scale.log_dir / f"{scale.name('runner', host)}.log").read_text(errors="replace")
        assert any(task_id in line and "task started" in line for line in log.splitlines()), \
            f"host {host}'s runner log does not show task {task_id} started"


def test_with_host_a_killed_the_api_and_live_rooms_go_on_through_host_b(scale):
    token, _ = scale.new_user()
    scale.kill_host("a")
    session = scale.session()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(10):
        assert session.get(scale.url("/api/auth/me"), headers=headers, timeout=30).status_code == 200
    email, password = scale.register()  # a POST: refused by A's dead socket before it was sent, so retried on B
    assert scale.login(email, password)
    with Live(scale.ws_url, token) as live:
        task_id = generate_personas(scale, token)
        live.next(lambda frame: frame["type"] == "task.progress" and frame["task"]["id"] == task_id, 60,
                  "task progress through the surviving cohorta-ws")
    assert not scale.server_errors, scale.server_errors
    after_kill = served(scale, "/api/auth/me")[-10:]
    assert all(status == 200 for status, _ in after_kill)
    assert all(upstream.endswith(f"unix:{scale.fcgi_socket('b')}") for _, upstream in after_kill), after_kill
