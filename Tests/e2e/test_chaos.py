"""Chaos under steady load (issue 8 part 4), the short variant of `python -m chaos` (chaos/): about 40 s of reads and
writes through nginx from four clients and an admin granting credits, with a FastCGI worker killed (SIGKILL)
every 1.5 s, nx-27017 stopped for 5 s and started again on its data files, then a focus-group run watched by
three WebSocket clients during which the runner's worker and then cohorta-ws are killed.

Passes when at most 0.5% of requests outside the database outage failed, every failure was a clean JSON
error answered in time, every operation succeeded on a safe retry, the API holds exactly what it acknowledged
(nothing lost, nothing applied twice), the run and a persona generation completed, and every WebSocket client
holds every stored turn exactly once. `make soak` runs the long variant.
"""
import os
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from stack import REPO

sys.path.insert(0, str(REPO))
from chaos.chaos_stack import ChaosStack  # noqa: E402
from chaos.run import problems, run  # noqa: E402


@pytest.fixture(scope="module")
def chaos_stack():
    """A stack of its own: its processes get killed and its database restarted."""
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    running = ChaosStack(build_dir).start()
    try:
        yield running
    finally:
        running.stop()
        running.remove_files()


def test_kills_and_a_database_restart_under_load_lose_and_repeat_nothing(chaos_stack):
    report = run(chaos_stack, seconds=40, clients=4, kill_interval=1.5, watchers=3, db_down_seconds=5, rounds=1)
    print(asdict(report))  # shown by pytest -s, and kept in the failure report
    assert report.worker_kills >= 5, report.worker_kills
    assert report.requests >= 1000, f"too little load to measure: {report.requests} requests"
    assert problems(report) == [], asdict(report)
    assert report.grants >= 20 and report.client_errors == []
    [round_report] = report.rounds
    assert (round_report.runner_kills, round_report.ws_kills) == (1, 1)
    assert round_report.run_attempts >= 2, "the killed runner's lease was reclaimed"
    assert round_report.generation_created == 2
    assert len(round_report.ws_reconnect_seconds) == 3 and round_report.turns > 0
