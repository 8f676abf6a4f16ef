public import Foundation

/// The lease rules, pure: every `TaskStore` applies exactly these (the in-memory one by calling them,
/// `MongoTaskStore` as the equivalent guarded updates). `now` is always injected.
extension TaskRecord {
    /// Queued, or running under a lease that expired (its runner died or stalled).
    public func isClaimable(at now: Date) -> Bool {
        switch status {
        case .queued: true
        case .running: lease.map { $0.isExpired(at: now) } ?? true
        case .succeeded, .failed, .cancelled: false
        }
    }

    /// Whether `owner` holds the lease of this running task (expired or not: until someone else claims it).
    public func isHeld(by owner: RunnerID) -> Bool {
        status == .running && lease?.owner == owner
    }

    /// Takes the task for `owner` until `leaseUntil`, counting one attempt. False when not claimable.
    public mutating func claim(by owner: RunnerID, at now: Date, leaseUntil: Date) -> Bool {
        guard isClaimable(at: now) else { return false }
        status = .running
        lease = TaskLease(owner: owner, expiresAt: leaseUntil)
        attempts += 1
        updatedAt = now
        return true
    }

    /// Extends the lease; only its owner may.
    public mutating func renewLease(by owner: RunnerID, until leaseUntil: Date, at now: Date) -> LeaseRenewal {
        guard isHeld(by: owner) else { return .lost }
        lease?.expiresAt = leaseUntil
        updatedAt = now
        return .renewed(cancelRequested: cancelRequested)
    }

    /// Records progress (and the step reached, when given); only the lease owner may.
    public mutating func save(
        _ progress: TaskProgress, checkpoint: JSONValue?, by owner: RunnerID, at now: Date
    ) -> Bool {
        guard isHeld(by: owner) else { return false }
        self.progress = progress
        if let checkpoint { self.checkpoint = checkpoint }
        updatedAt = now
        return true
    }

    /// Ends the task; only the lease owner may. Finished tasks expire `expiresAt`.
    public mutating func finish(_ outcome: TaskOutcome, by owner: RunnerID, at now: Date, expiresAt: Date) -> Bool {
        guard isHeld(by: owner) else { return false }
        end(outcome, at: now, expiresAt: expiresAt)
        return true
    }

    /// Hands the task back to the queue without counting the attempt (the runner is stopping).
    public mutating func release(by owner: RunnerID, at now: Date) -> Bool {
        guard isHeld(by: owner) else { return false }
        status = .queued
        lease = nil
        attempts = max(0, attempts - 1)
        updatedAt = now
        return true
    }

    /// The owner's cancel: a queued task is cancelled at once, a running one is flagged for its runner
    /// (which stops at its next step). Throws `.conflict` for a finished task.
    public mutating func requestCancel(at now: Date, expiresAt: Date) throws {
        switch status {
        case .queued:
            cancelRequested = true
            end(.cancelled, at: now, expiresAt: expiresAt)
        case .running:
            cancelRequested = true
            updatedAt = now
        case .succeeded, .failed, .cancelled:
            throw DomainError(.conflict, "This task has already finished.")
        }
    }

    private mutating func end(_ outcome: TaskOutcome, at now: Date, expiresAt: Date) {
        status = outcome.status
        switch outcome {
        case .succeeded(let value): result = value
        case .failed(let failure): error = failure
        case .cancelled: error = .cancelled
        }
        lease = nil
        updatedAt = now
        finishedAt = now
        self.expiresAt = expiresAt
    }
}
