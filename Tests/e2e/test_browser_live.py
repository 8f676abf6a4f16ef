"""Live rooms in a real browser (docs/realtime.md, web/js/lib/live-socket.js).

Against the real cohorta-ws: the top bar says the socket is connected, a run is watched live (a draft bubble shows
the turn being written before its message is final, and the page stops polling meanwhile), an @mention makes the
mentioned persona answer next, and Pause over the socket shows the session paused.

Against a scripted socket (Playwright's WebSocket routing, so the client's side of the protocol is pinned without
depending on the server's timing): `auth` comes first with the stored token, the room is joined with the last seq
the page shows, deltas replace the draft and its `turn.final` removes it, a snapshot is merged into the session,
a command carries a request id and settles on `command.accepted` or shows the server's `error`, a dropped
connection comes back and re-joins after the last seq, and close 4001 stops the retries.

Every test checks that the page logged no console error and broke no Content-Security-Policy rule.
"""

import json
import re
import time

from playwright.sync_api import Page, WebSocketRoute, expect

from test_api_sessions import Researcher, simulator, slow_down  # noqa: F401  (simulator: a fixture)
from test_browser import browser, session  # noqa: F401  (pytest fixtures used by name below)
from test_browser_sessions import LEA, session_id_of, sign_in, status

LIVE_TIMEOUT_MS = 30_000
DRAFT_BEFORE_ITS_MESSAGE = """() => {
  const draft = document.querySelector('[data-testid=draft]');
  if (!draft || !draft.querySelector('[data-testid=draft-text]').textContent) return null;
  return document.querySelector(`[data-testid=message][data-seq="${draft.dataset.seq}"]`) ? null : draft.dataset.seq;
}"""


def indicator(page: Page):
    return page.get_by_test_id("connection-indicator")


def messages(page: Page):
    return page.get_by_test_id("message")


def running_session(stack, simulator) -> tuple[Researcher, str]:
    """A researcher with a run whose turns stream slowly (so drafts are visible and commands land mid-run)."""
    researcher = Researcher(stack, max_turns=40)
    slow_down(simulator, turns=40, chunk_delay_ms=120)
    return researcher, researcher.start()["id"]


# ---- Against cohorta-ws ---------------------------------------------------------------------------------------


def test_a_run_is_watched_live_steered_with_a_mention_and_paused(session, stack, simulator):
    page = session.page
    ada, sid = running_session(stack, simulator)
    polls = []
    page.on("request", lambda request: f"/api/sessions/{sid}/messages" in request.url and polls.append(request.url))
    sign_in(page, ada, f"/sessions/{sid}")

    expect(indicator(page)).to_have_attribute("data-state", "connected", timeout=LIVE_TIMEOUT_MS)
    expect(page.get_by_test_id("connection-status")).to_have_text("Live")

    # A turn is seen being written before its message is final; the final message replaces the draft.
    seq = page.wait_for_function(DRAFT_BEFORE_ITS_MESSAGE, timeout=LIVE_TIMEOUT_MS).json_value()
    expect(page.locator(f"[data-testid=message][data-seq='{seq}']")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(page.locator(f"[data-testid=draft][data-seq='{seq}']")).to_have_count(0)
    shown = [int(value) for value in messages(page).evaluate_all("items => items.map((item) => item.dataset.seq)")]
    assert shown == list(range(1, len(shown) + 1)), f"every message once, in order: {shown}"

    # While the socket is connected the page does not poll the transcript.
    polled = len(polls)
    page.wait_for_timeout(3000)
    assert len(polls) == polled, polls[polled:]

    # An @mention over the socket: Lea Novak answers next.
    box = page.get_by_test_id("composer-input")
    box.press_sequentially("@Le")
    expect(page.get_by_test_id("mention-option")).to_have_text(re.compile("Lea Novak"))
    box.press("Enter")
    box.press_sequentially("would you buy it?")
    box.press("Enter")
    expect(box).to_have_value("")
    said = page.locator("[data-testid=message][data-speaker=human]")
    expect(said).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    expect(said.get_by_test_id("message-text")).to_have_text("@Lea Novak would you buy it?")
    answer = page.locator("[data-testid=message][data-speaker=human] ~ [data-testid=message][data-speaker=persona]").first
    expect(answer).to_have_attribute("data-persona-id", ada.personas[LEA], timeout=LIVE_TIMEOUT_MS)

    # Pause over the socket: the status shows paused and nothing more is said.
    page.get_by_test_id("control-pause").click()
    expect(status(page)).to_have_attribute("data-status", "paused", timeout=LIVE_TIMEOUT_MS)
    expect(page.get_by_test_id("draft")).to_have_count(0)
    assert ada.session(sid)["status"] == "paused"
    expect(indicator(page)).to_have_attribute("data-state", "connected")
    assert len(polls) == polled, "no transcript polling while live"
    session.expect_clean()


# ---- Against a scripted socket --------------------------------------------------------------------------------


class ScriptedSocket:
    """Stands in for cohorta-ws at /ws: records every frame the page sends, answers `auth` with `hello` and `join`
    with `joined`, and commands with what `replies[type](frame)` returns (default: `command.accepted`)."""

    def __init__(self, page: Page):
        self.page = page
        self.connections: list[WebSocketRoute] = []
        self.frames: list[tuple[int, dict]] = []  # (connection index, frame)
        self.replies = {}
        page.route_web_socket(re.compile(r"/ws$"), self._accept)

    def _accept(self, ws: WebSocketRoute) -> None:
        index = len(self.connections)
        self.connections.append(ws)
        ws.on_message(lambda message: self._received(ws, index, json.loads(message)))

    def _received(self, ws: WebSocketRoute, index: int, frame: dict) -> None:
        self.frames.append((index, frame))
        kind = frame["type"]
        if kind == "auth":
            ws.send(json.dumps({"type": "hello", "user_id": "scripted", "heartbeat_seconds": 30}))
        elif kind == "join":
            ws.send(json.dumps({"type": "joined", "session_id": frame["session_id"], "seq": frame["after_seq"], "request_id": frame["request_id"]}))
        elif kind not in ("ping", "leave"):
            reply = self.replies.get(kind, lambda f: {"type": "command.accepted", "session_id": f["session_id"], "command_id": "c1", "kind": kind})(frame)
            ws.send(json.dumps({**reply, "request_id": frame["request_id"]}))

    def send(self, frame: dict) -> None:
        self.connections[-1].send(json.dumps(frame))

    def sent(self, kind: str) -> list[dict]:
        return [frame for _, frame in self.frames if frame["type"] == kind]

    def wait_for(self, kind: str, count: int = 1) -> dict:
        """The `count`th frame of this type the page sent (waits up to 10 s)."""
        deadline = time.monotonic() + 10
        while len(self.sent(kind)) < count:
            assert time.monotonic() < deadline, f"the page sent no {kind} #{count}: {self.frames}"
            self.page.wait_for_timeout(100)
        return self.sent(kind)[count - 1]


def test_the_client_speaks_the_protocol(session, stack, simulator):
    page = session.page
    ada, sid = running_session(stack, simulator)
    ada.wait_for_messages(sid, 2)
    ada.command(sid, "pause")
    paused = ada.wait(sid, lambda s: s["status"] == "paused", what="paused")
    shown = len(ada.messages(sid))
    socket = ScriptedSocket(page)
    sign_in(page, ada, f"/sessions/{sid}")

    # auth first, with the stored token; hello → connected; the room is joined after what the page shows.
    expect(indicator(page)).to_have_attribute("data-state", "connected")
    assert socket.frames[0] == (0, {"type": "auth", "token": ada.token})
    join = socket.wait_for("join")
    assert join["session_id"] == sid and join["after_seq"] == shown and join["request_id"], join
    expect(messages(page)).to_have_count(shown)

    # Deltas replace the draft; its turn.final drops it, once, even if it comes twice.
    lea = ada.personas[LEA]
    nxt = shown + 1
    delta = {"type": "turn.delta", "session_id": sid, "seq": nxt, "speaker": f"persona:{lea}", "persona_id": lea, "speaker_name": "Lea Novak"}
    socket.send({**delta, "text": "Well,"})
    socket.send({**delta, "text": "Well, I would"})
    draft = page.get_by_test_id("draft")
    expect(draft).to_have_attribute("data-seq", str(nxt))
    expect(draft.get_by_test_id("draft-text")).to_have_text("Well, I would")
    expect(draft.get_by_test_id("draft-speaker")).to_have_text("Lea Novak")
    expect(messages(page)).to_have_count(shown)
    final = {"seq": nxt, "speaker": f"persona:{lea}", "persona_id": lea, "speaker_name": "Lea Novak", "text": "Well, I would try it once.", "created_at": "2026-01-01T10:00:00Z", "regenerations": []}
    socket.send({"type": "turn.final", "session_id": sid, "seq": nxt, "message": final})
    socket.send({"type": "turn.final", "session_id": sid, "seq": nxt, "message": final})
    expect(draft).to_have_count(0)
    expect(messages(page)).to_have_count(shown + 1)
    expect(messages(page).last.get_by_test_id("message-text")).to_have_text("Well, I would try it once.")

    # A snapshot is merged into the session the page shows.
    state = {"type": "session.state", "session_id": sid, "seq": nxt, "control": "ai", "task_id": paused.get("task_id"), "end_reason": None, "failure": None, "report": None, "updated_at": "2026-01-01T10:00:01Z"}
    socket.send({**state, "status": "running"})
    expect(status(page)).to_have_attribute("data-status", "running")
    expect(page.get_by_test_id("participant")).to_have_count(6)

    # A refused command shows the server's message; an accepted one waits for its effect.
    socket.replies["interject"] = lambda frame: {"type": "error", "code": "conflict", "message": "The discussion is closing.", "session_id": sid}
    box = page.get_by_test_id("composer-input")
    box.fill("One more thing")
    box.press("Enter")
    expect(page.get_by_test_id("composer")).to_contain_text("The discussion is closing.")
    assert socket.wait_for("interject") == {"type": "interject", "session_id": sid, "text": "One more thing", "request_id": socket.sent("interject")[0]["request_id"]}
    page.get_by_test_id("control-pause").click()
    assert socket.wait_for("pause")["session_id"] == sid
    expect(page.get_by_test_id("control-pause")).to_have_attribute("aria-busy", "true")
    socket.send({**state, "status": "paused"})
    expect(status(page)).to_have_attribute("data-status", "paused")

    # A dropped connection comes back and re-joins after the last seq shown.
    socket.connections[-1].close(code=1001, reason="restart")
    second = socket.wait_for("join", 2)
    assert second["after_seq"] == nxt, second
    latest = len(socket.connections) - 1
    assert [frame["type"] for index, frame in socket.frames if index == latest][:2] == ["auth", "join"]
    expect(indicator(page)).to_have_attribute("data-state", "connected")

    # 4001: not authenticated → offline, and no retry with the same token.
    connections = len(socket.connections)
    socket.connections[-1].close(code=4001, reason="unauthenticated")
    expect(indicator(page)).to_have_attribute("data-state", "offline")
    expect(page.get_by_test_id("connection-status")).to_have_text("Offline")
    page.wait_for_timeout(2500)
    assert len(socket.connections) == connections
    session.expect_clean()
