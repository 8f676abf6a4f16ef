import BSON
import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoSessionStoreTests {
    let fixture: MongoFixture
    let store: MongoSessionStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let group = FocusGroupID(ObjectID().hex)
    let participants = (0..<3).map { _ in PersonaID(ObjectID().hex) }

    init() throws {
        fixture = try MongoFixture()
        store = MongoSessionStore(pool: fixture.pool, database: fixture.database)
    }

    func newSession(
        owner: UserID? = nil, group: FocusGroupID? = nil, createdAt: Date = SessionFixtures.start,
        fork: FocusGroupSession.Fork? = nil, replayOf: SessionID? = nil
    ) throws -> FocusGroupSession {
        try SessionFixtures.session(
            owner: owner ?? ada, group: group ?? self.group, participants: participants, createdAt: createdAt,
            fork: fork, replayOf: replayOf)
    }

    func rawDocument(_ collection: String, _ filter: BSONDocument) throws -> BSONDocument {
        try #require(try fixture.withDatabase { try $0.collection(collection).findOne(filter) })
    }

    // MARK: - Sessions

    @Test func aFullSessionRoundTripsUnchanged() throws {
        let given = try newSession()
        let inserted = try store.insert(given)
        #expect(ObjectID(hex: inserted.id.rawValue) != nil)
        #expect(inserted == given.with(id: inserted.id))
        #expect(try store.session(id: inserted.id, owner: ada) == inserted)
        #expect(try store.session(id: inserted.id) == inserted)

        let read = try #require(try store.session(id: inserted.id))
        #expect(read.snapshot.participants.count == 3)
        #expect(read.snapshot.guide.sections.compactMap(\.poll).map(\.kind) == [.likert, .ranking])
        #expect(read.state.stats.turns[participants[0]] == 2)
        #expect(read.state.pendingMention == participants[2])
        #expect(read.state.decision?.desires[participants[1]] == 0.5)
        #expect(read.state.spent == MicroUSD(4_321))
        #expect(read.state.lastCommand == "0000000000000000000000c1")
        #expect(read.polls.first?.answers[participants[0]] == [[3], [4], [3]])
        #expect(read.seedBase == 9_007_199_254_740_993)
    }

    @Test func aForkAndAReplayKeepWhereTheyCameFrom() throws {
        let parent = try store.insert(try newSession())
        let fork = try store.insert(try newSession(fork: FocusGroupSession.Fork(parent: parent.id, seq: 12)))
        let replay = try store.insert(try newSession(replayOf: parent.id))
        #expect(try store.session(id: fork.id)?.fork == FocusGroupSession.Fork(parent: parent.id, seq: 12))
        #expect(try store.session(id: fork.id)?.replayOf == nil)
        #expect(try store.session(id: replay.id)?.replayOf == parent.id)
        #expect(try store.session(id: replay.id)?.fork == nil)
        #expect(throws: DomainError.self) {
            try store.insert(try newSession(replayOf: SessionID("not-an-id")))
        }
    }

    @Test func theStoredShapeIsTheContracts() throws {
        let session = try store.insert(try newSession())
        let id = try #require(ObjectID(hex: session.id.rawValue))
        // Exact types as written (nx-27017 reads small int64 values back as int32; MongoDB keeps them).
        let written = try BSONEncoder().encode(SessionDocument(session, id: id))
        #expect(written["credits_charged"] == .int64(25))
        #expect(written["snapshot"]?["settings"]?["usd_cap"] == .int64(1_500_000))
        #expect(written["snapshot"]?["guide"]?["version"] == .int64(3))
        #expect(written["state"]?["spent"] == .int64(4_321))

        let stored = try rawDocument("sessions", ["_id": .objectID(id)])
        #expect(stored["user_id"] == .objectID(try #require(ObjectID(hex: ada.rawValue))))
        #expect(stored["focus_group_id"] == .objectID(try #require(ObjectID(hex: group.rawValue))))
        #expect(stored["seed_base"] == .int64(9_007_199_254_740_993))
        #expect(stored["credits_charged"]?.int64Value == 25)
        #expect(stored["status"] == "running")
        #expect(stored["task_id"] == "0000000000000000000000a1")
        #expect(stored["fork"] == nil)
        #expect(stored["replay_of"] == nil)
        #expect(stored["finished_at"] == .null)
        #expect(stored["failure"] == .null)
        #expect(stored["created_at"] == .date(SessionFixtures.start))
        #expect(stored["state"]?["asked"] == .bool(true))
        let snapshot = try #require(stored["snapshot"])
        #expect(snapshot["settings"]?["usd_cap"]?.int64Value == 1_500_000)
        let guide = try #require(snapshot["guide"])
        guard case .array(let storedParticipants) = snapshot["participants"],
            case .array(let sections) = guide["sections"]
        else {
            Issue.record("snapshot.participants or snapshot.guide.sections is not an array")
            return
        }
        #expect(storedParticipants.count == 3)
        #expect(storedParticipants.first?["persona_id"] == .string(participants[0].rawValue))
        #expect(storedParticipants.first?["profile"]?["income_band"] == "middle")
        #expect(sections.first?["turn_budget"]?.int64Value == 8)
        #expect(sections.last?["poll"]?["kind"] == "ranking")
    }

    @Test func saveReplacesTheMutablePartOnly() throws {
        var session = try store.insert(try newSession())
        let finished = SessionFixtures.start.addingTimeInterval(600)
        session.status = .finished
        session.state.phase = .done
        session.state.endReason = .usdCap
        session.state.charge(TokenUsage(promptTokens: 5, completionTokens: 5), cost: MicroUSD(1_000))
        session.taskID = nil
        session.themes = []
        session.polls = []
        session.report = SessionReport(summary: "Done.", themes: [], partial: false)
        session.creditsCharged = Credits(40)
        session.failure = "none, really"
        session.updatedAt = finished
        session.finishedAt = finished
        var withOtherStimuli = session
        withOtherStimuli.snapshot.stimuli = []

        try store.save(withOtherStimuli)
        #expect(try store.session(id: session.id, owner: ada) == session)

        session.status = .failed
        try store.save(session)
        #expect(try store.session(id: session.id)?.status == .failed)
        #expect(try store.session(id: session.id)?.state.spent == MicroUSD(5_321))
    }

    @Test func anotherOwnerFindsNothingAndCannotSave() throws {
        let session = try store.insert(try newSession())
        #expect(try store.session(id: session.id, owner: bob) == nil)
        #expect(try store.sessions(of: group, owner: bob).isEmpty)
        #expect(try store.session(id: SessionID("nope"), owner: ada) == nil)
        #expect(try store.session(id: SessionID(ObjectID().hex)) == nil)
        let forged = try newSession(owner: bob).with(id: session.id)
        #expect(throws: DomainError.self) { try store.save(forged) }
        #expect(try store.session(id: session.id, owner: ada) == session)
    }

    @Test func aGroupsSessionsComeNewestFirst() throws {
        let times = [30.0, 10, 20].map { SessionFixtures.start.addingTimeInterval($0) }
        let inserted = try times.map { try store.insert(try newSession(createdAt: $0)) }
        _ = try store.insert(try newSession(group: FocusGroupID(ObjectID().hex)))
        _ = try store.insert(try newSession(owner: bob))
        #expect(try store.sessions(of: group, owner: ada).map(\.id) == [0, 2, 1].map { inserted[$0].id })
    }

    // MARK: - Messages

    @Test func appendKeepsTheFirstMessageOfASeq() throws {
        let session = try store.insert(try newSession())
        let store = self.store
        let state = SessionFixtures.state(participants: participants)
        let first = SessionFixtures.message(session.id, seq: 1, text: "First", state: state)
        #expect(try store.append(first) == first)
        let again = SessionFixtures.message(
            session.id, seq: 1, text: "Second", speaker: .participant(participants[0]))
        #expect(try store.append(again) == first)
        #expect(try store.messages(of: session.id, afterSeq: 0, limit: 10) == [first])
        #expect(try store.message(of: session.id, seq: 1) == first)
        #expect(try store.message(of: session.id, seq: 2) == nil)

        let racing = Mutex<[String]>([])
        onThreads(8) { index in
            let redo = SessionFixtures.message(session.id, seq: 2, text: "Redo \(index)")
            racing.withLock { $0.append((try? store.append(redo).text) ?? "failed") }
        }
        let kept = try #require(try store.message(of: session.id, seq: 2))
        #expect(racing.withLock { $0 } == Array(repeating: kept.text, count: 8))
        #expect(try store.messages(of: session.id, afterSeq: 0, limit: 10).map(\.seq) == [1, 2])

        let id = try #require(ObjectID(hex: session.id.rawValue))
        let stored = try rawDocument("session_messages", ["session_id": ["$in": [.objectID(id)]]])
        #expect(stored["_id"] == .string("\(session.id.rawValue):000001"))
        #expect(stored["position"] == .null)
        #expect(stored["cost_micro_usd"]?.int64Value == 50)
    }

    @Test func fiftyConcurrentAppendsAreAllStoredInOrder() throws {
        let session = try store.insert(try newSession())
        let store = self.store
        let speakers = participants.map(Speaker.participant) + [.moderator, .human]
        let failures = Mutex<[String]>([])
        onThreads(50) { index in
            do {
                let message = SessionFixtures.message(
                    session.id, seq: index + 1, text: "Turn \(index + 1)", speaker: speakers[index % speakers.count])
                _ = try store.append(message)
            } catch {
                failures.withLock { $0.append(String(reflecting: error)) }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let messages = try store.messages(of: session.id, afterSeq: 0, limit: 100)
        #expect(messages.map(\.seq) == Array(1...50))
        #expect(messages.map(\.text) == (1...50).map { "Turn \($0)" })
        #expect(messages[2].speaker == .participant(participants[2]))
    }

    @Test func messagesPageAfterASeq() throws {
        let session = try store.insert(try newSession())
        for seq in [3, 1, 2, 5, 4, 6] { _ = try store.append(SessionFixtures.message(session.id, seq: seq)) }
        _ = try store.append(SessionFixtures.message(try store.insert(try newSession()).id, seq: 7))
        #expect(try store.messages(of: session.id, afterSeq: 2, limit: 3).map(\.seq) == [3, 4, 5])
        #expect(try store.messages(of: session.id, afterSeq: 5, limit: 10).map(\.seq) == [6])
        #expect(try store.messages(of: session.id, afterSeq: 6, limit: 10).isEmpty)
        #expect(try store.messages(of: session.id, afterSeq: 0, limit: 0).isEmpty)
        #expect(try store.messages(of: SessionID("nope"), afterSeq: 0, limit: 10).isEmpty)
        #expect(
            try store.messages(of: session.id, afterSeq: 0, limit: 10)[1].position
                == GuidePosition(section: 0, question: 1))
    }

    // MARK: - Commands

    @Test func commandsStayPendingUntilDoneInTheOrderGiven() throws {
        let session = try store.insert(try newSession())
        let other = try store.insert(try newSession())
        func command(_ kind: SessionCommand.Kind, id: String = ObjectID().hex, at seconds: Double) -> SessionCommand {
            SessionCommand(
                id: id, sessionID: session.id, kind: kind, text: kind == .interject ? "Louder" : nil,
                personaID: kind == .mention ? participants[1] : nil,
                createdAt: SessionFixtures.start.addingTimeInterval(seconds))
        }
        let pause = command(.pause, at: 1)
        let interject = command(.interject, at: 2)
        let mention = command(.mention, at: 3)
        try store.add(mention)
        try store.add(pause)
        try store.add(interject)
        try store.add(command(.takeOver, id: "", at: 4))
        try store.add(
            SessionCommand(
                id: ObjectID().hex, sessionID: other.id, kind: .cancel, text: nil, personaID: nil,
                createdAt: SessionFixtures.start))

        let pending = try store.pendingCommands(of: session.id)
        #expect(Array(pending.prefix(3)) == [pause, interject, mention])
        #expect(pending.last?.kind == .takeOver)
        #expect(ObjectID(hex: pending.last?.id ?? "") != nil)

        try store.markDone(interject)
        try store.markDone(interject)
        #expect(try store.pendingCommands(of: session.id).map(\.kind) == [.pause, .mention, .takeOver])
        for done in try store.pendingCommands(of: session.id) { try store.markDone(done) }
        #expect(try store.pendingCommands(of: session.id).isEmpty)
        #expect(try store.pendingCommands(of: other.id).map(\.kind) == [.cancel])
        #expect(throws: DomainError.self) { try store.add(pause) }
    }
}
