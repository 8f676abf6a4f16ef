import BSON
import CohortaTestSupport
import Domain
import Foundation
import Logging
import Synchronization
import Testing

@testable import Mongo

/// The feed against nx-27017: every mapping, order, a resume after a stream failure, stop.
@Suite(.nxServer)
struct ChangeFeedTests {
    let fixture: MongoFixture
    let feed: MongoChangeFeed
    let changes = ChangeCollector()
    let sessions: MongoSessionStore
    let ada = UserID(ObjectID().hex)
    let participants = (0..<3).map { _ in PersonaID(ObjectID().hex) }

    init() throws {
        fixture = try MongoFixture()
        feed = MongoChangeFeed(
            pool: fixture.pool, database: fixture.database,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        sessions = MongoSessionStore(pool: fixture.pool, database: fixture.database)
        let changes = self.changes
        try feed.start { changes.append($0.change) }
    }

    func newSession() throws -> FocusGroupSession {
        try sessions.insert(
            try SessionFixtures.session(owner: ada, group: FocusGroupID(ObjectID().hex), participants: participants))
    }

    // MARK: - Mappings

    @Test func aStoredMessageArrivesWhole() throws {
        defer { feed.stop() }
        let session = try newSession()
        let state = SessionFixtures.state(participants: participants)
        let message = try sessions.append(SessionFixtures.message(session.id, seq: 1, text: "Hi", state: state))
        let delivered = try changes.first(within: .seconds(5)) { $0.message }
        #expect(delivered == message)
    }

    @Test func aSessionArrivesWhenCreatedAndWhenSaved() throws {
        defer { feed.stop() }
        let session = try newSession()
        #expect(try changes.first(within: .seconds(5)) { $0.session } == session)
        var saved = session
        saved.status = .paused
        saved.updatedAt = session.updatedAt.addingTimeInterval(5)
        try sessions.save(saved)
        #expect(
            try changes.first(within: .seconds(5)) { $0.session.flatMap { $0.status == .paused ? $0 : nil } } == saved)
    }

    @Test func everyKindOfLiveActivityArrives() throws {
        defer { feed.stop() }
        let live = MongoLiveActivityStore(pool: fixture.pool, database: fixture.database)
        let session = SessionID(ObjectID().hex)
        let poll = GuidePoll(
            id: "s1p", kind: .likert, question: "How quick?", options: ["1", "2", "3", "4", "5"], samples: 3)
        let published = [
            LiveActivity(
                sessionID: session,
                kind: .speaking(seq: 4, speaker: .participant(participants[1]), speakerName: "Ada", draft: "I th"),
                updatedAt: SessionFixtures.start),
            LiveActivity(
                sessionID: session,
                kind: .speaking(seq: 4, speaker: .participant(participants[1]), speakerName: "Ada", draft: "I think"),
                updatedAt: SessionFixtures.start.addingTimeInterval(0.1).millisecondPrecision),
            LiveActivity(
                sessionID: session, kind: .polling(section: 1, poll: poll),
                updatedAt: SessionFixtures.start.addingTimeInterval(1)),
            LiveActivity(sessionID: session, kind: .idle, updatedAt: SessionFixtures.start.addingTimeInterval(2)),
        ]
        for activity in published { try live.publish(activity) }
        let delivered = try changes.all(within: .seconds(5), count: published.count) { $0.activity }
        #expect(delivered == published)
    }

    @Test func aCommandArrivesOnlyOnceDone() throws {
        defer { feed.stop() }
        let session = try newSession()
        let command = SessionCommand(
            id: ObjectID().hex, sessionID: session.id, kind: .interject, text: "Louder", personaID: participants[0],
            createdAt: SessionFixtures.start)
        try sessions.add(command)
        try sessions.markDone(command)
        #expect(try changes.first(within: .seconds(5)) { $0.commandDone } == command)
        #expect(changes.snapshot.compactMap(\.commandDone).count == 1)
    }

    @Test func aTaskArrivesWhenQueuedAndWhenItMoves() throws {
        defer { feed.stop() }
        let tasks = MongoTaskStore(pool: fixture.pool, database: fixture.database)
        let kind = TaskKind("test.feed")
        let task = try tasks.create(
            NewTask(userID: ada, kind: kind, input: .object([("n", .number(3))]), createdAt: SessionFixtures.start),
            activeLimit: 10)
        let now = SessionFixtures.start.addingTimeInterval(1)
        let claimed = try #require(
            try tasks.claim(kinds: [kind], owner: RunnerID("r1"), at: now, leaseUntil: now.addingTimeInterval(15)))
        #expect(
            try changes.first(within: .seconds(5)) { $0.task.flatMap { $0.status == .queued ? $0 : nil } }?.id
                == task.id)
        let running = try changes.first(within: .seconds(5)) { $0.task.flatMap { $0.status == .running ? $0 : nil } }
        #expect(running == claimed)
    }

    @Test func aUserArrivesWhenChanged() throws {
        defer { feed.stop() }
        let users = MongoUserStore(pool: fixture.pool, database: fixture.database)
        let address = try #require(EmailAddress("feed\(ObjectID().hex)@example.com"))
        let user = try users.insert(
            NewUser(
                email: address, passwordHash: PasswordHash("$2b$12$hash"), role: .user, trialCredits: Credits(50),
                createdAt: SessionFixtures.start))
        let admin = try users.setRole(.admin, of: user.id)
        #expect(try changes.first(within: .seconds(5)) { $0.user.flatMap { $0.role == .admin ? $0 : nil } } == admin)
    }

    // MARK: - Order, resume, stop

    @Test func messagesArriveInTheOrderStored() throws {
        defer { feed.stop() }
        let session = try newSession()
        for seq in 1...30 { _ = try sessions.append(SessionFixtures.message(session.id, seq: seq)) }
        let delivered = try changes.all(within: .seconds(10), count: 30) { $0.message }
        #expect(delivered.map(\.seq) == Array(1...30))
    }

    @Test func aResumeAfterAStreamFailureLosesNothingAndRepeatsNothing() throws {
        defer { feed.stop() }
        let session = try newSession()
        for seq in 1...5 { _ = try sessions.append(SessionFixtures.message(session.id, seq: seq)) }
        _ = try changes.all(within: .seconds(5), count: 5) { $0.message }
        let follower = try #require(feed.followers.first { $0.watched.name == "session_messages" })
        follower.simulateFailure()
        try waitUntil(within: .seconds(5)) { follower.failures.load(ordering: .relaxed) == 1 }
        // The stream is gone and the follower is backing off: these writes happen while nothing listens.
        for seq in 6...10 { _ = try sessions.append(SessionFixtures.message(session.id, seq: seq)) }
        try waitUntil(within: .seconds(5)) { follower.reopenings.load(ordering: .relaxed) == 1 }
        for seq in 11...15 { _ = try sessions.append(SessionFixtures.message(session.id, seq: seq)) }
        _ = try changes.all(within: .seconds(10), count: 15) { $0.message }
        usleep(300_000)  // anything repeated would arrive by now
        #expect(changes.snapshot.compactMap(\.message).map(\.seq) == Array(1...15))
        #expect(!changes.snapshot.contains { $0.lostCollection != nil })
    }

    @Test func anInvalidatedStreamStartsFromNowAndSaysItLostItsPlace() throws {
        defer { feed.stop() }
        let session = try newSession()
        let follower = try #require(feed.followers.first { $0.watched.name == "session_messages" })
        follower.simulateInvalidation()
        try waitUntil(within: .seconds(5)) { follower.reopenings.load(ordering: .relaxed) == 1 }
        #expect(changes.snapshot.compactMap(\.lostCollection) == ["session_messages"])
        let message = try sessions.append(SessionFixtures.message(session.id, seq: 1))
        #expect(try changes.first(within: .seconds(5)) { $0.message } == message)
    }

    @Test func stopJoinsEveryThreadPromptlyAndDeliversNothingAfter() throws {
        let clock = ContinuousClock()
        let took = clock.measure { feed.stop() }
        #expect(took < .seconds(1))
        let session = try newSession()
        _ = try sessions.append(SessionFixtures.message(session.id, seq: 1))
        usleep(300_000)
        #expect(changes.snapshot.isEmpty)
        feed.stop()  // a second stop does nothing
    }

    @Test func startThrowsWhenTheServerCannotBeReached() throws {
        let port = try NXServer.freePort()
        let pool = try MongoClientPool(
            uri: "mongodb://127.0.0.1:\(port)/?directConnection=true&serverSelectionTimeoutMS=200",
            appName: "cohorta-tests", maxSize: MongoChangeFeed.pooledClients)
        let unreachable = MongoChangeFeed(pool: pool, database: "nowhere", logger: Logger(label: "test"))
        #expect(throws: MongoError.self) { try unreachable.start { _ in } }
        #expect(unreachable.followers.isEmpty)
        feed.stop()
    }
}

/// Collects what a feed delivers (from its threads) for a test to wait on.
final class ChangeCollector: Sendable {
    /// Everything delivered so far, in arrival order; guarded by its mutex.
    private let changes = Mutex<[StoredChange]>([])

    func append(_ change: StoredChange) { changes.withLock { $0.append(change) } }

    var snapshot: [StoredChange] { changes.withLock { $0 } }

    /// The first delivered change `pick` accepts, waiting up to `timeout` for one.
    func first<T>(within timeout: Duration, _ pick: (StoredChange) -> T?) throws -> T {
        try all(within: timeout, count: 1, pick)[0]
    }

    /// The first `count` delivered changes `pick` accepts, waiting up to `timeout` for them.
    func all<T>(within timeout: Duration, count: Int, _ pick: (StoredChange) -> T?) throws -> [T] {
        var picked: [T] = []
        try waitUntil(within: timeout) {
            picked = snapshot.compactMap(pick)
            return picked.count >= count
        }
        return Array(picked.prefix(count))
    }
}

struct TimedOut: Error {}

func waitUntil(within timeout: Duration, _ condition: () -> Bool) throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        guard clock.now < deadline else { throw TimedOut() }
        usleep(10_000)
    }
}

extension StoredChange {
    var message: SessionMessage? { if case .message(let value) = self { value } else { nil } }
    var session: FocusGroupSession? { if case .session(let value) = self { value } else { nil } }
    var activity: LiveActivity? { if case .activity(let value) = self { value } else { nil } }
    var commandDone: SessionCommand? { if case .commandDone(let value) = self { value } else { nil } }
    var task: TaskRecord? { if case .task(let value) = self { value } else { nil } }
    var user: User? { if case .user(let value) = self { value } else { nil } }
    var lostCollection: String? { if case .positionLost(let value) = self { value } else { nil } }
}
