"""Focus group sessions on the real stack (nginx, FastCGI pool, runner, LLM simulator): the preflight estimate,
a full run of 6 personas over a 3-section guide (messages in seq order, everyone heard, polls with intervals,
themes quoting at least two personas, a report, 40 credits), the 402 with nothing spent, pause with no model
calls while paused, an interjection and an @mention honoured at once, take-over and hand-back, the USD cap's
partial report, a replay at zero tokens, a fork sharing its prefix, a runner killed mid-run, and another user
locked out. docs/openapi.yaml is the specification."""

import os
import signal
import time
import uuid
from pathlib import Path

import pytest
import requests

from pricing import prices_in_force
from stack import expect_error

MAIN_MODEL = "cohorta-sim-main"
PEOPLE = [("Maya Chen", 34, "female", "ICU nurse", "enthusiast"),
          ("Tom Berger", 58, "male", "Retired teacher", "skeptic"),
          ("Ana Ruiz", 41, "female", "Chef", "pragmatist"),
          ("Sam Okafor", 29, "male", "Software tester", "neutral"),
          ("Lea Novak", 46, "female", "Bus driver", "resistant"),
          ("Omar Haddad", 37, "male", "Pharmacist", "enthusiast")]
ENDED = ("finished", "failed", "cancelled")


def poll(kind: str, options: list[str]) -> dict:
    return {"kind": kind, "question": "Where do you stand?", "options": options, "samples": 2}


def section(title: str, poll_body: dict | None) -> dict:
    return {"title": title, "goal": f"Understand {title.lower()}.", "minutes": 10, "turn_budget": 6,
            "questions": [{"text": f"What comes to mind about {title.lower()}?", "probes": ["Why is that?"]},
                          {"text": f"What would change your mind about {title.lower()}?", "probes": []}],
            "poll": poll_body}


GUIDE = {"introduction": "Welcome, and thanks for joining. There are no wrong answers.",
         "sections": [section("Weekday dinners", poll("likert", ["Never", "Rarely", "Sometimes", "Often", "Always"])),
                      section("The meal-kit concept", poll("choice", ["Weekly box", "Monthly box", "Neither"])),
                      section("Price and value", poll("ranking", ["Price", "Time saved", "Variety"]))],
         "closing": "Thank you all for your time."}


class Researcher:
    """A signed-in user with six personas and a focus group that has a fixed 3-section guide."""

    def __init__(self, stack, max_turns: int = 40, usd_cap: str = "2.00"):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.personas = [self.persona(*person) for person in PEOPLE]
        body = {"name": "Meal-kit concept test", "participant_ids": self.personas,
                # Unique: an identical group elsewhere in the suite would be replayed from llm_calls.
                "objective": f"Learn what would make busy parents try meal kits ({uuid.uuid4().hex[:8]}).",
                "audience": "Parents of children under 10",
                "stimuli": [{"kind": "concept", "title": "Concept A",
                             "text": "A weekly box of fresh ingredients and recipes, delivered on Sundays."}],
                "settings": {"max_turns": max_turns, "usd_cap": usd_cap}}
        created = self.request("POST", "/api/focus-groups", json=body)
        assert created.status_code == 201, created.text
        self.group = created.json()["id"]
        patched = self.request("PATCH", f"/api/focus-groups/{self.group}", json={"guide": GUIDE})
        assert patched.status_code == 200, patched.text

    def request(self, method: str, path: str, **kwargs):
        return self.http.request(method, self.stack.url(path), timeout=10, **kwargs)

    def persona(self, name, age, gender, occupation, attitude) -> str:
        body = {"name": name, "age": age, "gender": gender, "location": "Leeds", "occupation": occupation,
                "income_band": "middle", "attitude": attitude, "bio": f"{name} cooks most weekday evenings."}
        response = self.request("POST", "/api/personas", json=body)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def start(self) -> dict:
        response = self.request("POST", f"/api/focus-groups/{self.group}/sessions")
        assert response.status_code == 202, response.text
        return response.json()["session"]

    def session(self, session_id: str) -> dict:
        response = self.request("GET", f"/api/sessions/{session_id}")
        assert response.status_code == 200, response.text
        return response.json()

    def messages(self, session_id: str) -> list[dict]:
        items, after = [], 0
        while True:
            response = self.request("GET", f"/api/sessions/{session_id}/messages",
                                    params={"after_seq": after, "limit": 50})
            assert response.status_code == 200, response.text
            page = response.json()["items"]
            items += page
            if len(page) < 50:
                return items
            after = page[-1]["seq"]

    def command(self, session_id: str, kind: str, **body) -> dict:
        response = self.request("POST", f"/api/sessions/{session_id}/commands", json={"kind": kind, **body})
        assert response.status_code == 202, response.text
        return response.json()

    def wait(self, session_id: str, until, timeout: float = 120, what: str = "") -> dict:
        deadline = time.monotonic() + timeout
        while True:
            session = self.session(session_id)
            if until(session):
                return session
            assert time.monotonic() < deadline, f"the session never {what}: {session['status']} {session['progress']}"
            time.sleep(0.2)

    def finished(self, session_id: str, timeout: float = 120) -> dict:
        return self.wait(session_id, lambda s: s["status"] in ENDED, timeout, "ended")

    def wait_for_messages(self, session_id: str, count: int, timeout: float = 60) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages(session_id)
            if len(messages) >= count:
                return messages
            assert time.monotonic() < deadline, f"only {len(messages)} messages arrived"
            time.sleep(0.2)

    def balance(self) -> int:
        return self.request("GET", "/api/credits").json()["balance"]


@pytest.fixture
def simulator(stack):
    url = stack.simulator_url
    requests.delete(f"{url}/__faults", timeout=5)
    yield url
    requests.delete(f"{url}/__faults", timeout=5)


def slow_down(simulator: str, turns: int = 40, chunk_delay_ms: int = 60) -> None:
    """The next `turns` main-tier answers stream slowly, so commands land mid-run."""
    response = requests.post(f"{simulator}/__faults", timeout=5, json={
        "faults": [{"kind": "slow_stream", "chunk_delay_ms": chunk_delay_ms}] * turns, "model": MAIN_MODEL})
    assert response.status_code in (200, 201, 204), response.text


def completions(simulator: str) -> int:
    return requests.get(f"{simulator}/__stats", timeout=5).json()["completions"]


def assert_transcript_is_whole(messages: list[dict]) -> None:
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1)), "seqs are 1…n, no gap or repeat"
    texts = [m["text"] for m in messages if m["speaker"].startswith("persona:")]
    assert len(texts) == len(set(texts)), "a participant turn was stored twice"


def test_a_full_run_follows_the_guide_and_ends_in_a_report_backed_by_quotes(stack, simulator):
    ada = Researcher(stack)
    estimate = ada.request("GET", f"/api/focus-groups/{ada.group}/sessions/estimate")
    assert estimate.status_code == 200, estimate.text
    assert estimate.json()["credits"] == 40 and estimate.json()["calls"]["poll_answer"] == 3 * 2 * 6

    session = ada.start()
    assert session["status"] in ("queued", "running") and session["cost"]["credits_charged"] == 40
    done = ada.finished(session["id"])
    assert done["status"] == "finished" and done["end_reason"] == "completed", done
    messages = ada.messages(session["id"])
    assert_transcript_is_whole(messages)
    assert messages[0]["speaker"] == "moderator" and messages[-1]["speaker"] == "moderator"
    speakers = {m["persona_id"] for m in messages if m["persona_id"]}
    assert speakers == set(ada.personas), "every persona spoke"
    assert all(m["prompt_tokens"] > 0 for m in messages if m["speaker"] != "human")
    assert {p["id"] for p in done["participants"] if p["turns"] > 0} == set(ada.personas)

    assert [p["kind"] for p in done["polls"]] == ["likert", "choice", "ranking"]
    likert = done["polls"][0]
    assert likert["n"] == 12 and likert["interval"][0] <= likert["mean"] <= likert["interval"][1]
    assert sum(share["count"] for share in likert["shares"]) == 12

    report = done["report"]
    assert report["summary"] and report["partial"] is False and report["themes"]
    by_seq = {m["seq"]: m for m in messages}
    for theme in report["themes"]:
        assert len({quote["persona_id"] for quote in theme["quotes"]}) >= 2, theme
        for quote in theme["quotes"]:
            assert by_seq[quote["seq"]]["persona_id"] == quote["persona_id"]
    assert ada.balance() == 10


def test_an_empty_balance_is_a_402_before_anything_is_made(stack, simulator):
    ada = Researcher(stack)
    ada.finished(ada.start()["id"])
    before = completions(simulator)
    expect_error(ada.request("POST", f"/api/focus-groups/{ada.group}/sessions"), 402, "insufficient_credits")
    sessions = ada.request("GET", f"/api/focus-groups/{ada.group}/sessions").json()["items"]
    assert len(sessions) == 1 and ada.balance() == 10 and completions(simulator) == before


def test_pause_makes_no_calls_until_resumed(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator)
    session = ada.start()
    ada.wait_for_messages(session["id"], 3)
    ada.command(session["id"], "pause")
    ada.wait(session["id"], lambda s: s["status"] == "paused", 30, "paused")
    held = len(ada.messages(session["id"]))
    calls = completions(simulator)
    time.sleep(2)
    assert completions(simulator) == calls and len(ada.messages(session["id"])) == held
    resumed = ada.request("POST", f"/api/sessions/{session['id']}/resume")
    assert resumed.status_code == 202, resumed.text
    assert ada.finished(session["id"])["status"] == "finished"
    assert_transcript_is_whole(ada.messages(session["id"]))
    assert ada.balance() == 10, "resuming is not charged again"


def test_an_interjection_and_a_mention_are_honoured_within_one_turn(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator)
    session = ada.start()
    ada.wait_for_messages(session["id"], 3)
    ada.command(session["id"], "interject", text="Does anyone cook from scratch every day?")
    ada.command(session["id"], "interject", text="Lea, what would you pay?", persona_id=ada.personas[4])
    ada.finished(session["id"])
    messages = ada.messages(session["id"])
    human = [i for i, m in enumerate(messages) if m["speaker"] == "human"]
    assert len(human) == 2
    assert messages[human[0] + 1]["speaker"] == "moderator", "the moderator takes up the interjection next"
    assert messages[human[1] + 1]["persona_id"] == ada.personas[4], "the mentioned persona answers next"


def test_take_over_and_hand_back(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator)
    session = ada.start()
    ada.wait_for_messages(session["id"], 3)
    ada.command(session["id"], "take_over")
    ada.wait(session["id"], lambda s: s["status"] == "taken_over", 30, "was taken over")
    ada.command(session["id"], "say", text="Let me ask you all: what did you eat last night?")
    deadline = time.monotonic() + 60
    while True:
        messages = ada.messages(session["id"])
        said = next((i for i, m in enumerate(messages) if m["speaker"] == "human"), None)
        if said is not None and len(messages) - said - 1 >= 3:
            replies = messages[said + 1:]
            break
        assert time.monotonic() < deadline, "the group did not answer the researcher"
        time.sleep(0.2)
    assert all(m["persona_id"] for m in replies[:3]), "participants answer the researcher, not the moderator"
    time.sleep(1.5)
    assert len(ada.messages(session["id"])) == said + 4, "the AI waits for the researcher while taken over"
    ada.command(session["id"], "hand_back")
    done = ada.finished(session["id"])
    messages = ada.messages(session["id"])
    assert messages[said + 4]["speaker"] == "moderator", "the moderator takes back first"
    assert done["status"] == "finished" and done["end_reason"] == "completed"


def test_the_usd_cap_stops_with_a_partial_report(stack, simulator):
    with prices_in_force(stack, {model: ("20.00", "80.00") for model in ("cohorta-sim-main", "cohorta-sim-mini")}):
        ada = Researcher(stack, usd_cap="0.10")
        done = ada.finished(ada.start()["id"])
    assert done["status"] == "finished" and done["end_reason"] == "usd_cap", done
    assert done["report"]["partial"] is True and done["report"]["summary"]
    assert int(done["cost"]["spent_micro_usd"]) >= 100_000
    assert_transcript_is_whole(ada.messages(done["id"]))


def test_a_replay_costs_no_tokens_and_a_fork_shares_its_prefix(stack, simulator):
    ada = Researcher(stack)
    original = ada.finished(ada.start()["id"])
    before = completions(simulator)
    replayed = ada.request("POST", f"/api/sessions/{original['id']}/replay")
    assert replayed.status_code == 202, replayed.text
    replay = ada.finished(replayed.json()["session"]["id"])
    assert completions(simulator) == before, "the replay was served from llm_calls"
    assert replay["cost"]["prompt_tokens"] == 0 and replay["cost"]["credits_charged"] == 0
    assert [m["text"] for m in ada.messages(replay["id"])] == [m["text"] for m in ada.messages(original["id"])]

    grant(stack, ada, 40)  # the trial covers one charged run; the fork is a second
    parent = ada.messages(original["id"])
    forked = ada.request("POST", f"/api/sessions/{original['id']}/fork",
                         json={"seq": 6, "text": "Honestly, I would only try it if it were half the price."})
    assert forked.status_code == 202, forked.text
    fork = ada.finished(forked.json()["session"]["id"])
    messages = ada.messages(fork["id"])
    assert [m["text"] for m in messages[:5]] == [m["text"] for m in parent[:5]]
    assert messages[5]["text"].startswith("Honestly, I would only try it")
    assert fork["fork"] == {"parent": original["id"], "seq": 6}
    compared = ada.request("GET", f"/api/sessions/{original['id']}/compare/{fork['id']}")
    assert compared.status_code == 200 and compared.json()["right"]["id"] == fork["id"]


def grant(stack, researcher: Researcher, credits: int) -> None:
    email = f"admin-{uuid.uuid4().hex[:8]}@example.com"
    password = stack.make_admin(email)
    admin = stack.session()
    token = admin.post(stack.url("/api/auth/login"), json={"email": email, "password": password}, timeout=10)
    admin.headers["Authorization"] = f"Bearer {token.json()['token']}"
    response = admin.post(stack.url(f"/api/admin/users/{researcher.user['id']}/credits"),
                          json={"amount": credits, "reason": "Test credits"}, timeout=10)
    assert response.status_code in (200, 201), response.text


def runner_worker_pid(stack) -> int:
    supervisor = stack.process("runner").pid
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    assert children, "the runner supervisor has no worker process"
    return int(children[0])


def test_killing_the_runner_mid_run_loses_and_repeats_nothing(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator, turns=20)
    session = ada.start()
    ada.wait_for_messages(session["id"], 5)
    os.kill(runner_worker_pid(stack), signal.SIGKILL)
    done = ada.finished(session["id"], timeout=180)
    assert done["status"] == "finished" and done["end_reason"] == "completed", done
    assert_transcript_is_whole(ada.messages(session["id"]))
    assert ada.balance() == 10, "charged once"


def test_another_user_can_neither_read_nor_steer_a_session(stack, simulator):
    ada = Researcher(stack)
    session = ada.start()
    bob = stack.session()
    token, _ = stack.new_user()
    bob.headers["Authorization"] = f"Bearer {token}"
    sid = session["id"]
    for method, path, body in [("GET", f"/api/sessions/{sid}", None), ("GET", f"/api/sessions/{sid}/messages", None),
                               ("POST", f"/api/sessions/{sid}/commands", {"kind": "pause"}),
                               ("POST", f"/api/sessions/{sid}/resume", None),
                               ("POST", f"/api/sessions/{sid}/replay", None),
                               ("POST", f"/api/sessions/{sid}/fork", {"seq": 1}),
                               ("POST", f"/api/focus-groups/{ada.group}/sessions", None),
                               ("GET", f"/api/focus-groups/{ada.group}/sessions/estimate", None)]:
        response = bob.request(method, stack.url(path), json=body, timeout=10)
        expect_error(response, 404, "not_found")
    assert ada.finished(sid)["status"] == "finished"
