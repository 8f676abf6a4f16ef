import CohortaTestSupport
import Domain
import Foundation
import Logging
import Testing
import WebSocketServer

@testable import CohortaWS

/// A user's first connection reads the user; further ones are admitted on the token alone, against the state the
/// users change stream keeps current.
@Suite struct HubAuthenticationTests {
    let store = FakeLiveStore()
    let tokens = FakeTokens()
    let access: ControlledAccess
    let hub: Hub

    init() {
        access = ControlledAccess(store: store)
        hub = Hub(
            access: access, tokens: tokens, limits: HubLimits(connectionsPerUser: 8),
            clock: MockClock(SessionFixtures.start), logger: Logger(label: "test"))
    }

    private func connect(_ id: UInt64, token: String = "token-u1") -> RecordingPeer {
        let peer = RecordingPeer(id)
        hub.opened(peer)
        hub.received(#"{"type":"auth","token":"\#(token)"}"#, from: peer)
        return peer
    }

    private func user(_ id: String, version: Int64, balance: Int64 = 100) throws -> User {
        var user = try User.fixture(id: id)
        user.tokenVersion = version
        user.creditsBalance = Credits(balance)
        return user
    }

    @Test func furtherConnectionsOfAConnectedUserAreAdmittedWithoutReadingTheUser() {
        let peers = (1...4).map { connect($0) }
        #expect(peers.allSatisfy { $0.types == ["hello"] })
        #expect(store.userReads == 1)
        _ = connect(5, token: "token-u2")
        #expect(store.userReads == 2)
    }

    @Test func aBadSignatureIsRefusedWithoutAnyRead() {
        let peer = connect(1, token: "forged")
        #expect(peer.closedWith == .unauthenticated)
        #expect(store.userReads == 0)
    }

    @Test func aTokenOlderThanTheStreamedStateIsRefusedAndANewerOneIsRead() throws {
        let first = connect(1)
        store.tokenVersions["u1"] = 1
        hub.apply(.user(try user("u1", version: 1)))
        #expect(first.closedWith == .unauthenticated)
        let revoked = connect(2)
        #expect(revoked.closedWith == .unauthenticated)
        #expect(store.userReads == 1)
        // Logged in again before the stream said so: read, then known.
        store.tokenVersions["u1"] = 2
        let fresh = connect(3, token: "token-u1.v2")
        #expect(fresh.types == ["hello"] && store.userReads == 2)
        _ = connect(4, token: "token-u1.v2")
        #expect(store.userReads == 2)
    }

    @Test func aReadThatAUserChangeOvertookIsReadAgain() throws {
        access.holding = true
        let peer = connect(1)
        // The revocation is stored and streamed while the first read's answer (version 0) is on its way.
        store.tokenVersions["u1"] = 1
        hub.apply(.user(try user("u1", version: 1)))
        access.release()
        #expect(peer.closedWith == .unauthenticated)
        #expect(store.userReads == 2)
    }

    @Test func theBalanceOfAKnownUserFollowsTheStream() throws {
        _ = connect(1)
        hub.apply(.user(try user("u1", version: 0, balance: 40)))
        let later = connect(2)
        #expect(later.types == ["hello"])
        // The new connection starts from 40: the same balance again sends nothing.
        hub.apply(.user(try user("u1", version: 0, balance: 40)))
        #expect(later.types == ["hello"])
        #expect(store.userReads == 1)
    }

    @Test func aUserIsReadAgainAfterTheirLastConnectionClosesOrTheStreamLosesItsPlace() {
        let first = connect(1)
        hub.closed(first)
        _ = connect(2)
        #expect(store.userReads == 2)
        hub.apply(.positionLost(collection: "users"))
        _ = connect(3)
        #expect(store.userReads == 3)
    }
}
