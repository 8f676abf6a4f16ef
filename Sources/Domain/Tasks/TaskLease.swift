public import Foundation

/// A runner's claim on a running task, valid until `expiresAt` unless renewed by a heartbeat.
public struct TaskLease: Sendable, Equatable {
    public var owner: RunnerID
    public var expiresAt: Date

    public init(owner: RunnerID, expiresAt: Date) {
        self.owner = owner
        self.expiresAt = expiresAt
    }

    /// An expired lease means its runner died or stalled: any runner may claim the task again.
    public func isExpired(at now: Date) -> Bool { expiresAt <= now }
}
