public import Foundation

/// The life of one claimed task inside a runner, as events → actions (the runner shell performs the
/// actions; nothing here does I/O or reads a clock). One per claimed task; the executing thread and the
/// heartbeat thread share it under a lock.
public struct TaskLeaseStateMachine: Sendable {
    public enum Action: Equatable, Sendable {
        /// Start (or resume) the executor from the task's checkpoint.
        case run(resumeFrom: JSONValue)
        /// Renew the lease until the given time.
        case renewLease(until: Date)
        /// Write the final state.
        case finish(TaskOutcome)
        /// Put the task back in the queue (the process is stopping) without counting the attempt.
        case release
        /// Stop without writing: another runner owns the task now.
        case abandon
        case none
    }

    private enum State: Equatable {
        case claimed
        case running(lastRenewal: Date, leaseExpiresAt: Date)
        case done
    }

    public let task: TaskRecord
    private let policy: TaskPolicy
    private var state: State = .claimed
    /// Set by a heartbeat or a cancel check; the executor sees it through `TaskContext.isCancelled`.
    public private(set) var cancelRequested: Bool

    public init(task: TaskRecord, policy: TaskPolicy) {
        self.task = task
        self.policy = policy
        cancelRequested = task.cancelRequested
    }

    public var isDone: Bool { state == .done }

    /// Right after the claim: fail a task whose runners kept dying, cancel one cancelled meanwhile, else run.
    public mutating func claimed(at now: Date) -> Action {
        guard state == .claimed else { return .none }
        if task.attempts > policy.maxAttempts {
            state = .done
            return .finish(.failed(.attemptsExhausted))
        }
        if task.cancelRequested {
            state = .done
            return .finish(.cancelled)
        }
        state = .running(lastRenewal: now, leaseExpiresAt: task.lease?.expiresAt ?? now)
        return .run(resumeFrom: task.checkpoint)
    }

    /// The heartbeat thread's tick: renew when due; give up once the lease ran out unrenewed.
    public mutating func heartbeatDue(at now: Date) -> Action {
        guard case .running(let lastRenewal, let expiresAt) = state else { return .none }
        if expiresAt <= now {
            state = .done
            return .abandon
        }
        guard now.timeIntervalSince(lastRenewal) >= policy.heartbeatInterval else { return .none }
        return .renewLease(until: now.addingTimeInterval(policy.leaseDuration))
    }

    /// The store answered a renewal.
    public mutating func leaseRenewed(_ renewal: LeaseRenewal, until leaseUntil: Date, at now: Date) -> Action {
        guard case .running = state else { return .none }
        switch renewal {
        case .renewed(let cancel):
            cancelRequested = cancelRequested || cancel
            state = .running(lastRenewal: now, leaseExpiresAt: leaseUntil)
            return .none
        case .lost:
            state = .done
            return .abandon
        }
    }

    /// A direct read of the task's cancel flag (the executor's `isCancelled`).
    public mutating func cancelObserved() {
        cancelRequested = true
    }

    /// The executor returned or threw.
    public mutating func executorEnded(_ result: Result<JSONValue, TaskFailure>) -> Action {
        guard case .running = state else { return .none }
        state = .done
        switch result {
        case .success(let value): return .finish(.succeeded(value))
        case .failure(let failure) where failure.code == .cancelled: return .finish(.cancelled)
        case .failure(let failure) where failure.code == .leaseLost: return .abandon
        case .failure(let failure) where failure.code == .interrupted: return .release
        case .failure(let failure): return .finish(.failed(failure))
        }
    }
}
