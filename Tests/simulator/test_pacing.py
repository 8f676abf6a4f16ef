"""Plain-text answers stream at a small pace (20 ms per chunk by default) so live drafts are visible; JSON
answers are not paced; --text-pace-ms and $LLM_SIMULATOR_TEXT_PACE_MS change the pace."""

import subprocess
import sys
import time

from sim_helpers import SCRIPT, chat_body, profiles_body, sse_events


def timed_stream(simulator, body):
    """(content pieces, seconds the whole stream took)."""
    started = time.monotonic()
    response = simulator.chat({**body, "stream": True}, stream=True)
    assert response.status_code == 200
    events, done = sse_events(response)
    assert done
    pieces = [event["choices"][0]["delta"].get("content", "") for event in events if event["choices"]]
    return [piece for piece in pieces if piece], time.monotonic() - started


def test_a_plain_text_answer_streams_at_the_default_pace(simulator):
    pieces, seconds = timed_stream(simulator, chat_body("Tell me about your weekend shopping routine."))
    assert len(pieces) >= 5
    assert seconds >= (len(pieces) - 1) * 0.020 * 0.9


def test_a_json_answer_is_not_paced(start_simulator):
    paced = start_simulator("--text-pace-ms", "200")
    pieces, seconds = timed_stream(paced, profiles_body())
    assert len(pieces) >= 10
    assert seconds < (len(pieces) - 1) * 0.200 / 2


def test_the_pace_is_set_by_flag_or_environment(start_simulator):
    body = chat_body("What do you think of our new banking app?")
    unpaced = start_simulator("--text-pace-ms", "0", env={"LLM_SIMULATOR_TEXT_PACE_MS": "500"})
    pieces, seconds = timed_stream(unpaced, body)
    assert seconds < (len(pieces) - 1) * 0.500 / 2, "the flag wins over the environment"
    slow = start_simulator(env={"LLM_SIMULATOR_TEXT_PACE_MS": "60"})
    pieces, seconds = timed_stream(slow, body)
    assert seconds >= (len(pieces) - 1) * 0.060 * 0.9


def test_a_bad_pace_stops_startup():
    for args, env in ((["--text-pace-ms", "-1"], {}), ([], {"LLM_SIMULATOR_TEXT_PACE_MS": "fast"})):
        result = subprocess.run([sys.executable, str(SCRIPT), "--port", "0", *args], capture_output=True, text=True,
                                timeout=10, env={"PATH": "/usr/bin:/bin", **env})
        assert result.returncode == 2
        assert "pace" in result.stderr.lower() or "PACE" in result.stderr
