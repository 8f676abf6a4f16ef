/// Where a session's run stands. Under `running`, `ConversationState.control` says whether the AI or the
/// researcher moderates (shown as `taken_over`).
public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    /// Started; its run task waits for a runner.
    case queued
    case running
    /// Paused by the researcher: no LLM call is made (nothing is billed) until resumed.
    case paused
    /// Ended with a report (complete, or partial at the USD cap or the turn limit).
    case finished
    case failed
    case cancelled

    public var isActive: Bool { self == .queued || self == .running }
    public var isEnded: Bool { self == .finished || self == .failed || self == .cancelled }
}
