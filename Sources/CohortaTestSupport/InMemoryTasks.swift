public import Domain
public import Foundation
import Synchronization

/// `TaskStore` in memory: every operation applies the `TaskRecord+Lease` rules under one lock, so it is
/// the reference behaviour `MongoTaskStore` must match. Ids are sequential 24-digit hex.
public final class InMemoryTasks: TaskStore {
    private struct State {
        var tasks: [TaskID: TaskRecord] = [:]
        var nextID = 1
    }

    private let state = Mutex(State())  // guards tasks and nextID

    public init() {}

    public func create(_ task: NewTask, activeLimit: Int) throws -> TaskRecord {
        try state.withLock { state in
            let active = state.tasks.values.filter { $0.userID == task.userID && $0.status.isActive }.count
            guard active < activeLimit else { throw DomainError.tooManyTasks(limit: activeLimit) }
            let record = TaskRecord(id: TaskID(String(format: "%024x", state.nextID)), task)
            state.nextID += 1
            state.tasks[record.id] = record
            return record
        }
    }

    public func claim(kinds: [TaskKind], owner: RunnerID, at now: Date, leaseUntil: Date) throws -> TaskRecord? {
        state.withLock { state in
            let candidates = state.tasks.values
                .filter { kinds.contains($0.kind) && $0.isClaimable(at: now) }
                .sorted { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }
            guard var task = candidates.first, task.claim(by: owner, at: now, leaseUntil: leaseUntil) else {
                return nil
            }
            state.tasks[task.id] = task
            return task
        }
    }

    public func renewLease(_ id: TaskID, owner: RunnerID, until leaseUntil: Date, at now: Date) throws -> LeaseRenewal {
        update(id) { $0.renewLease(by: owner, until: leaseUntil, at: now) } ?? .lost
    }

    public func saveProgress(
        _ id: TaskID, owner: RunnerID, progress: TaskProgress, checkpoint: JSONValue?, at now: Date
    ) throws -> Bool {
        update(id) { $0.save(progress, checkpoint: checkpoint, by: owner, at: now) } ?? false
    }

    public func finish(
        _ id: TaskID, owner: RunnerID, outcome: TaskOutcome, at now: Date, expiresAt: Date
    ) throws -> Bool {
        update(id) { $0.finish(outcome, by: owner, at: now, expiresAt: expiresAt) } ?? false
    }

    public func release(_ id: TaskID, owner: RunnerID, at now: Date) throws -> Bool {
        update(id) { $0.release(by: owner, at: now) } ?? false
    }

    public func requestCancel(_ id: TaskID, of user: UserID, at now: Date, expiresAt: Date) throws -> TaskRecord {
        try state.withLock { state in
            guard var task = state.tasks[id], task.userID == user else {
                throw DomainError(.notFound, "No such task.")
            }
            try task.requestCancel(at: now, expiresAt: expiresAt)
            state.tasks[id] = task
            return task
        }
    }

    public func isCancelRequested(_ id: TaskID) throws -> Bool {
        state.withLock { $0.tasks[id]?.cancelRequested ?? false }
    }

    public func task(_ id: TaskID, of user: UserID) throws -> TaskRecord? {
        state.withLock { state in state.tasks[id].flatMap { $0.userID == user ? $0 : nil } }
    }

    public func tasks(of user: UserID, page: PageRequest) throws -> Page<TaskRecord> {
        state.withLock { state in
            let mine = state.tasks.values.filter { $0.userID == user }
                .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
            return Page(
                items: Array(mine.dropFirst(page.offset).prefix(page.perPage)), request: page, total: mine.count)
        }
    }

    public func sweep(at now: Date) throws -> Int {
        state.withLock { state in
            let expired = state.tasks.values.filter { task in
                task.status.isFinished && task.expiresAt.map { $0 <= now } ?? false
            }
            for task in expired { state.tasks[task.id] = nil }
            return expired.count
        }
    }

    /// The stored task, whoever owns it (for tests).
    public func task(_ id: TaskID) -> TaskRecord? { state.withLock { $0.tasks[id] } }

    private func update<R>(_ id: TaskID, _ body: (inout TaskRecord) -> R) -> R? {
        state.withLock { state in
            guard var task = state.tasks[id] else { return nil }
            let result = body(&task)
            state.tasks[id] = task
            return result
        }
    }
}
