#!/usr/bin/env python3
"""Runs the scale-out topology of docs/scaling.md until SIGTERM or SIGINT (scripts/scale-demo.sh starts
and stops it): nx-27017 in memory, two cohorta-fcgi pools each with its runners and a cohorta-ws, one
nginx in front (Tests/e2e/scale_stack.py, the same class the scale-out test runs). Writes what it runs to
the file given as its argument once nginx answers, then waits."""

import os
import signal
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "Tests" / "e2e"))

from scale_stack import HOSTS, ScaleStack  # noqa: E402


def main() -> int:
    info = Path(sys.argv[1])
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    stack = ScaleStack(build_dir=build_dir).start()
    try:
        lines = [f"url={stack.base_url}/", f"ws={stack.ws_url}", f"logs={stack.log_dir}",
                 f"mongo={stack.mongo_uri}"]
        for host in HOSTS:
            lines.append(f"host {host}: pool {stack.fcgi_socket(host)}, cohorta-ws {stack.ws_socket(host)} "
                         f"(direct: ws://127.0.0.1:{stack.ws_ports[host]}/ws), pids fcgi "
                         f"{stack.process(stack.name('fcgi', host)).pid} runner "
                         f"{stack.process(stack.name('runner', host)).pid} ws "
                         f"{stack.process(stack.name('ws', host)).pid}")
        info.write_text("\n".join(lines) + "\n")
        while not stopping.wait(1):
            pass
    finally:
        stack.stop()
        stack.remove_files()
    return 0


if __name__ == "__main__":
    sys.exit(main())
