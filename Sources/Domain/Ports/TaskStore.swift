public import Foundation

/// Durable tasks (`tasks`). Every lease-guarded write applies the rules of `TaskRecord+Lease.swift`
/// atomically: two runners never hold the same task, and only the lease owner writes progress or the end.
public protocol TaskStore: Sendable {
    /// Inserts a queued task unless its user already has `activeLimit` queued or running tasks
    /// (then throws `.tooManyTasks` and nothing stays stored).
    func create(_ task: NewTask, activeLimit: Int) throws -> TaskRecord
    /// The oldest claimable task of one of `kinds` (`TaskRecord.isClaimable`), claimed for `owner`
    /// until `leaseUntil` with one more attempt; nil when there is none.
    func claim(kinds: [TaskKind], owner: RunnerID, at now: Date, leaseUntil: Date) throws -> TaskRecord?
    /// Extends `owner`'s lease; `.lost` when someone else holds the task or it ended.
    func renewLease(_ id: TaskID, owner: RunnerID, until leaseUntil: Date, at now: Date) throws -> LeaseRenewal
    /// Progress and optionally the step reached; false when `owner` no longer holds the task.
    func saveProgress(
        _ id: TaskID, owner: RunnerID, progress: TaskProgress, checkpoint: JSONValue?, at now: Date
    ) throws -> Bool
    /// Ends the task; false when `owner` no longer holds it.
    func finish(_ id: TaskID, owner: RunnerID, outcome: TaskOutcome, at now: Date, expiresAt: Date) throws -> Bool
    /// Puts the task back in the queue without counting the attempt; false when `owner` no longer holds it.
    func release(_ id: TaskID, owner: RunnerID, at now: Date) throws -> Bool
    /// The owner's cancel (`TaskRecord.requestCancel`): `.notFound` for another user's or a missing task,
    /// `.conflict` for a finished one.
    func requestCancel(_ id: TaskID, of user: UserID, at now: Date, expiresAt: Date) throws -> TaskRecord
    /// The task's `cancel_requested` flag (false for a missing task).
    func isCancelRequested(_ id: TaskID) throws -> Bool
    /// The task if `user` owns it.
    func task(_ id: TaskID, of user: UserID) throws -> TaskRecord?
    /// The user's tasks, newest first.
    func tasks(of user: UserID, page: PageRequest) throws -> Page<TaskRecord>
    /// Deletes finished tasks whose `expiresAt` has passed; returns how many.
    func sweep(at now: Date) throws -> Int
}
