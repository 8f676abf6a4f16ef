/// Why one transport attempt failed, in the terms `RetryPolicy` decides on. `detail` (the provider's
/// own error text, status, curl's message) is for logs only.
public struct LLMTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 429: the provider asks us to slow down, maybe saying for how long.
        case rateLimited(retryAfter: Duration?)
        /// 5xx: the provider failed.
        case server(status: Int)
        /// Any other non-2xx status (bad request, bad key, unknown model); nil when the request was refused
        /// before sending (a malformed base URL). Never retried: the same request fails the same way.
        case rejected(status: Int?)
        /// The connect or total timeout passed.
        case timeout
        /// The connection failed or broke (including a stream that ended early).
        case network
        /// A 2xx answer that is not a chat completion stream.
        case invalidResponse
        /// The caller's `CancellationCheck` said stop. Never retried.
        case cancelled
    }

    public let kind: Kind
    public let detail: String

    public init(_ kind: Kind, detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "LLMTransportError(\(kind)): \(detail)" }
}
