"""Live rooms end to end (docs/realtime.md): real sessions run by the runner against the LLM simulator and
watched through nginx. A user cannot join another's session nor hear of it; a run watched live arrives once,
in seq order, equal to GET /api/sessions/:id/messages, with drafts before their turn and `finished` at the
end; commands over the socket are carried out; task progress reaches the private channel; a cohorta-ws
killed mid-run and restarted loses and repeats nothing; two cohorta-ws processes deliver the same
transcript; a client that stops reading is dropped while the rest of its room keeps up; revoking tokens
closes the socket with 4001."""
from __future__ import annotations

import socket
import time

import pytest
import websocket
from pymongo import MongoClient

from stack import message_like
from test_api_sessions import ENDED, Researcher, simulator, slow_down  # noqa: F401 (simulator is a fixture)
from test_ws import SLOW_CONSUMER, UNAUTHENTICATED, Live


def join(live: Live, session_id: str, after_seq: int = 0) -> dict:
    joined = live.request("join", session_id=session_id, after_seq=after_seq)
    assert joined["type"] == "joined" and joined["session_id"] == session_id, joined
    return joined


def finals(live: Live, session_id: str) -> list[dict]:
    return live.of(session_id, "turn.final")


def watch_to_the_end(live: Live, researcher: Researcher, session_id: str, timeout: float = 120) -> list[dict]:
    """Waits for the session's end on the socket, then for the turn.final of its last stored message; returns
    the stored transcript (GET /api/sessions/:id/messages)."""
    live.until(lambda: any(f["status"] in ENDED for f in live.of(session_id, "session.state")), timeout,
               "told the session ended")
    transcript = researcher.messages(session_id)
    live.until(lambda: any(f["seq"] == len(transcript) for f in finals(live, session_id)), 10,
               f"sent turn {len(transcript)}")
    return transcript


def assert_once_in_order(received: list[dict], transcript: list[dict]) -> None:
    seqs = [frame["seq"] for frame in received]
    assert seqs == list(range(1, len(transcript) + 1)), f"seqs received: {seqs}"
    assert [frame["message"] for frame in received] == transcript, "turn.final differs from the stored message"


def wait_for_finals(live: Live, session_id: str, count: int, timeout: float = 60) -> list[dict]:
    live.until(lambda: len(finals(live, session_id)) >= count, timeout, f"sent {count} turns")
    return finals(live, session_id)


# ── who may watch ──


def test_a_user_cannot_join_another_users_session_nor_receive_its_events(stack, simulator):
    ada = Researcher(stack)
    bob_token, _ = stack.new_user()
    with Live(stack.ws_url, ada.token) as watcher, Live(stack.ws_url, bob_token) as bob:
        session = ada.start()
        sid = session["id"]
        join(watcher, sid)
        refused = bob.request("join", session_id=sid)
        assert refused["type"] == "error" and refused["code"] == "not_found" and refused["session_id"] == sid
        unknown = bob.request("join", session_id="6567a1b2c3d4e5f601234567")
        assert unknown["code"] == "not_found" and unknown["message"] == refused["message"], "no existence oracle"
        for command in ({"type": "pause"}, {"type": "interject", "text": "Hi"}, {"type": "resume"},
                        {"type": "mention", "persona_id": ada.personas[0]}):
            answer = bob.request(command.pop("type"), session_id=sid, **command)
            assert answer["type"] == "error" and answer["code"] == "not_found", answer
        transcript = watch_to_the_end(watcher, ada, sid)
        assert_once_in_order(finals(watcher, sid), transcript)
        assert bob.request("ping")["type"] == "pong"
    leaked = [frame for frame in bob.frames if frame["type"] not in ("hello", "error", "pong")]
    assert not leaked, f"Bob received Ada's events: {[frame['type'] for frame in leaked]}"
    assert ada.session(sid)["status"] == "finished", "Bob's commands changed nothing"


def test_task_progress_of_a_users_run_reaches_their_private_channel_only(stack, simulator):
    ada = Researcher(stack)
    bob_token, _ = stack.new_user()
    with Live(stack.ws_url, ada.token) as ada_live, Live(stack.ws_url, bob_token) as bob:
        started = ada.request("POST", f"/api/focus-groups/{ada.group}/sessions")
        assert started.status_code == 202, started.text
        task_id = started.json()["task_id"]
        ada_live.until(lambda: any(f["task"]["id"] == task_id and f["task"]["status"] == "succeeded"
                                   for f in ada_live.frames if f["type"] == "task.progress"), 120,
                       "told the run task succeeded")
        progress = [frame["task"] for frame in ada_live.frames if frame["type"] == "task.progress"]
        stored = ada.request("GET", f"/api/tasks/{task_id}").json()
        assert progress[-1] == stored, "task.progress carries the same object as GET /api/tasks/:id"
        assert {task["id"] for task in progress} == {task_id} and progress[0]["status"] in ("queued", "running")
        assert bob.request("ping")["type"] == "pong"
    assert [frame["type"] for frame in bob.frames] == ["hello", "pong"], "another user's task reached Bob"


# ── a run watched live ──


def test_a_run_watched_live_arrives_once_in_order_and_equals_the_transcript(stack, simulator):
    ada = Researcher(stack)
    with Live(stack.ws_url, ada.token) as live:
        sid = ada.start()["id"]
        joined = join(live, sid)
        transcript = watch_to_the_end(live, ada, sid)
    assert_once_in_order(finals(live, sid), transcript)
    assert joined["seq"] < len(transcript) - 5, "most turns arrived live, not by the join's catch-up"
    states = live.of(sid, "session.state")
    assert states[-1]["status"] == "finished" and states[-1]["end_reason"] == "completed", states[-1]
    assert states[-1]["report"] and states[-1]["report"]["summary"], "the report comes with the end"
    assert set(states[-1]) == {"type", "session_id", "seq", "status", "control", "task_id", "end_reason", "failure",
                               "report"}, sorted(states[-1])
    seqs = [frame["seq"] for frame in live.of(sid) if frame["type"] not in ("turn.final", "turn.delta")]
    assert seqs == sorted(seqs), "snapshots carry the seq of the last stored message, which only grows"


def test_drafts_arrive_before_their_turn(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator, turns=12, chunk_delay_ms=40)
    with Live(stack.ws_url, ada.token) as live:
        sid = ada.start()["id"]
        join(live, sid)
        watch_to_the_end(live, ada, sid)
    stored, late = set(), []
    for frame in live.of(sid):
        if frame["type"] == "turn.final":
            stored.add(frame["seq"])
        elif frame["type"] == "turn.delta":
            assert set(frame) == {"type", "session_id", "seq", "speaker", "persona_id", "speaker_name", "text"}, frame
            if frame["seq"] in stored:
                late.append(frame["seq"])
    drafts = live.of(sid, "turn.delta")
    assert not late, f"drafts of turns already stored: {late}"
    drafted = {frame["seq"] for frame in drafts}
    assert len(drafted) >= 5, f"drafts were seen for only {len(drafted)} turns"
    for seq in drafted:
        texts = [frame["text"] for frame in drafts if frame["seq"] == seq]
        message = next(frame["message"] for frame in finals(live, sid) if frame["seq"] == seq)
        if message["regenerations"]:
            continue  # the quality gate rejected a draft and the turn was written again
        assert all(message["text"].startswith(text) for text in texts), f"turn {seq}: a draft is not a prefix"


# ── commands ──


def test_commands_over_the_socket_are_carried_out_like_the_rest_api(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator, turns=60, chunk_delay_ms=30)
    lea, ana = ada.personas[4], ada.personas[2]
    with Live(stack.ws_url, ada.token) as live:
        sid = ada.start()["id"]
        join(live, sid)
        wait_for_finals(live, sid, 3)

        rest = ada.request("POST", f"/api/sessions/{sid}/commands", json={"kind": "interject"}).json()["error"]
        refused = live.request("interject", session_id=sid)
        assert (refused["type"], refused["code"], refused["message"]) == ("error", rest["code"], rest["message"])

        text = "Lea, what would you pay for a box like this?"
        interjected = accepted(live, "interject", session_id=sid, text=text, persona_id=lea)
        interjection_done = done(live, sid, "interject")
        said = first_final(live, sid, lambda f: f["message"]["speaker"] == "human", "the interjection")
        assert said["message"]["text"] == text
        answer = first_final(live, sid, lambda f: f["seq"] == said["seq"] + 1, "the answer to the interjection")
        assert answer["message"]["persona_id"] == lea, "the persona the interjection names answers next"

        mentioned = accepted(live, "mention", session_id=sid, persona_id=ana)
        mention_done = done(live, sid, "mention")
        wait_for_finals(live, sid, mention_done["seq"] + 2, 30)
        after = [f["message"]["persona_id"] for f in finals(live, sid) if f["seq"] > mention_done["seq"]][:2]
        assert ana in after, f"the mentioned persona did not speak within a turn: {after}"

        paused = accepted(live, "pause", session_id=sid)
        pause_done = done(live, sid, "pause")
        live.until(lambda: any(f["status"] == "paused" for f in live.of(sid, "session.state")), 30,
                   "sent session.state paused")
        # Streams of different collections are not ordered with each other: a turn stored just before the
        # pause may arrive after its session.state, but none after the seq that state carries.
        held = next(f["seq"] for f in live.of(sid, "session.state") if f["status"] == "paused")
        time.sleep(1)
        assert max(f["seq"] for f in finals(live, sid)) == held, "turns arrived while paused"

        resumed = live.request("resume", session_id=sid)
        assert resumed["type"] == "command.accepted" and resumed["kind"] == "resume", resumed
        assert resumed["task_id"] and resumed["command_id"] is None
        live.until(lambda: any(f["status"] == "running" and f["task_id"] == resumed["task_id"]
                               for f in live.of(sid, "session.state")), 30, "sent session.state running the new task")
        transcript = watch_to_the_end(live, ada, sid)
    assert_once_in_order(finals(live, sid), transcript)
    assert live.of(sid, "session.state")[-1]["status"] == "finished"
    pairs = [(interjected, interjection_done), (mentioned, mention_done), (paused, pause_done)]
    assert [reply["command_id"] for reply, _ in pairs] == [ack["command_id"] for _, ack in pairs], \
        "command.done names the command_id that command.accepted gave"


def first_final(live: Live, session_id: str, matches, what: str) -> dict:
    """The first turn.final received (at any time) that `matches`, waiting up to 30 s for it."""
    live.until(lambda: any(matches(f) for f in finals(live, session_id)), 30, f"sent {what}")
    return next(f for f in finals(live, session_id) if matches(f))


def accepted(live: Live, kind: str, **fields) -> dict:
    reply = live.request(kind, **fields)
    assert reply["type"] == "command.accepted" and reply["kind"] == kind, reply
    assert reply["session_id"] == fields["session_id"] and reply["command_id"] and reply["task_id"] is None, reply
    return reply


def done(live: Live, session_id: str, kind: str) -> dict:
    """The runner's acknowledgement of the last `kind` command (commands are carried out in order)."""
    frame = live.next(lambda f: f["type"] == "command.done" and f["kind"] == kind, 30, f"command.done {kind}")
    assert frame["session_id"] == session_id
    return frame


# ── joiners of a watched room ──


def joined_with(live: Live, session_id: str) -> list[dict]:
    """Joins from the start; the room frames the join brought, up to `joined`."""
    join(live, session_id)
    frames = live.of(session_id)
    return frames[:next(index for index, frame in enumerate(frames) if frame["type"] == "joined")]


def test_later_joiners_of_a_watched_room_get_its_current_state(stack, simulator):
    """cohorta-ws answers a join into a room it already holds from the room's copy of the session; the copy must
    be the one the first joiner got, and follow every change."""
    ada = Researcher(stack)
    slow_down(simulator, turns=60, chunk_delay_ms=30)
    sid = ada.start()["id"]
    with Live(stack.ws_url, ada.token) as first:
        join(first, sid)
        wait_for_finals(first, sid, 3)
        ada.command(sid, "pause")
        first.until(lambda: any(f["status"] == "paused" for f in first.of(sid, "session.state")), 30,
                    "sent session.state paused")
        ada.wait(sid, lambda s: s["status"] == "paused", 30, "paused")
        time.sleep(1)
        with Live(stack.ws_url, ada.token) as second, Live(stack.ws_url, ada.token) as third:
            frames = joined_with(second, sid)
            assert frames == joined_with(third, sid), "two joiners of a quiet room get the same frames"
        states = [f for f in frames if f["type"] == "session.state"]
        assert [f["status"] for f in states] == ["paused"], states
        assert [f["seq"] for f in frames if f["type"] == "turn.final"] == list(range(1, states[0]["seq"] + 1))

        resumed = first.request("resume", session_id=sid)
        assert resumed["type"] == "command.accepted", resumed
        first.until(lambda: any(f["task_id"] == resumed["task_id"] for f in first.of(sid, "session.state")), 30,
                    "sent session.state of the new task")
        with Live(stack.ws_url, ada.token) as fourth:
            state = next(f for f in joined_with(fourth, sid) if f["type"] == "session.state")
            assert state["task_id"] == resumed["task_id"] and state["status"] != "paused", state
            transcript = watch_to_the_end(first, ada, sid)
            watch_to_the_end(fourth, ada, sid)
        with Live(stack.ws_url, ada.token) as fifth:
            frames = joined_with(fifth, sid)
    assert_once_in_order(finals(first, sid), transcript)
    assert_once_in_order(finals(fourth, sid), transcript)
    assert_once_in_order([f for f in frames if f["type"] == "turn.final"], transcript)
    last = first.of(sid, "session.state")[-1]
    assert last["status"] in ENDED and last["report"], last
    state = next(f for f in frames if f["type"] == "session.state")
    assert {k: v for k, v in state.items() if k != "seq"} == {k: v for k, v in last.items() if k != "seq"}, \
        "a join after the end sees the end"


# ── restarts and several processes ──


def test_killing_cohorta_ws_mid_run_loses_and_repeats_nothing(stack, simulator):
    ada = Researcher(stack)
    slow_down(simulator, turns=30, chunk_delay_ms=40)
    with Live(stack.ws_url, ada.token) as first:
        sid = ada.start()["id"]
        join(first, sid)
        wait_for_finals(first, sid, 3)
        stack.kill_ws()
        first.wait_closed(5)
    seen = max(frame["seq"] for frame in finals(first, sid))
    ada.wait_for_messages(sid, seen + 2, 30)  # turns stored while nobody could hear them
    stack.restart_ws()
    with Live(stack.ws_url, ada.token) as second:
        join(second, sid, after_seq=seen)
        transcript = watch_to_the_end(second, ada, sid)
    assert finals(second, sid)[0]["seq"] == seen + 1
    assert_once_in_order(finals(first, sid) + finals(second, sid), transcript)


def test_two_cohorta_ws_processes_deliver_the_same_transcript(stack, simulator):
    name, port = stack.start_extra_ws()
    try:
        ada = Researcher(stack)
        with Live(stack.ws_url, ada.token) as via_nginx, Live(f"ws://127.0.0.1:{port}/ws", ada.token) as direct:
            sid = ada.start()["id"]
            join(via_nginx, sid)
            join(direct, sid)
            transcript = watch_to_the_end(via_nginx, ada, sid)
            watch_to_the_end(direct, ada, sid)
            assert_once_in_order(finals(via_nginx, sid), transcript)
            assert_once_in_order(finals(direct, sid), transcript)
            assert stack.stop_ws(name) == 0, "the extra cohorta-ws drains and exits 0 on SIGTERM"
            assert direct.wait_closed(5) == 1001, "a draining server says it is going away"
            assert via_nginx.request("ping")["type"] == "pong", "the other process goes on"
    finally:
        stack.stop_ws(name)


# ── slow consumers ──


def test_a_client_that_stops_reading_is_dropped_while_its_room_keeps_up(stack, simulator):
    ada = Researcher(stack)
    sid = ada.start()["id"]
    ada.finished(sid)
    stored = len(ada.messages(sid))
    with Live(stack.ws_url, ada.token) as fast:
        join(fast, sid, after_seq=stored)
        slow = stalled_client(stack, ada.token, sid, stored)
        try:
            written = flood(stack, sid, after_seq=stored, count=3000, batch=100)
            last = stored + len(written)
            fast.until(lambda: any(f["seq"] == last for f in finals(fast, sid)), 60, f"sent turn {last}")
            received = finals(fast, sid)
            assert [f["seq"] for f in received] == list(range(stored + 1, last + 1)), "the fast client missed turns"
            arrived = {f["seq"]: at for f, at in zip(fast.frames, fast.arrivals) if f["type"] == "turn.final"}
            lags = sorted(arrived[seq] - at for seq, at in written.items())
            assert lags[-1] < 3.0, f"the fast client fell behind: worst lag {lags[-1]:.2f} s, median " \
                                   f"{lags[len(lags) // 2]:.2f} s"
            code, got = drain(slow)
            assert code in (SLOW_CONSUMER, None), f"the slow client was closed with {code}, not 4008 or cut"
            assert got < len(written), "the slow client got everything: it was never dropped"
            assert fast.request("ping")["type"] == "pong"
        finally:
            slow.shutdown()


def stalled_client(stack, token: str, session_id: str, after_seq: int) -> websocket.WebSocket:
    """A client with a tiny receive buffer that joins the room and then reads nothing more."""
    ws = websocket.create_connection(stack.ws_url, timeout=10,
                                     sockopt=((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),))
    ws.send('{"type":"auth","token":"%s"}' % token)
    assert '"hello"' in ws.recv()
    ws.send('{"type":"join","session_id":"%s","after_seq":%d}' % (session_id, after_seq))
    while '"joined"' not in ws.recv():
        pass
    return ws


def flood(stack, session_id: str, after_seq: int, count: int, batch: int) -> dict[int, float]:
    """Stores `count` turns of about 3 KB after `after_seq` straight into session_messages, `batch` at a time,
    as a very fast runner would. Returns each seq's write time (time.monotonic() after its batch was written)."""
    written: dict[int, float] = {}
    with MongoClient(stack.mongo_uri) as mongo:
        messages = mongo[stack.db_name].session_messages
        template = messages.find_one({"_id": f"{session_id}:{after_seq:06d}"})
        assert template is not None
        for start in range(after_seq + 1, after_seq + count + 1, batch):
            seqs = range(start, min(start + batch, after_seq + count + 1))
            messages.insert_many([message_like(template, seq, f"Turn {seq}. " + "words " * 500) for seq in seqs])
            now = time.monotonic()
            written.update((seq, now) for seq in seqs)
    return written


def drain(ws: websocket.WebSocket) -> tuple[int | None, int]:
    """Reads what a stalled client still gets: (close code or None when cut, turn.final frames read)."""
    ws.settimeout(15)
    count = 0
    try:
        while True:
            opcode, frame = ws.recv_data_frame()
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                return int.from_bytes(frame.data[:2], "big"), count
            count += b'"turn.final"' in frame.data
    except (websocket.WebSocketConnectionClosedException, ConnectionError):
        return None, count


# ── revocation ──


@pytest.mark.parametrize("how", ["logout-all", "password"])
def test_revoking_tokens_closes_every_socket_of_the_user_with_4001(stack, how):
    email, password = stack.register()
    tokens = [stack.login(email, password) for _ in range(2)]
    other_token, _ = stack.new_user()
    with Live(stack.ws_url, tokens[0]) as one, Live(stack.ws_url, tokens[1]) as two, \
            Live(stack.ws_url, other_token) as other:
        http = stack.session()
        http.headers["Authorization"] = f"Bearer {tokens[0]}"
        if how == "logout-all":
            response = http.post(stack.url("/api/auth/logout-all"), timeout=10)
        else:
            response = http.post(stack.url("/api/auth/password"), timeout=10,
                                 json={"current_password": password, "new_password": password + "-new"})
        assert response.status_code in (200, 204), response.text
        revoked = time.monotonic()
        assert (one.wait_closed(5), two.wait_closed(5)) == (UNAUTHENTICATED, UNAUTHENTICATED)
        assert time.monotonic() - revoked < 2, "closed more than a second after the change"
        assert other.request("ping")["type"] == "pong", "another user's socket stays open"
