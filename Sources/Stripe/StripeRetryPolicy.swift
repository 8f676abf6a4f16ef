/// When and how long stripe-python (16.x) waits before retrying a request with the same idempotency key:
/// on network errors, 409, any 5xx, or `Stripe-Should-Retry: true` (and never when it says `false`);
/// back-off 0.5 s × 2ⁿ capped at 5 s, times a jitter in [½, 1], at least 0.5 s.
public struct StripeRetryPolicy: Sendable {
    public let maximumRetries: Int

    public init(maximumRetries: Int = 2) {
        self.maximumRetries = maximumRetries
    }

    /// Whether a response with `status` (nil: no response, a network error) should be tried again.
    public func shouldRetry(status: Int?, shouldRetryHeader: String?, retriesSoFar: Int) -> Bool {
        guard retriesSoFar < maximumRetries else { return false }
        switch shouldRetryHeader?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        guard let status else { return true }
        return status == 409 || status >= 500
    }

    /// The pause before retry number `retriesSoFar + 1`; `jitter` in [0, 1] (random in production).
    public func delay(retriesSoFar: Int, jitter: Double) -> Duration {
        let base = min(0.5 * Double(1 << min(retriesSoFar, 10)), 5.0)
        let seconds = max(0.5, base * (0.5 + 0.5 * min(max(jitter, 0), 1)))
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
