import CohortaTestSupport
import Domain
import Testing
import WebSocketServer

@testable import CohortaWS

/// A user's first connection reads the user; further ones are admitted on the token alone, against the state the
/// users change stream keeps current. (The hub's suite allows 2 connections per user.)
extension HubTests {
    private func user(_ id: String, version: Int64, balance: Int64 = 100) throws -> User {
        var user = try User.fixture(id: id)
        user.tokenVersion = version
        user.creditsBalance = Credits(balance)
        return user
    }

    @Test func aFurtherConnectionOfAConnectedUserIsAdmittedWithoutReadingTheUser() {
        let peers = [connect(1), connect(2)]
        #expect(peers.allSatisfy { $0.types == ["hello"] })
        #expect(store.userReads == 1)
        _ = connect(3, as: "u2")
        #expect(store.userReads == 2)
    }

    @Test func aBadSignatureIsRefusedWithoutAnyRead() {
        let peer = RecordingPeer(1)
        hub.opened(peer)
        hub.received(#"{"type":"auth","token":"forged"}"#, from: peer)
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
        hub.closed(revoked)
        // Signed in again before the stream said so: read, then known.
        store.tokenVersions["u1"] = 2
        let fresh = connect(3, as: "u1.v2")
        #expect(fresh.types == ["hello"] && store.userReads == 2)
        hub.closed(first)
        _ = connect(4, as: "u1.v2")
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
