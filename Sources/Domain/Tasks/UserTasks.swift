import Foundation

/// A user's view of their tasks: read, list, cancel. Another user's task is `.notFound`, never `.forbidden`.
public struct UserTasks: Sendable {
    private let store: any TaskStore
    private let clock: any Clock
    private let policy: TaskPolicy

    public init(store: any TaskStore, clock: any Clock, policy: TaskPolicy) {
        self.store = store
        self.clock = clock
        self.policy = policy
    }

    public func task(_ id: TaskID, of user: UserID) throws -> TaskRecord {
        guard let task = try store.task(id, of: user) else { throw Self.notFound }
        return task
    }

    /// Newest first.
    public func tasks(of user: UserID, page: PageRequest) throws -> Page<TaskRecord> {
        try store.tasks(of: user, page: page)
    }

    /// Cancels a queued task at once and flags a running one (its runner stops at its next step).
    /// `.conflict` when it has already finished.
    public func cancel(_ id: TaskID, of user: UserID) throws -> TaskRecord {
        let now = clock.now
        return try store.requestCancel(id, of: user, at: now, expiresAt: now.addingTimeInterval(policy.retention))
    }

    static let notFound = DomainError(.notFound, "No such task.")
}
