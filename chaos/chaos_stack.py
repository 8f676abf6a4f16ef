"""The e2e Stack with a database that survives a restart."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from stack import Stack, _accepts_tcp, free_port

class ChaosStack(Stack):
    """`Stack` whose nx-27017 keeps its data in files (--data-dir), so `restart_mongo` can stop it and start it
    again on the same port with the same data, as a database restart in production."""

    def __init__(self, build_dir: Path):
        super().__init__(build_dir=build_dir)
        self._mongo_port = 0

    def _start_mongo(self) -> None:
        if not self._mongo_port:
            self._mongo_port = free_port()
            self.mongo_uri = (f"mongodb://127.0.0.1:{self._mongo_port}/?directConnection=true"
                              "&serverSelectionTimeoutMS=3000")
        data = self._dir / "mongo-data"
        data.mkdir(exist_ok=True)
        nx = os.environ.get("COHORTA_NX27017") or str(Path(sys.executable).parent / "nx-27017")
        self._launch("mongo", [nx, "--data-dir", str(data), "-p", str(self._mongo_port), "--log-file", os.devnull,
                               "--pid-file", str(self._dir / "nx-27017.pid")])
        self._wait_until("mongo", lambda: _accepts_tcp(self._mongo_port), f"port {self._mongo_port}")

    def restart_mongo(self, down_seconds: float = 0.0) -> None:
        """SIGTERM to nx-27017, `down_seconds` without a database, then the same server again."""
        self._stop_process("mongo", signal.SIGTERM)
        time.sleep(down_seconds)
        self._start_mongo()

    def children(self, name: str) -> list[int]:
        """The worker processes of a supervisor (`fcgi` or `runner`)."""
        pid = self.process(name).pid
        try:
            return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []


