/// One worker position of the current generation: running, or waiting out a respawn backoff.
/// Pure: the clock arrives in every event.
public struct WorkerSlot: Sendable, Equatable {
    public typealias Instant = ContinuousClock.Instant

    public enum State: Sendable, Equatable {
        /// Needs a process (at start, after a reload, or when a backoff has elapsed).
        case idle
        case running(pid: Int32, since: Instant)
        case backingOff(until: Instant)
    }

    public enum Action: Sendable, Equatable {
        case respawn(after: Duration)
    }

    /// A worker that ran this long before dying counts as healthy again: its next crash respawns fast.
    public static let stableAfter: Duration = .seconds(10)
    public static let firstDelay: Duration = .milliseconds(100)
    public static let maximumDelay: Duration = .seconds(10)

    public private(set) var state: State = .idle
    /// Consecutive short-lived runs; drives the exponential backoff.
    public private(set) var consecutiveFailures = 0

    public init() {}

    public var pid: Int32? {
        if case .running(let pid, _) = state { return pid }
        return nil
    }

    public mutating func started(pid: Int32, at now: Instant) {
        state = .running(pid: pid, since: now)
    }

    /// The process is gone (any status: a worker of the current generation should never exit on its own).
    public mutating func childExited(at now: Instant) -> Action {
        if case .running(_, let since) = state, now - since >= Self.stableAfter { consecutiveFailures = 0 }
        return backOff(at: now)
    }

    /// fork(2) itself failed.
    public mutating func spawnFailed(at now: Instant) -> Action { backOff(at: now) }

    /// True (and back to `.idle`) when a backoff has elapsed and the slot needs a process.
    public mutating func isDue(at now: Instant) -> Bool {
        switch state {
        case .idle: return true
        case .backingOff(let until) where now >= until:
            state = .idle
            return true
        default: return false
        }
    }

    public var deadline: Instant? {
        if case .backingOff(let until) = state { return until }
        return nil
    }

    private mutating func backOff(at now: Instant) -> Action {
        let shift = min(consecutiveFailures, 10)
        let delay = min(Self.firstDelay * (1 << shift), Self.maximumDelay)
        consecutiveFailures += 1
        state = .backingOff(until: now + delay)
        return .respawn(after: delay)
    }
}
