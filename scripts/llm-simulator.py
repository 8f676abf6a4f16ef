#!/usr/bin/env python3
"""Cohorta's local OpenAI-compatible LLM simulator (Python 3 standard library only).

Usage: llm-simulator.py [--port P] [--host 127.0.0.1] [--require-key K] [--log-file PATH]
                        [--latency-ms MS] [--chunk-delay-ms MS]

Endpoints: POST /v1/chat/completions (also /chat/completions and Azure's
/openai/deployments/<name>/chat/completions), GET /v1/models, GET /health.
Test hooks: POST /__faults {"faults": [...], "retry_after", "timeout_seconds", "chunk_delay_ms", "model"},
GET /__faults, DELETE /__faults, GET /__stats, DELETE /__stats. See scripts/llm_simulator/README.md.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_simulator.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
