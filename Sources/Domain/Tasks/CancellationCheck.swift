/// Asks whether the work in hand should stop: long blocking operations (an LLM stream, a back-off
/// sleep) poll it so a cancelled task stops within a second or two rather than at its next step.
/// The probe may read the database: callers ask it at most a few times a second.
public struct CancellationCheck: Sendable {
    private let probe: @Sendable () -> Bool

    public init(_ probe: @escaping @Sendable () -> Bool) {
        self.probe = probe
    }

    public var isRequested: Bool { probe() }

    /// For work nobody can cancel (an HTTP request's own call, a tool, a test).
    public static let never = CancellationCheck { false }
}

extension TaskContext {
    /// This task's cancel flag as a check for long blocking calls.
    public var cancellation: CancellationCheck { CancellationCheck { isCancelled } }
}
