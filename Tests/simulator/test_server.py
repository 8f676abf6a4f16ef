"""Auth, vision input, in-character answers, logging and shutdown."""

import base64
import json
import signal
import struct
import threading
import time
import zlib

import requests

from sim_helpers import chat_body


def test_any_key_is_accepted_without_require_key(simulator):
    assert simulator.chat(chat_body("Hi"), headers={"Authorization": "Bearer anything"}).status_code == 200
    assert simulator.chat(chat_body("Hi"), headers={"api-key": "anything"}).status_code == 200


def test_require_key_refuses_other_keys(start_simulator):
    guarded = start_simulator("--require-key", "sekrit")
    refused = guarded.chat(chat_body("Hi"), headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_api_key"
    assert guarded.chat(chat_body("Hi")).status_code == 401
    assert guarded.chat(chat_body("Hi"), headers={"Authorization": "Bearer sekrit"}).status_code == 200
    assert guarded.chat(chat_body("Hi"), headers={"api-key": "sekrit"}).status_code == 200
    assert requests.get(guarded.url("/health"), timeout=5).status_code == 200


def png(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_vision_content_parts_are_described(simulator):
    url = "data:image/png;base64," + base64.b64encode(png(64, 48)).decode()
    body = {"model": "cohorta-sim-main", "messages": [
        {"role": "system", "content": "Describe stimulus images for a focus group."},
        {"role": "user", "content": [{"type": "text", "text": "Describe this image."},
                                     {"type": "image_url", "image_url": {"url": url, "detail": "low"}}]}]}
    answer = simulator.chat(body).json()
    content = answer["choices"][0]["message"]["content"]
    assert "image" in content and "64×48" in content
    assert answer["usage"]["prompt_tokens"] >= 85


def test_a_persona_answers_in_character(simulator):
    content = simulator.content(chat_body("What do you think about meal-kit subscriptions for busy families?"))
    assert 40 < len(content) < 600
    assert "meal-kit subscriptions" in content.lower()
    assert "lorem" not in content.lower()


def test_a_moderator_asks_a_question(simulator):
    body = chat_body("Maria: I find it too expensive.\nTom: I like the convenience.",
                     system="You are the moderator of a focus group about meal kits.")
    assert simulator.content(body).rstrip().endswith("?")


def test_one_log_line_per_request_goes_to_the_log_file(start_simulator, tmp_path):
    log = tmp_path / "sim.log"
    running = start_simulator(log_file=log)
    running.chat(chat_body("Hi"))
    running.chat(chat_body("Hi"), headers={"Authorization": "Bearer x"})
    code, stderr = running.stop()
    assert code == 0
    lines = [line for line in log.read_text().splitlines() if "/v1/chat/completions" in line]
    assert len(lines) == 2
    assert all("status=200" in line and "model=cohorta-sim-main" in line for line in lines)
    assert stderr.count("/v1/chat/completions") == 2


def test_sigterm_stops_promptly_even_during_a_timeout_fault(start_simulator):
    running = start_simulator()
    running.inject("timeout", timeout_seconds=60)
    threading.Thread(target=lambda: _quietly(lambda: running.chat(chat_body("Hi"), timeout=30)), daemon=True).start()
    time.sleep(0.3)
    started = time.monotonic()
    code, _ = running.stop(signal.SIGTERM)
    assert code == 0
    assert time.monotonic() - started < 3


def test_sigint_stops_cleanly(start_simulator):
    code, _ = start_simulator().stop(signal.SIGINT)
    assert code == 0


def _quietly(action):
    try:
        action()
    except requests.RequestException:
        pass


def test_latency_options_slow_every_answer_for_benchmarks(start_simulator):
    running = start_simulator("--latency-ms", "300", "--chunk-delay-ms", "50")
    started = time.monotonic()
    assert running.chat(chat_body("Hi")).status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    response = running.chat({**chat_body("Tell me about your morning routine."), "stream": True}, stream=True)
    chunks = sum(1 for line in response.iter_lines(decode_unicode=True) if line.startswith("data: "))
    assert time.monotonic() - started >= 0.3 + 0.05 * (chunks - 3)


def test_a_persona_profile_in_the_system_prompt_is_played(simulator):
    profile = {"name": "Chinedu Okafor", "age": 38, "occupation": "Pharmacist", "attitude": "price-conscious"}
    body = chat_body("Would you pay monthly for a car instead of buying one?",
                     system=f"You are playing a focus-group participant. Stay in character.\n{json.dumps(profile)}")
    answers = [simulator.content({**body, "seed": seed}) for seed in range(6)]
    assert any("price" in answer.lower() or "budget" in answer.lower() or "cost" in answer.lower()
               for answer in answers)
    assert len(set(answers)) == len(answers)
