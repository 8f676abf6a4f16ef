import CohortaTestSupport
import Domain
import Foundation
import Testing

/// `InMemorySessions` keeps the `SessionStore` contract `MongoSessionStore` is tested for on nx-27017.
struct InMemorySessionsTests {
    let store = InMemorySessions()
    let ada = UserID("a1")
    let participants = ["p1", "p2", "p3"].map(PersonaID.init)

    func inserted() throws -> FocusGroupSession {
        try store.insert(try SessionFixtures.session(owner: ada, group: FocusGroupID("g1"), participants: participants))
    }

    @Test func appendKeepsTheFirstMessageOfASeq() throws {
        let session = try inserted()
        let first = SessionFixtures.message(session.id, seq: 1, text: "First")
        #expect(try store.append(first) == first)
        #expect(try store.append(SessionFixtures.message(session.id, seq: 1, text: "Second")) == first)
        #expect(try store.messages(of: session.id, afterSeq: 0, limit: 10) == [first])
        for seq in [3, 2] { _ = try store.append(SessionFixtures.message(session.id, seq: seq)) }
        #expect(try store.messages(of: session.id, afterSeq: 1, limit: 1).map(\.seq) == [2])
        #expect(try store.messages(of: session.id, afterSeq: 0, limit: 0).isEmpty)
    }

    @Test func saveReplacesTheMutablePartForTheOwnerOnly() throws {
        var session = try inserted()
        #expect(session.id != SessionID(""))
        session.status = .paused
        session.snapshot.stimuli = []
        try store.save(session)
        let read = try #require(try store.session(id: session.id, owner: ada))
        #expect(read.status == .paused)
        #expect(read.snapshot.stimuli.count == 2)
        #expect(try store.session(id: session.id, owner: UserID("b2")) == nil)
        let forged = try SessionFixtures.session(owner: UserID("b2"), group: FocusGroupID("g1"), participants: [])
        #expect(throws: DomainError.self) { try store.save(forged.with(id: session.id)) }
    }

    @Test func commandsStayPendingUntilDoneInTheOrderGiven() throws {
        let session = try inserted()
        let commands = [SessionCommand.Kind.mention, .pause, .takeOver].enumerated().map {
            SessionCommand(
                id: "", sessionID: session.id, kind: $1, text: nil, personaID: nil,
                createdAt: SessionFixtures.start.addingTimeInterval([3.0, 1, 2][$0]))
        }
        for command in commands { try store.add(command) }
        let pending = try store.pendingCommands(of: session.id)
        #expect(pending.map(\.kind) == [.pause, .takeOver, .mention])
        try store.markDone(pending[1])
        #expect(try store.pendingCommands(of: session.id).map(\.kind) == [.pause, .mention])
    }
}
