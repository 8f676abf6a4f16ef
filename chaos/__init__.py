"""Chaos under steady load against the real stack (issue 8 part 4; results in docs/reliability.md "Chaos").

A few client threads read and write through nginx (GET /api/auth/me, GET /api/personas, folder create →
rename → delete, persona edits, admin credit grants under an Idempotency-Key) and record every request, while
the director breaks things:

- a FastCGI worker gets SIGKILL every KILL_INTERVAL seconds (only while both run: a crash, not an outage);
- each round watches a focus-group run live from several WebSocket clients while a persona generation runs,
  and mid-run restarts nx-27017 on the same port with the same data files (SIGTERM, down a few seconds, start
  again), then kills the runner's worker (SIGKILL; its leases expire and are reclaimed), then cohorta-ws
  (SIGKILL, restarted; every client reconnects and joins again after the last seq it saw).

Clients retry safely: reads and idempotent writes (PATCH to a value, DELETE) until they succeed; a folder
create that failed is retried only after re-reading the folders shows it was not applied; credit grants repeat
with the same Idempotency-Key. At the end the API's state must equal what the clients were told (nothing
acknowledged lost, nothing applied twice) and every WebSocket client must hold each stored turn exactly once.

usage (from the repository's root, after `swift build -c release`; COHORTA_BUILD_DIR overrides .build/release):
  .venv/bin/python -m chaos [--seconds 600] [--clients 4] [--kill-interval 1.5] [--db-down-seconds 3] [--json FILE]
Tests/e2e/test_chaos.py runs a short variant, `make soak` a long one.

Modules: requests_log (every request and its answer), chaos_stack (the stack with a restartable database),
load (the client threads), breakers (the kills, the restart and the watched run), run (one run and its report),
__main__ (the command line).
"""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The e2e suite's Stack, Researcher and Live are reused as they are.
if str(REPO / "Tests" / "e2e") not in sys.path:
    sys.path.insert(0, str(REPO / "Tests" / "e2e"))

