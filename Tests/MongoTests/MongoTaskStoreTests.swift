import BSON
import Domain
import Foundation
import Synchronization
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoTaskStoreTests {
    let fixture: MongoFixture
    let store: MongoTaskStore
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let kind = TaskKind("test.steps")

    init() throws {
        fixture = try MongoFixture()
        store = MongoTaskStore(pool: fixture.pool, database: fixture.database)
    }

    private func user() -> UserID { UserID(ObjectID().hex) }

    @discardableResult
    private func create(
        for user: UserID, kind: TaskKind? = nil, at offset: TimeInterval = 0, limit: Int = 100
    ) throws -> TaskRecord {
        try store.create(
            NewTask(
                userID: user, kind: kind ?? self.kind, input: .object([("n", .number(3))]),
                createdAt: start.addingTimeInterval(offset)), activeLimit: limit)
    }

    private func claim(_ owner: String, at offset: TimeInterval = 1) throws -> TaskRecord? {
        let now = start.addingTimeInterval(offset)
        return try store.claim(kinds: [kind], owner: RunnerID(owner), at: now, leaseUntil: now.addingTimeInterval(15))
    }

    @Test func createdTaskIsQueuedAndReadableByItsOwnerOnly() throws {
        let ada = user()
        let task = try create(for: ada)
        #expect(task.status == .queued)
        #expect(task.input == .object([("n", .number(3))]))
        #expect(try store.task(task.id, of: ada)?.id == task.id)
        #expect(try store.task(task.id, of: user()) == nil)
    }

    @Test func claimTakesTheOldestTaskOfItsKindsAndCountsAnAttempt() throws {
        let ada = user()
        try create(for: ada, kind: TaskKind("other"), at: 0)
        let older = try create(for: ada, at: 1)
        try create(for: ada, at: 2)
        let claimed = try #require(try claim("r1", at: 3))
        #expect(claimed.id == older.id)
        #expect(claimed.status == .running)
        #expect(claimed.attempts == 1)
        #expect(claimed.lease?.owner == RunnerID("r1"))
    }

    @Test func concurrentClaimersNeverGetTheSameTask() throws {
        let ada = user()
        for index in 0..<24 { try create(for: ada, at: Double(index) / 10) }
        let claimed = Mutex<[TaskID]>([])
        let store = self.store
        let kind = self.kind
        let now = start.addingTimeInterval(10)
        onThreads(6) { thread in
            while let task = try? store.claim(
                kinds: [kind], owner: RunnerID("r\(thread)"), at: now, leaseUntil: now.addingTimeInterval(15))
            {
                claimed.withLock { $0.append(task.id) }
            }
        }
        let ids = claimed.withLock { $0 }
        #expect(ids.count == 24)
        #expect(Set(ids).count == 24)
    }

    @Test func onlyTheLeaseOwnerRenewsSavesAndFinishes() throws {
        let task = try create(for: user())
        _ = try claim("owner")
        let later = start.addingTimeInterval(5)
        #expect(try store.renewLease(task.id, owner: RunnerID("thief"), until: later, at: later) == .lost)
        #expect(
            try !store.saveProgress(
                task.id, owner: RunnerID("thief"), progress: TaskProgress(done: 1), checkpoint: nil, at: later))
        #expect(
            try !store.finish(
                task.id, owner: RunnerID("thief"), outcome: .succeeded(.null), at: later, expiresAt: later))
        #expect(
            try store.renewLease(task.id, owner: RunnerID("owner"), until: later.addingTimeInterval(15), at: later)
                == .renewed(cancelRequested: false))
        #expect(
            try store.saveProgress(
                task.id, owner: RunnerID("owner"), progress: TaskProgress(done: 1, total: 3, message: "step 1"),
                checkpoint: .object([("step", .number(1))]), at: later))
        #expect(
            try store.finish(
                task.id, owner: RunnerID("owner"), outcome: .succeeded(.array([.string("done")])), at: later,
                expiresAt: later.addingTimeInterval(60)))
        let finished = try #require(try store.task(task.id, of: task.userID))
        #expect(finished.status == .succeeded)
        #expect(finished.result == .array([.string("done")]))
        #expect(finished.progress == TaskProgress(done: 1, total: 3, message: "step 1"))
        #expect(finished.lease == nil)
    }

    @Test func anExpiredLeaseIsReclaimedWithItsCheckpointAndTheOldOwnerIsLockedOut() throws {
        let task = try create(for: user())
        _ = try claim("crashed", at: 1)
        _ = try store.saveProgress(
            task.id, owner: RunnerID("crashed"), progress: TaskProgress(done: 2, total: 3),
            checkpoint: .object([("step", .number(2))]), at: start.addingTimeInterval(2))
        #expect(try claim("second", at: 10) == nil)  // lease still valid
        let resumed = try #require(try claim("second", at: 17))
        #expect(resumed.attempts == 2)
        #expect(resumed.checkpoint == .object([("step", .number(2))]))
        let now = start.addingTimeInterval(18)
        #expect(try store.renewLease(task.id, owner: RunnerID("crashed"), until: now, at: now) == .lost)
    }

    @Test func releaseRequeuesWithoutCountingTheAttempt() throws {
        let task = try create(for: user())
        _ = try claim("stopping")
        #expect(try store.release(task.id, owner: RunnerID("stopping"), at: start.addingTimeInterval(2)))
        let again = try #require(try claim("next", at: 3))
        #expect(again.attempts == 1)
    }

    @Test func cancellingAQueuedTaskEndsItAndARunningOneIsFlagged() throws {
        let ada = user()
        let queued = try create(for: ada, at: 5)
        let running = try create(for: ada, at: 0)
        _ = try claim("r1", at: 6)
        let now = start.addingTimeInterval(7)
        let cancelled = try store.requestCancel(queued.id, of: ada, at: now, expiresAt: now)
        #expect(cancelled.status == .cancelled)
        let flagged = try store.requestCancel(running.id, of: ada, at: now, expiresAt: now)
        #expect(flagged.status == .running)
        #expect(flagged.cancelRequested)
        #expect(try store.isCancelRequested(running.id))
        #expect(
            try store.renewLease(running.id, owner: RunnerID("r1"), until: now, at: now)
                == .renewed(cancelRequested: true))
        #expect(throws: DomainError.self) { try store.requestCancel(queued.id, of: ada, at: now, expiresAt: now) }
    }

    @Test func anotherUsersTaskCannotBeCancelled() throws {
        let task = try create(for: user())
        let error = #expect(throws: DomainError.self) {
            try store.requestCancel(task.id, of: user(), at: start, expiresAt: start)
        }
        #expect(error?.code == .notFound)
    }

    @Test func theActiveBoundHoldsUnderConcurrentCreation() throws {
        let ada = user()
        let admitted = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let store = self.store
        let kind = self.kind
        let start = self.start
        onThreads(8) { index in
            do {
                _ = try store.create(
                    NewTask(userID: ada, kind: kind, input: .null, createdAt: start.addingTimeInterval(Double(index))),
                    activeLimit: 3)
                admitted.add(1, ordering: .relaxed)
            } catch let error as DomainError where error.code == .tooManyTasks {
                refused.add(1, ordering: .relaxed)
            } catch {}
        }
        #expect(admitted.load(ordering: .relaxed) <= 3)
        #expect(admitted.load(ordering: .relaxed) + refused.load(ordering: .relaxed) == 8)
        let page = try store.tasks(of: ada, page: try #require(PageRequest()))
        #expect(page.total == admitted.load(ordering: .relaxed))
    }

    @Test func listIsNewestFirstAndOnlyMine() throws {
        let ada = user()
        for offset in 0..<3 { try create(for: ada, at: Double(offset)) }
        try create(for: user())
        let page = try store.tasks(of: ada, page: try #require(PageRequest(page: 1, perPage: 2)))
        #expect(page.total == 3)
        #expect(page.items.map(\.createdAt) == [start.addingTimeInterval(2), start.addingTimeInterval(1)])
    }

    @Test func sweepDeletesOnlyFinishedTasksPastTheirExpiry() throws {
        let ada = user()
        let done = try create(for: ada, at: 0)
        let active = try create(for: ada, at: 1)
        _ = try claim("r1", at: 2)
        #expect(
            try store.finish(
                done.id, owner: RunnerID("r1"), outcome: .failed(TaskFailure(.internal, "x")),
                at: start.addingTimeInterval(3), expiresAt: start.addingTimeInterval(100)))
        #expect(try store.sweep(at: start.addingTimeInterval(50)) == 0)
        #expect(try store.sweep(at: start.addingTimeInterval(101)) == 1)
        #expect(try store.task(done.id, of: ada) == nil)
        #expect(try store.task(active.id, of: ada) != nil)
    }
}
