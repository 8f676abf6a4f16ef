"""`BenchStack`: Tests/e2e/stack.py's `Stack` with knobs for the LLM benchmarks, without changing the test stack.

- `simulator_args`: extra flags for scripts/llm-simulator.py (e.g. ["--latency-ms", "800", "--chunk-delay-ms", "20"]).
- `record_to`: a JSONL file; when set the simulator is started through bench/recording_simulator.py, which appends
  every chat-completion request body it receives (so a direct client can send exactly what the gateway sent).
- `env_overrides`: COHORTA_* settings on top of the test stack's (e.g. COHORTA_RUNNER_THREADS, COHORTA_LOG_LEVEL).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "Tests" / "e2e"))
from stack import Stack, _accepts_tcp, free_port  # noqa: E402

BENCH = Path(__file__).resolve().parent


class BenchStack(Stack):
    def __init__(self, build_dir: Path, simulator_args: list[str] | None = None, record_to: Path | None = None,
                 env_overrides: dict[str, str] | None = None):
        super().__init__(build_dir=build_dir)
        self.simulator_args = simulator_args or []
        self.record_to = record_to
        self.env_overrides = env_overrides or {}

    @property
    def env(self) -> dict[str, str]:
        env = super().env
        env.update(self.env_overrides)
        return env

    def _start_simulator(self) -> None:
        port = free_port()
        self.simulator_url = f"http://127.0.0.1:{port}"
        argv = [sys.executable, str(REPO / "scripts" / "llm-simulator.py"), "--port", str(port), *self.simulator_args]
        if self.record_to is not None:
            argv = [sys.executable, str(BENCH / "recording_simulator.py"), str(self.record_to), *argv[2:]]
        self._launch("llm", argv)
        self._wait_until("llm", lambda: _accepts_tcp(port), f"port {port}")

    def runner_worker_pid(self) -> int:
        """The runner supervisor's (single) worker process."""
        supervisor = self.process("runner").pid
        children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
        if not children:
            raise RuntimeError("the runner supervisor has no worker process")
        return int(children[0])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def build_dir() -> Path:
    return Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
