"""Fixtures for the simulator's own tests (pytest Tests/simulator): no other part of the stack is needed.

`simulator` (session scope) runs scripts/llm-simulator.py on a free loopback port and stops it with SIGTERM
after, checking it exits cleanly. Faults are cleared before every test. `start_simulator(*args, env=…)` starts
an extra instance (for example with --require-key, or extra environment variables) that is stopped when the
test ends.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from sim_helpers import SCRIPT


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Simulator:
    """A running simulator process and small helpers to talk to it."""

    def __init__(self, *args, log_file=None, env=None):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, str(SCRIPT), "--port", str(self.port), *args]
        if log_file:
            command += ["--log-file", str(log_file)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                        env={**os.environ, **env} if env else None)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"simulator exited with {self.process.returncode}: {self.process.stderr.read()}")
            try:
                if requests.get(self.base_url + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("simulator did not answer /health in time")

    def stop(self, sig=signal.SIGTERM):
        """Stops the process; returns (exit code, stderr text)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            _, stderr = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, stderr = self.process.communicate()
        return self.process.returncode, stderr

    def url(self, path):
        return self.base_url + path

    def chat(self, body, **kwargs):
        """POSTs a chat completion; returns the requests.Response."""
        kwargs.setdefault("timeout", 30)
        return requests.post(self.url("/v1/chat/completions"), data=json.dumps(body), **kwargs)

    def content(self, body):
        response = self.chat(body)
        assert response.status_code == 200, response.text
        return response.json()["choices"][0]["message"]["content"]

    def inject(self, *faults, **options):
        response = requests.post(self.url("/__faults"), json={"faults": list(faults), **options}, timeout=5)
        assert response.status_code == 200, response.text
        return response.json()

    def stats(self):
        return requests.get(self.url("/__stats"), timeout=5).json()


@pytest.fixture(scope="session")
def simulator():
    running = Simulator()
    yield running
    code, stderr = running.stop()
    assert code == 0, f"simulator exited with {code} on SIGTERM:\n{stderr[-2000:]}"


@pytest.fixture(autouse=True)
def clear_faults(request):
    if "simulator" in request.fixturenames:
        requests.delete(request.getfixturevalue("simulator").url("/__faults"), timeout=5)
    yield


@pytest.fixture
def start_simulator():
    started = []

    def start(*args, **kwargs):
        running = Simulator(*args, **kwargs)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
