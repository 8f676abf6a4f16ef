"""Fault injection: each kind, one per request, targeted by model, cleared on DELETE."""

import json
import time

import pytest
import requests

from sim_helpers import PROFILE_SCHEMA, chat_body, profiles_body, sse_events, violations


def test_429_carries_retry_after_and_is_consumed_once(simulator):
    simulator.inject("429", retry_after=2)
    limited = simulator.chat(chat_body("Hi"))
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "2"
    assert limited.json()["error"]["type"] == "rate_limit_error"
    assert simulator.chat(chat_body("Hi")).status_code == 200


def test_500_answers_a_json_error(simulator):
    simulator.inject("500")
    failed = simulator.chat(chat_body("Hi"))
    assert failed.status_code == 500
    assert failed.json()["error"]["type"] == "server_error"


def test_faults_are_consumed_in_order(simulator):
    simulator.inject("429", "500")
    assert [simulator.chat(chat_body("Hi")).status_code for _ in range(3)] == [429, 500, 200]


def test_a_timeout_outlasts_the_client_timeout(simulator):
    simulator.inject("timeout", timeout_seconds=3)
    started = time.monotonic()
    with pytest.raises(requests.Timeout):
        simulator.chat(chat_body("Hi"), timeout=0.5)
    assert time.monotonic() - started < 2
    assert simulator.chat(chat_body("Hi"), timeout=5).status_code == 200


def test_malformed_json_does_not_parse(simulator):
    simulator.inject("malformed_json")
    content = simulator.content(profiles_body())
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)
    json.loads(simulator.content(profiles_body()))


def test_invalid_schema_is_valid_json_that_breaks_the_schema(simulator):
    simulator.inject("invalid_schema")
    value = json.loads(simulator.content(profiles_body()))
    assert violations(value, PROFILE_SCHEMA) != []


def test_slow_stream_spaces_chunks_300_ms_apart(simulator):
    simulator.inject("slow_stream")
    body = {**chat_body("Short answer please."), "stream": True}
    response = simulator.chat(body, stream=True)
    arrivals = []
    for line in response.iter_lines(decode_unicode=True):
        if line.startswith("data: "):
            arrivals.append(time.monotonic())
    gaps = [later - earlier for earlier, later in zip(arrivals[1:-1], arrivals[2:-1])]
    assert len(gaps) >= 3
    assert min(gaps) >= 0.25


def test_a_stream_can_be_rate_limited_before_it_starts(simulator):
    simulator.inject("429")
    response = simulator.chat({**chat_body("Hi"), "stream": True}, stream=True)
    assert response.status_code == 429
    events, done = sse_events(simulator.chat({**chat_body("Hi"), "stream": True}, stream=True))
    assert done and events


def test_faults_target_a_model(simulator):
    simulator.inject("500", "500", model="cohorta-sim-mini")
    main = chat_body("Hi")
    mini = {**main, "model": "cohorta-sim-mini"}
    assert simulator.chat(main).status_code == 200
    assert simulator.chat(mini).status_code == 500
    assert simulator.chat(main).status_code == 200
    assert simulator.chat(mini).status_code == 500
    assert simulator.chat(mini).status_code == 200


def test_delete_clears_pending_faults(simulator):
    simulator.inject("500", "429")
    assert len(simulator.stats()["pending_faults"]) == 2
    requests.delete(simulator.url("/__faults"), timeout=5)
    assert simulator.stats()["pending_faults"] == []
    assert simulator.chat(chat_body("Hi")).status_code == 200


def test_faulted_requests_are_counted(simulator):
    before = simulator.stats()
    simulator.inject("500")
    simulator.chat(chat_body("Hi"))
    after = simulator.stats()
    assert after["completions"] == before["completions"] + 1
    assert after["faults_served"].get("500", 0) == before["faults_served"].get("500", 0) + 1


def test_unknown_fault_kinds_are_refused(simulator):
    response = requests.post(simulator.url("/__faults"), json={"faults": ["explode"]}, timeout=5)
    assert response.status_code == 400
    assert simulator.stats()["pending_faults"] == []
