import CohortaTestSupport
import Domain
import Foundation
import Logging
import Testing
import WebSocketServer

@testable import CohortaWS

/// A room answers joins after the first from the session it holds, and never from a stale one.
@Suite struct HubJoinCacheTests {
    let store = FakeLiveStore()
    let tokens = FakeTokens()
    let access: ControlledAccess
    let hub: Hub

    init() {
        access = ControlledAccess(store: store)
        hub = Hub(
            access: access, tokens: tokens, limits: HubLimits(connectionsPerUser: 4),
            clock: MockClock(SessionFixtures.start),
            logger: Logger(label: "test"))
    }

    private func connect(_ id: UInt64, as user: String = "u1") -> RecordingPeer {
        let peer = RecordingPeer(id)
        hub.opened(peer)
        hub.received(#"{"type":"auth","token":"token-\#(user)"}"#, from: peer)
        return peer
    }

    private func join(_ peer: RecordingPeer, _ session: String = "s1", after seq: Int = 0) {
        hub.received(#"{"type":"join","session_id":"\#(session)","after_seq":\#(seq),"request_id":"j"}"#, from: peer)
    }

    /// Every frame but `hello`, as canonical JSON.
    private func sent(_ peer: RecordingPeer) throws -> [String] {
        try peer.frames.filter { $0["type"] as? String != "hello" }.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self)
        }
    }

    private func frame(_ type: String, of peer: RecordingPeer) -> [String: Any]? {
        peer.frames.last { $0["type"] as? String == type }
    }

    /// Saves a change to the stored session and passes it through the change stream.
    private func save(_ change: (inout FocusGroupSession) -> Void, streamed: Bool = true) throws {
        var session = try #require(store.sessions[SessionID("s1")])
        change(&session)
        session.updatedAt = session.updatedAt.addingTimeInterval(1)
        store.sessions[session.id] = session
        if streamed { hub.apply(.session(session)) }
    }

    @Test func aSecondJoinerGetsTheSameFramesAsTheFirstWithoutReadingTheSession() throws {
        try store.addSession("s1", owner: "u1", messages: 3)
        let first = connect(1)
        join(first)
        let second = connect(2)
        join(second)
        #expect(store.sessionReads == 1)
        #expect(try sent(second) == sent(first))
        #expect(second.finalSeqs == [1, 2, 3] && second.types.last == "joined")
    }

    @Test func aJoinerWithEveryMessageTheRoomHasSeenReadsNothingAndGetsTheNextOnesLive() throws {
        try store.addSession("s1", owner: "u1", messages: 3)
        let first = connect(1)
        join(first)
        let second = connect(2)
        join(second, after: 3)
        #expect(store.catchUps == 1)
        #expect(second.finalSeqs.isEmpty && second.types.last == "joined")
        #expect(frame("joined", of: second)?["seq"] as? Int == 3)
        // A message stored before the join but streamed after it still arrives, once.
        store.messages[SessionID("s1")]?.append(store.message("s1", seq: 4))
        hub.apply(.message(store.message("s1", seq: 4)))
        #expect(second.finalSeqs == [4] && first.finalSeqs == [1, 2, 3, 4])
        // A joiner behind the room reads what it missed.
        let third = connect(3)
        join(third, after: 2)
        #expect(store.catchUps == 2 && store.sessionReads == 1)
        #expect(third.finalSeqs == [3, 4])
    }

    @Test func aJoinAfterASavedChangeSeesTheChange() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let first = connect(1)
        join(first)
        try save { $0.state.spent = MicroUSD(999_000) }
        try save { $0.status = .paused }
        let second = connect(2)
        join(second)
        #expect(store.sessionReads == 1)
        #expect(frame("session.state", of: second)?["status"] as? String == "paused")
        let cost = frame("cost.tick", of: second)?["cost"] as? [String: Any]
        #expect(cost?["spent_micro_usd"] as? Int == 999_000)
        // The first watcher got the same state live.
        #expect(frame("session.state", of: first)?["status"] as? String == "paused")
    }

    @Test func aJoinAfterNewMessagesCarriesTheirSeqInItsSnapshots() throws {
        try store.addSession("s1", owner: "u1", messages: 2)
        store.sessions[SessionID("s1")]?.state.nextSeq = 3
        let first = connect(1)
        join(first)
        #expect(frame("session.state", of: first)?["seq"] as? Int == 2)
        store.messages[SessionID("s1")]?.append(store.message("s1", seq: 3))
        hub.apply(.message(store.message("s1", seq: 3)))
        let second = connect(2)
        join(second, after: 1)
        #expect(second.finalSeqs == [2, 3])
        #expect(frame("session.state", of: second)?["seq"] as? Int == 3)
        #expect(second.frames.last?["seq"] as? Int == 3 && second.types.last == "joined")
    }

    @Test func aChangeStreamedWhileAJoinIsAnsweredFromTheRoomReachesTheJoiner() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        join(connect(1))
        try save({ $0.status = .paused }, streamed: false)
        let second = connect(2)
        join(second)
        #expect(frame("session.state", of: second)?["status"] as? String == "running")
        hub.apply(.session(try #require(store.sessions[SessionID("s1")])))
        #expect(second.types.suffix(2) == ["joined", "session.state"])
        #expect(frame("session.state", of: second)?["status"] as? String == "paused")
    }

    @Test func aReadNewerThanTheStreamReachesTheMembersAlreadyLive() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let first = connect(1)
        join(first)
        var task = try TaskRecord.fixture(user: "u1")
        task.status = .failed
        hub.apply(.task(task))
        first.clear()
        try save({ $0.status = .failed }, streamed: false)
        // The next joiner reads the session, saved after the room's copy and not streamed yet.
        join(connect(2))
        #expect(store.sessionReads == 2)
        #expect(first.types == ["session.state"])
        #expect(first.frames.last?["status"] as? String == "failed")
        // When the stream brings the same save, nothing is sent twice.
        hub.apply(.session(try #require(store.sessions[SessionID("s1")])))
        #expect(first.types == ["session.state"])
    }

    @Test func aLostPositionOrAFailedTaskMakesTheNextJoinReadTheSession() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        join(connect(1))
        hub.apply(.positionLost(collection: "session_messages"))
        #expect(store.sessionReads == 2)
        join(connect(2))
        #expect(store.sessionReads == 2)
        var task = try TaskRecord.fixture(user: "u1")
        task.status = .failed
        hub.apply(.task(task))
        join(connect(3))
        #expect(store.sessionReads == 3)
        join(connect(4))
        #expect(store.sessionReads == 3)
    }

    @Test func aStateThatGoesStaleDuringTheReadIsReadAgain() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        join(connect(1))
        let second = connect(2)
        access.holding = true
        join(second)
        var task = try TaskRecord.fixture(user: "u1")
        task.status = .cancelled
        hub.apply(.task(task))
        access.release()
        #expect(store.sessionReads == 2)
        #expect(second.finalSeqs == [1] && second.types.last == "joined")
    }

    @Test func anotherUserIsCheckedByTheDatabaseAndAnAdminIsAnsweredFromTheRoom() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        join(connect(1))
        let stranger = connect(2, as: "u2")
        join(stranger)
        #expect(stranger.types == ["hello", "error"])
        #expect(stranger.frames.last?["code"] as? String == "not_found")
        #expect(store.sessionReads == 2)
        let admin = connect(3, as: "admin")
        join(admin)
        #expect(admin.finalSeqs == [1] && admin.types.last == "joined")
        #expect(store.sessionReads == 2)
    }

    @Test func anEmptiedRoomForgetsItsState() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let first = connect(1)
        join(first)
        hub.closed(first)
        #expect(hub.rooms.isEmpty)
        join(connect(2))
        #expect(store.sessionReads == 2)
    }
}
