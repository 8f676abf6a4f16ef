"""Replays are byte-identical; streaming carries the same content as a plain answer; usage is reported."""

import json
import math

import requests

from sim_helpers import chat_body, profiles_body, sse_events


def test_a_replayed_request_is_byte_identical(simulator):
    for body in (profiles_body(), chat_body("How do you feel about electric cars?")):
        first = simulator.chat(body)
        second = simulator.chat(body)
        assert first.status_code == 200
        assert first.content == second.content


def test_key_order_in_the_body_does_not_change_the_answer(simulator):
    body = chat_body("How do you feel about electric cars?", temperature=0.3)
    reordered = dict(reversed(list(body.items())))
    assert simulator.chat(body).content == simulator.chat(reordered).content


def test_a_different_seed_gives_a_different_answer(simulator):
    first = simulator.content(profiles_body(seed=1))
    second = simulator.content(profiles_body(seed=2))
    assert first != second


def stream(simulator, body, include_usage=True):
    options = {"stream": True, "stream_options": {"include_usage": include_usage}}
    response = simulator.chat({**body, **options}, stream=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    return sse_events(response)


def test_streamed_chunks_assemble_to_the_non_streamed_content(simulator):
    for body in (profiles_body(), chat_body("What do you think of our new banking app?")):
        events, done = stream(simulator, body)
        assert done
        text = "".join(event["choices"][0]["delta"].get("content", "") for event in events if event["choices"])
        plain = simulator.chat(body).json()
        assert text == plain["choices"][0]["message"]["content"]
        assert events[-1]["usage"] == plain["usage"]


def test_a_stream_sends_a_few_words_per_chunk_and_finishes(simulator):
    events, _ = stream(simulator, chat_body("Tell me about your weekend shopping routine."), include_usage=False)
    pieces = [event["choices"][0]["delta"].get("content", "") for event in events]
    assert events[0]["choices"][0]["delta"]["role"] == "assistant"
    assert len([piece for piece in pieces if piece]) >= 5
    assert all(len(piece.split()) <= 3 for piece in pieces)
    assert events[-1]["choices"][0]["finish_reason"] == "stop"
    assert all("usage" not in event for event in events)
    assert all(event["object"] == "chat.completion.chunk" for event in events)


def test_usage_counts_about_four_characters_per_token(simulator):
    body = chat_body("Would you pay for a premium tier?")
    answer = simulator.chat(body).json()
    prompt_chars = sum(len(message["content"]) for message in body["messages"])
    content = answer["choices"][0]["message"]["content"]
    usage = answer["usage"]
    assert usage["prompt_tokens"] == math.ceil(prompt_chars / 4)
    assert usage["completion_tokens"] == math.ceil(len(content) / 4)
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_max_tokens_cuts_a_conversational_answer(simulator):
    answer = simulator.chat(chat_body("Describe your ideal holiday in detail.", max_tokens=5)).json()
    assert answer["choices"][0]["finish_reason"] == "length"
    assert answer["usage"]["completion_tokens"] <= 5


def test_stats_count_completions_by_model(simulator):
    before = simulator.stats()
    simulator.chat(chat_body("Hi"))
    simulator.chat({**chat_body("Hi"), "model": "cohorta-sim-mini"})
    after = simulator.stats()
    assert after["completions"] == before["completions"] + 2
    for model in ("cohorta-sim-main", "cohorta-sim-mini"):
        assert after["by_model"].get(model, 0) == before["by_model"].get(model, 0) + 1
    assert after["prompt_tokens"] > before["prompt_tokens"]


def test_models_and_health_are_listed(simulator):
    models = requests.get(simulator.url("/v1/models"), timeout=5).json()
    assert {"cohorta-sim-main", "cohorta-sim-mini"} <= {model["id"] for model in models["data"]}
    assert requests.get(simulator.url("/health"), timeout=5).json()["status"] == "ok"


def test_bad_requests_get_openai_style_errors(simulator):
    broken = requests.post(simulator.url("/v1/chat/completions"), data="{not json", timeout=5)
    assert broken.status_code == 400 and broken.json()["error"]["code"] == "invalid_json"
    empty = simulator.chat({"model": "cohorta-sim-main", "messages": []})
    assert empty.status_code == 400 and "messages" in empty.json()["error"]["message"]
    assert requests.get(simulator.url("/nope"), timeout=5).status_code == 404


def test_the_azure_deployment_path_is_served(simulator):
    body = chat_body("Hello")
    del body["model"]
    response = requests.post(simulator.url("/openai/deployments/cohorta-sim-mini/chat/completions"),
                             params={"api-version": "2024-10-21"}, headers={"api-key": "x"},
                             data=json.dumps(body), timeout=5)
    assert response.status_code == 200
    assert response.json()["model"] == "cohorta-sim-mini"
