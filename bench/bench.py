#!/usr/bin/env python3
"""GET /api/auth/me with a bearer token through nginx → cohorta-fcgi, against nginx serving a static JSON file
of the same size, with wrk (2 threads, 64 connections, 10 s, --latency). Starts its own stack (Tests/e2e/stack.py,
release binaries from COHORTA_BUILD_DIR or .build/release) and prints a markdown table for docs/performance.md.
"""
import os
import platform
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "Tests" / "e2e"))
from stack import Stack  # noqa: E402

WRK = ["wrk", "-t2", "-c64", "-d10s", "--latency"]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)([a-z]+)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(url: str, headers: list[str]) -> dict:
    argv = list(WRK)
    for header in headers:
        argv += ["-H", header]
    output = subprocess.run(argv + [url], check=True, capture_output=True, text=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", output, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1)),
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def main() -> int:
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    with tempfile.TemporaryDirectory(prefix="cohorta-bench-web-") as web:
        stack = Stack(build_dir=build_dir, web_root=Path(web)).start()
        try:
            token, _ = stack.new_user()
            me = stack.session().get(stack.url("/api/auth/me"), headers={"Authorization": f"Bearer {token}"})
            me.raise_for_status()
            (Path(web) / "static.json").write_bytes(me.content)  # same bytes as the API's answer
            results = [
                ("`GET /api/auth/me` (nginx → FastCGI → Mongo)",
                 run_wrk(stack.url("/api/auth/me"), [f"Authorization: Bearer {token}"])),
                ("`GET /static.json` (nginx static file)", run_wrk(stack.url("/static.json"), [])),
            ]
            settings = {key: value for key, value in stack.env.items() if key in ("COHORTA_FCGI_WORKERS", "COHORTA_FCGI_THREADS")}
        finally:
            stack.stop()
            stack.remove_files()

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit or '?'}, "
          f"{os.cpu_count()} CPUs, {platform.platform()}; `{' '.join(WRK)}`; "
          f"workers {settings['COHORTA_FCGI_WORKERS']} × threads {settings['COHORTA_FCGI_THREADS']}, "
          "nx-27017 in memory, release build.\n")
    print("| Endpoint | req/s | p50 (ms) | p99 (ms) | non-2xx | socket errors |")
    print("|---|---:|---:|---:|---:|---|")
    for name, result in results:
        print(f"| {name} | {result['rps']:,.0f} | {result['p50']:.2f} | {result['p99']:.2f} | "
              f"{result['errors']} | {result['socket_errors']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
