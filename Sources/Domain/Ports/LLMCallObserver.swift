/// Told about every finished `LLMGateway.complete` call (metrics). Called on the caller's thread; must not
/// block or throw.
public protocol LLMCallObserver: Sendable {
    func llmCallFinished(_ report: LLMCallReport)
}

/// One gateway call as the observer sees it.
public struct LLMCallReport: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case success
        case replayed
        case failed
        case cancelled
        case quotaExceeded = "quota_exceeded"
    }

    public let model: String
    public let outcome: Outcome
    /// Wall time of the whole call, retries and repair turns included.
    public let seconds: Double
    /// Tokens paid for (also on failure), and their cost at the price in force.
    public let usage: TokenUsage
    public let cost: MicroUSD

    public init(model: String, outcome: Outcome, seconds: Double, usage: TokenUsage, cost: MicroUSD) {
        self.model = model
        self.outcome = outcome
        self.seconds = seconds
        self.usage = usage
        self.cost = cost
    }
}
