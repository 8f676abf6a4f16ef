/// Why a task failed, as stored on it and shown to its owner: `message` is safe to show a user.
/// An executor throws one to fail its task with that code; the runner throws the well-known ones
/// from `TaskContext` calls (`cancelled`, `leaseLost`, `interrupted`) and the executor lets them propagate.
public struct TaskFailure: Error, Sendable, Equatable {
    /// A stable, public snake_case code. Features add their own (`TaskFailure.Code("generation_failed")`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// The owner cancelled the task; the runner finishes it as `cancelled`.
        public static let cancelled = Code("cancelled")
        /// Another runner holds the lease now (this one stalled past it): stop without writing anything.
        public static let leaseLost = Code("lease_lost")
        /// The runner process is stopping: the task is handed back to the queue, to resume from its checkpoint.
        public static let interrupted = Code("interrupted")
        /// The task was claimed more than `TaskPolicy.maxAttempts` times (its runners kept dying).
        public static let attemptsExhausted = Code("attempts_exhausted")
        /// No executor for the kind, or an executor threw something unexpected.
        public static let `internal` = Code("internal")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static let cancelled = TaskFailure(.cancelled, "The task was cancelled.")
    public static let leaseLost = TaskFailure(.leaseLost, "Another runner took over the task.")
    public static let interrupted = TaskFailure(.interrupted, "The runner stopped; the task will resume.")
    public static let attemptsExhausted = TaskFailure(
        .attemptsExhausted, "The task was interrupted too many times and has stopped.")
    public static let `internal` = TaskFailure(.internal, "The task failed unexpectedly.")
}
