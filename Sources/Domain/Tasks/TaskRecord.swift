public import Foundation

/// A durable task as stored: who owns it, what it does, how far it got, and who runs it now.
/// The lease rules that move it between states are in `TaskRecord+Lease.swift`.
public struct TaskRecord: Sendable, Equatable {
    public let id: TaskID
    public let userID: UserID
    public let kind: TaskKind
    public var status: TaskStatus
    public var progress: TaskProgress
    public let input: JSONValue
    /// The last step the executor persisted (`.null` before the first); a resumed run starts after it.
    public var checkpoint: JSONValue
    public var result: JSONValue?
    public var error: TaskFailure?
    /// How many times a runner claimed the task (a crash costs one).
    public var attempts: Int
    public var lease: TaskLease?
    public var cancelRequested: Bool
    public let createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// When the sweep may delete a finished task (nil while active).
    public var expiresAt: Date?

    public init(
        id: TaskID, userID: UserID, kind: TaskKind, status: TaskStatus, progress: TaskProgress, input: JSONValue,
        checkpoint: JSONValue = .null, result: JSONValue? = nil, error: TaskFailure? = nil, attempts: Int = 0,
        lease: TaskLease? = nil, cancelRequested: Bool = false, createdAt: Date, updatedAt: Date,
        finishedAt: Date? = nil, expiresAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.status = status
        self.progress = progress
        self.input = input
        self.checkpoint = checkpoint
        self.result = result
        self.error = error
        self.attempts = attempts
        self.lease = lease
        self.cancelRequested = cancelRequested
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.expiresAt = expiresAt
    }

    /// A freshly created, queued task.
    public init(id: TaskID, _ new: NewTask) {
        self.init(
            id: id, userID: new.userID, kind: new.kind, status: .queued, progress: new.progress, input: new.input,
            createdAt: new.createdAt, updatedAt: new.createdAt)
    }
}
