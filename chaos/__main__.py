"""The command line: starts a ChaosStack, runs, prints the JSON report; exit 1 when the run failed."""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from . import REPO, __doc__ as OVERVIEW
from .chaos_stack import ChaosStack
from .run import problems, run


def main() -> int:
    parser = argparse.ArgumentParser(description=OVERVIEW, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600, help="how long the load runs (at least one round)")
    parser.add_argument("--clients", type=int, default=4, help="load client threads")
    parser.add_argument("--kill-interval", type=float, default=1.5, help="seconds between FastCGI worker kills")
    parser.add_argument("--watchers", type=int, default=3, help="WebSocket clients in the watched room")
    parser.add_argument("--db-down-seconds", type=float, default=3.0, help="nx-27017 stays stopped this long")
    parser.add_argument("--rounds", type=int, help="exactly this many rounds (default: as many as fit)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    build_dir = Path(os.environ.get("COHORTA_BUILD_DIR") or REPO / ".build" / "release").resolve()
    stack = ChaosStack(build_dir).start()
    try:
        report = run(stack, args.seconds, args.clients, args.kill_interval, args.watchers, seed=args.seed,
                     db_down_seconds=args.db_down_seconds, rounds=args.rounds)
    except BaseException:
        print(stack.log_tails(), file=sys.stderr)
        raise
    finally:
        stack.stop()
    text = json.dumps(asdict(report), indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    found = problems(report)
    for problem in found:
        print(f"FAILED: {problem}", file=sys.stderr)
    if not found:
        stack.remove_files()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
