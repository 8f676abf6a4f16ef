public import Domain
import Synchronization

/// Every `LiveActivity` published, in order (the Mongo store keeps only the last per session); can be
/// told to fail, as a store whose database is down does.
public final class InMemoryLiveActivity: LiveActivityStore {
    public struct Unavailable: Error {}

    private struct State {
        var published: [LiveActivity] = []
        var failing = false
    }

    private let state = Mutex(State())  // guards the published activities and the failure switch

    public init() {}

    /// Everything published so far, oldest first.
    public var published: [LiveActivity] { state.withLock { $0.published } }

    /// The newest activity of `session`, as the single stored record would hold it.
    public func current(of session: SessionID) -> LiveActivity? {
        published.last { $0.sessionID == session }
    }

    /// While set, every publish throws `Unavailable` and is not kept.
    public func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    public func publish(_ activity: LiveActivity) throws {
        try state.withLock { state in
            if state.failing { throw Unavailable() }
            state.published.append(activity)
        }
    }
}
