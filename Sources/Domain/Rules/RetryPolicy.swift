/// When to try a failed LLM attempt again, and after how long. Pure: the jitter comes in as a number.
///
/// Only transient failures are retried: 429, 5xx, timeouts and network errors. The delay is exponential
/// back-off with "equal jitter" (half fixed, half random), so concurrent callers spread out; a
/// Retry-After from the provider is honoured as a lower bound, and one longer than `maxRetryAfter`
/// gives up at once rather than blocking a runner thread.
public struct RetryPolicy: Sendable, Hashable {
    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case giveUp
    }

    /// Attempts in total, the first included.
    public let maxAttempts: Int
    /// The back-off ceiling after the first failure; it doubles with every further failure.
    public let baseDelay: Duration
    public let maxDelay: Duration
    public let maxRetryAfter: Duration

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, maxRetryAfter: Duration) {
        precondition(maxAttempts >= 1, "a call makes at least one attempt")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// 4 attempts; back-off ceilings 0.5 s, 1 s, 2 s (max 8 s); Retry-After up to 60 s.
    public static let standard = RetryPolicy(
        maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(8), maxRetryAfter: .seconds(60))

    /// What to do after attempt number `attempt` (1-based) failed with `error`.
    /// `random` is uniform in [0, 1); it picks the jitter.
    public func decision(afterAttempt attempt: Int, failedWith error: LLMTransportError, random: Double) -> Decision {
        guard attempt < maxAttempts else { return .giveUp }
        let backOff = backOff(afterAttempt: attempt, random: random)
        switch error.kind {
        case .rateLimited(let retryAfter?):
            guard retryAfter <= maxRetryAfter else { return .giveUp }
            return .retry(after: max(retryAfter, backOff))
        case .rateLimited(nil), .timeout, .network:
            return .retry(after: backOff)
        case .server(let status) where (500...599).contains(status):
            return .retry(after: backOff)
        case .server, .rejected, .invalidResponse, .cancelled:
            return .giveUp
        }
    }

    private func backOff(afterAttempt attempt: Int, random: Double) -> Duration {
        let doublings = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << doublings))
        let unit = min(max(random, 0), 1)
        return ceiling / 2 + ceiling / 2 * unit
    }
}
