#!/usr/bin/env python3
"""scripts/llm-simulator.py that also appends each chat-completion request body (one JSON line) to a file.

Usage: recording_simulator.py RECORD.jsonl [llm-simulator flags…]. Used by bench/llm_overhead.py to replay
exactly the bodies the gateway sent. The recording happens after the body is parsed, the same for every client.
"""
import json
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from llm_simulator import server  # noqa: E402

record_path = sys.argv.pop(1)
record_lock = threading.Lock()
original_completion = server.Handler._completion


def recording_completion(self, body, deployment):
    with record_lock, open(record_path, "a", encoding="utf-8") as record:
        record.write(json.dumps(body) + "\n")
    return original_completion(self, body, deployment)


server.Handler._completion = recording_completion

if __name__ == "__main__":
    sys.exit(server.main())
