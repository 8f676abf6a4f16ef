import CohortaTestSupport
import Domain
import Foundation
import Logging
import Testing
import WebSocketServer

@testable import CohortaWS

@Suite struct HubTests {
    let store = FakeLiveStore()
    let tokens = FakeTokens()
    let access: ControlledAccess
    let clock = MockClock(SessionFixtures.start)
    let hub: Hub

    init() {
        access = ControlledAccess(store: store)
        hub = Hub(
            access: access, tokens: tokens, limits: HubLimits(connectionsPerUser: 2), clock: clock,
            logger: Logger(label: "test"))
    }

    func connect(_ id: UInt64, as user: String = "u1") -> RecordingPeer {
        let peer = RecordingPeer(id)
        hub.opened(peer)
        hub.received(#"{"type":"auth","token":"token-\#(user)"}"#, from: peer)
        return peer
    }

    private func join(_ peer: RecordingPeer, _ session: String, after seq: Int = 0) {
        hub.received(#"{"type":"join","session_id":"\#(session)","after_seq":\#(seq),"request_id":"j"}"#, from: peer)
    }

    // MARK: - Authentication

    @Test func aValidTokenInTheFirstFrameGetsHello() {
        let peer = connect(1)
        #expect(peer.types == ["hello"])
        #expect(peer.frames.first?["user_id"] as? String == "u1")
        #expect(peer.closedWith == nil)
    }

    @Test func anythingButAuthFirstClosesWith4001() {
        let peer = RecordingPeer(1)
        hub.opened(peer)
        hub.received(#"{"type":"join","session_id":"s1"}"#, from: peer)
        #expect(peer.closedWith == .unauthenticated)
    }

    @Test func aBadTokenClosesWith4001() {
        let peer = connect(1, as: "")
        hub.received(#"{"type":"ping"}"#, from: peer)
        let bad = RecordingPeer(2)
        hub.opened(bad)
        hub.received(#"{"type":"auth","token":"forged"}"#, from: bad)
        #expect(bad.closedWith == .unauthenticated)
        #expect(bad.types.isEmpty)
    }

    @Test func silenceAfterConnectingIsClosedAfterFiveSeconds() {
        let peer = RecordingPeer(1)
        hub.opened(peer)
        clock.advance(by: 4)
        hub.sweep()
        #expect(peer.closedWith == nil)
        clock.advance(by: 2)
        hub.sweep()
        #expect(peer.closedWith == .unauthenticated)
    }

    @Test func anExpiredTokenIsClosed() {
        tokens.expiresAt = clock.now.addingTimeInterval(60)
        let peer = connect(1)
        clock.advance(by: 61)
        hub.sweep()
        #expect(peer.closedWith == .unauthenticated)
    }

    @Test func oneConnectionOverTheUsersCapIsClosedWith4029() {
        let first = connect(1)
        let second = connect(2)
        let third = connect(3)
        #expect(first.closedWith == nil && second.closedWith == nil)
        #expect(third.closedWith == .tooManyConnections)
        hub.closed(first)
        #expect(connect(4).closedWith == nil)
    }

    @Test func aRevokedTokenClosesEveryConnectionOfThatUser() throws {
        let peer = connect(1)
        let other = connect(2, as: "u2")
        var user = try User.fixture(id: "u1")
        user.tokenVersion = 1
        hub.apply(.user(user))
        #expect(peer.closedWith == .unauthenticated)
        #expect(other.closedWith == nil)
    }

    @Test func aNewBalanceReachesThePrivateChannelOnce() throws {
        let peer = connect(1)
        var user = try User.fixture(id: "u1")
        user.creditsBalance = Credits(60)
        hub.apply(.user(user))
        hub.apply(.user(user))
        #expect(peer.types == ["hello", "balance.changed"])
        #expect(peer.frames.last?["credits_balance"] as? Int == 60)
    }

    // MARK: - Rooms

    @Test func joiningSendsTheMissedMessagesThenTheSnapshotsThenJoined() throws {
        try store.addSession("s1", owner: "u1", messages: 5)
        let peer = connect(1)
        peer.clear()
        join(peer, "s1", after: 2)
        #expect(peer.finalSeqs == [3, 4, 5])
        #expect(peer.types.last == "joined")
        #expect(peer.frames.last?["seq"] as? Int == 5 && peer.frames.last?["request_id"] as? String == "j")
        let snapshots = Set(peer.types.dropFirst(3).dropLast())
        #expect(snapshots == ["session.state", "moderator.state", "cost.tick", "themes.updated", "poll.result"])
    }

    @Test func anotherUsersSessionIsNotFoundAndJoinsNoRoom() throws {
        try store.addSession("s1", owner: "u2", messages: 1)
        let peer = connect(1)
        join(peer, "s1")
        #expect(peer.types == ["hello", "error"])
        #expect(peer.frames.last?["code"] as? String == "not_found")
        hub.apply(.message(store.message("s1", seq: 2)))
        #expect(peer.types == ["hello", "error"])
    }

    @Test func anAdminMayWatchAnySession() throws {
        try store.addSession("s1", owner: "u2", messages: 2)
        let peer = connect(1, as: "admin")
        join(peer, "s1")
        #expect(peer.finalSeqs == [1, 2])
    }

    @Test func liveMessagesDuringTheCatchUpAreNeitherLostNorDoubled() throws {
        try store.addSession("s1", owner: "u1", messages: 3)
        let peer = connect(1)
        access.holding = true
        join(peer, "s1")
        // The read saw 1…3; 3 and 4 arrive live before its answer does (3 a second time).
        hub.apply(.message(store.message("s1", seq: 3)))
        hub.apply(.message(store.message("s1", seq: 4)))
        #expect(peer.finalSeqs.isEmpty)
        access.release()
        hub.apply(.message(store.message("s1", seq: 5)))
        hub.apply(.message(store.message("s1", seq: 5)))
        #expect(peer.finalSeqs == [1, 2, 3, 4, 5])
    }

    @Test func aGapInTheLiveStreamIsReadFromTheDatabase() throws {
        try store.addSession("s1", owner: "u1", messages: 2)
        let peer = connect(1)
        join(peer, "s1")
        store.messages[SessionID("s1")]?.append(contentsOf: [store.message("s1", seq: 3), store.message("s1", seq: 4)])
        hub.apply(.message(store.message("s1", seq: 4)))
        #expect(peer.finalSeqs == [1, 2, 3, 4])
    }

    @Test func aLostStreamPositionMakesEveryRoomReadAgain() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        join(peer, "s1")
        store.messages[SessionID("s1")]?.append(store.message("s1", seq: 2))
        hub.apply(.positionLost(collection: "session_messages"))
        #expect(peer.finalSeqs == [1, 2])
    }

    @Test func aSavedSessionSendsOnlyWhatChanged() throws {
        var session = try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        join(peer, "s1")
        peer.clear()
        session.state.spent = MicroUSD(999)
        session.updatedAt = session.updatedAt.addingTimeInterval(1)
        hub.apply(.session(session))
        #expect(peer.types == ["cost.tick"])
        session.status = .paused
        session.updatedAt = session.updatedAt.addingTimeInterval(1)
        hub.apply(.session(session))
        #expect(peer.types == ["cost.tick", "session.state"])
        #expect(peer.frames.last?["status"] as? String == "paused")
        let stale = try #require(store.sessions[SessionID("s1")])
        hub.apply(.session(stale))
        #expect(peer.types.count == 2)
    }

    @Test func aSaveThatArrivesAfterALaterMessageCarriesThatMessagesSeq() throws {
        var session = try store.addSession("s1", owner: "u1", messages: 2)
        let peer = connect(1)
        join(peer, "s1")
        hub.apply(.message(store.message("s1", seq: 3)))
        peer.clear()
        // The save made right after message 2 comes through the sessions stream after message 3 did.
        session.state.nextSeq = 3
        session.state.spent = MicroUSD(7)
        session.updatedAt = session.updatedAt.addingTimeInterval(1)
        hub.apply(.session(session))
        #expect(peer.types.contains("cost.tick"))
        #expect(peer.frames.allSatisfy { $0["seq"] as? Int == 3 })
    }

    @Test func draftsStreamUntilTheirMessageIsStored() throws {
        try store.addSession("s1", owner: "u1", messages: 2)
        let peer = connect(1)
        join(peer, "s1")
        peer.clear()
        let speaking = LiveActivity.Kind.speaking(
            seq: 3, speaker: .participant(PersonaID("p1")), speakerName: "Ana", draft: "I think")
        hub.apply(.activity(LiveActivity(sessionID: SessionID("s1"), kind: speaking, updatedAt: clock.now)))
        #expect(peer.types == ["turn.delta"])
        #expect(peer.frames.last?["text"] as? String == "I think" && peer.frames.last?["seq"] as? Int == 3)
        // A second watcher joining mid-turn sees the draft after its catch-up.
        let late = connect(2)
        join(late, "s1")
        #expect(late.types.suffix(2) == ["turn.delta", "joined"])
        hub.apply(.message(store.message("s1", seq: 3)))
        let stale = LiveActivity(sessionID: SessionID("s1"), kind: speaking, updatedAt: clock.now)
        hub.apply(.activity(stale))
        #expect(peer.types == ["turn.delta", "turn.final"])
    }

    @Test func leavingStopsTheRoomsEvents() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        join(peer, "s1")
        hub.received(#"{"type":"leave","session_id":"s1"}"#, from: peer)
        #expect(peer.types.last == "left")
        hub.apply(.message(store.message("s1", seq: 2)))
        #expect(peer.types.last == "left")
        #expect(hub.rooms.isEmpty)
    }

    @Test func theRoomCapIsSixteenPerConnection() throws {
        let peer = connect(1)
        for index in 0..<16 {
            try store.addSession("s\(index)", owner: "u1", messages: 0)
            join(peer, "s\(index)")
        }
        try store.addSession("s16", owner: "u1", messages: 0)
        join(peer, "s16")
        #expect(peer.frames.last?["code"] as? String == "too_many_rooms")
    }

    // MARK: - Commands and the private channel

    @Test func aCommandIsAcceptedWithItsIdAndAcknowledgedInTheRoom() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        join(peer, "s1")
        hub.received(
            #"{"type":"interject","session_id":"s1","text":"Why?","persona_id":"p2","request_id":"r1"}"#, from: peer)
        let accepted = try #require(peer.frames.last)
        #expect(accepted["type"] as? String == "command.accepted" && accepted["request_id"] as? String == "r1")
        #expect(accepted["command_id"] as? String == "c1" && accepted["kind"] as? String == "interject")
        #expect(store.commands.first?.0 == .control(.interject, text: "Why?", persona: PersonaID("p2")))
        let done = SessionCommand(
            id: "c1", sessionID: SessionID("s1"), kind: .interject, text: "Why?", personaID: nil, createdAt: clock.now)
        hub.apply(.commandDone(done))
        #expect(peer.frames.last?["type"] as? String == "command.done")
    }

    @Test func anInvalidCommandGetsTheRestAPIsErrorAndTheRequestID() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        hub.received(#"{"type":"interject","session_id":"s1","text":"","request_id":"r2"}"#, from: peer)
        let error = try #require(peer.frames.last)
        #expect(error["type"] as? String == "error" && error["code"] as? String == "invalid_input")
        #expect(error["request_id"] as? String == "r2" && error["field"] as? String == "text")
    }

    @Test func resumeAnswersWithTheNewTask() throws {
        try store.addSession("s1", owner: "u1", messages: 1)
        let peer = connect(1)
        hub.received(#"{"type":"resume","session_id":"s1"}"#, from: peer)
        #expect(peer.frames.last?["task_id"] as? String == "t1")
    }

    @Test func unknownAndMalformedFramesGetErrorsAndTheConnectionStays() {
        let peer = connect(1)
        hub.received(#"{"type":"dance"}"#, from: peer)
        hub.received("not json", from: peer)
        hub.received(#"{"type":"join"}"#, from: peer)
        #expect(
            peer.frames.dropFirst().compactMap { $0["code"] as? String } == [
                "unknown_type", "bad_request", "bad_request",
            ])
        #expect(peer.closedWith == nil)
    }

    @Test func taskProgressGoesOnlyToItsOwner() throws {
        let owner = connect(1)
        let other = connect(2, as: "u2")
        hub.apply(.task(try TaskRecord.fixture(user: "u1")))
        #expect(owner.types.last == "task.progress")
        #expect(other.types == ["hello"])
    }
}
