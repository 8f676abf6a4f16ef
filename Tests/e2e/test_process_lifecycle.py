"""The FastCGI pool's life through real signals: a crashed worker is replaced, SIGHUP swaps the workers
without dropping requests, SIGTERM lets an in-flight request finish, and a bad setting stops startup with
exit code 78 naming the setting.

These tests kill and signal processes, so they run on a stack of their own, not the shared session stack.
"""

import concurrent.futures
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from stack import REPO, Stack, expect_error, new_password, unique_email


@pytest.fixture(scope="module")
def own_stack():
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    running = Stack(build_dir=build_dir).start()
    try:
        yield running
    finally:
        running.stop()
        running.remove_files()


def supervisor(stack: Stack) -> subprocess.Popen:
    return stack.process("fcgi")


def worker_pids(stack: Stack) -> set[int]:
    children = Path(f"/proc/{supervisor(stack).pid}/task/{supervisor(stack).pid}/children").read_text().split()
    return {int(pid) for pid in children}


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def health(stack: Stack) -> int:
    return stack.session().get(stack.url("/api/health"), timeout=5).status_code


def test_a_killed_worker_is_replaced_and_the_api_keeps_answering(own_stack):
    before = worker_pids(own_stack)
    assert len(before) == 2
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    assert wait_until(lambda: len(worker_pids(own_stack)) == 2 and victim not in worker_pids(own_stack))
    assert all(health(own_stack) == 200 for _ in range(20))


def test_sighup_replaces_every_worker_without_failing_requests(own_stack):
    before = worker_pids(own_stack)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        pending = [pool.submit(health, own_stack) for _ in range(40)]
        supervisor(own_stack).send_signal(signal.SIGHUP)
        pending += [pool.submit(health, own_stack) for _ in range(40)]
        statuses = [future.result() for future in pending]
    assert wait_until(lambda: len(worker_pids(own_stack)) == 2 and not (worker_pids(own_stack) & before))
    assert statuses.count(200) == len(statuses), sorted(set(statuses))


def test_bad_json_after_a_reload_is_still_a_clean_400(own_stack):
    response = own_stack.session().post(own_stack.url("/api/auth/login"), data=b"{",
                                        headers={"Content-Type": "application/json"})
    expect_error(response, 400, "invalid_json")


def test_sigterm_lets_an_in_flight_request_finish_then_exits_cleanly(own_stack):
    # A registration spends ~200 ms in bcrypt: long enough to be in flight when the stop arrives.
    email = unique_email()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        in_flight = pool.submit(lambda: own_stack.session().post(
            own_stack.url("/api/auth/register"), json={"email": email, "password": new_password()}, timeout=10))
        time.sleep(0.05)
        supervisor(own_stack).send_signal(signal.SIGTERM)
        assert in_flight.result().status_code == 201
    assert supervisor(own_stack).wait(timeout=15) == 0


def test_a_weak_secret_stops_startup_with_exit_78_naming_the_setting():
    binary = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve() / "cohorta-fcgi"
    env = {key: value for key, value in os.environ.items() if not key.startswith("COHORTA_")}
    env.update({"COHORTA_JWT_SECRET": "changeme", "COHORTA_MONGO_URI": "mongodb://127.0.0.1:1/"})
    result = subprocess.run([str(binary), "serve"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 78
    assert "COHORTA_JWT_SECRET" in result.stderr
