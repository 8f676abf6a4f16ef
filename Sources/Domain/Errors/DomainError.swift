/// The one error type use cases throw. `message` is safe to show a user; `detail` goes to logs only.
/// HTTP status is decided once, by the FastCGI executable's mapping of `Code`.
public struct DomainError: Error, Sendable, Equatable, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case invalidInput = "invalid_input"
            case unauthenticated
            case forbidden
            case notFound = "not_found"
            case conflict
            case insufficientCredits = "insufficient_credits"
            case quotaExceeded = "quota_exceeded"
            case rateLimited = "rate_limited"
            case tooManyTasks = "too_many_tasks"
            case unavailable
            case invalidSignature = "invalid_signature"
            case notReady = "not_ready"
            case exportExpired = "export_expired"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The public, stable code string sent to clients.
        public var description: String { base.rawValue }

        public static let invalidInput = Code(.invalidInput)
        public static let unauthenticated = Code(.unauthenticated)
        public static let forbidden = Code(.forbidden)
        public static let notFound = Code(.notFound)
        public static let conflict = Code(.conflict)
        public static let insufficientCredits = Code(.insufficientCredits)
        public static let quotaExceeded = Code(.quotaExceeded)
        public static let rateLimited = Code(.rateLimited)
        /// The user already runs as many tasks as allowed at once (429).
        public static let tooManyTasks = Code(.tooManyTasks)
        public static let unavailable = Code(.unavailable)
        /// A webhook's signature is missing, malformed, wrong or outside the time tolerance (400).
        public static let invalidSignature = Code(.invalidSignature)
        /// What was asked for exists but is still being made (an export being rendered: 409).
        public static let notReady = Code(.notReady)
        /// An export's download link is past its expiry (410).
        public static let exportExpired = Code(.exportExpired)
    }

    public let code: Code
    public let message: String
    /// The request field at fault, when there is one.
    public let field: String?
    /// Seconds a client should wait before trying again (rate limits).
    public let retryAfterSeconds: Int?
    /// For logs and debugging only: never sent to a client.
    public let detail: String?
    /// An `.unavailable` because the database did not answer (the store boundary's), not the AI service's:
    /// a runner hands its task back to resume from its checkpoint instead of failing or pausing the step.
    /// Clients see the same 503 either way.
    public let isDatabaseUnreachable: Bool

    public init(
        _ code: Code, _ message: String, field: String? = nil, retryAfterSeconds: Int? = nil, detail: String? = nil,
        isDatabaseUnreachable: Bool = false
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds
        self.detail = detail
        self.isDatabaseUnreachable = isDatabaseUnreachable
    }

    public var debugDescription: String {
        "DomainError(\(code): \(message)\(field.map { " field=\($0)" } ?? "")\(detail.map { " detail=\($0)" } ?? ""))"
    }

    public static func invalid(_ field: String, _ message: String) -> DomainError {
        DomainError(.invalidInput, message, field: field)
    }

    /// Every authentication failure looks the same to the client, whatever the cause.
    public static func unauthenticated(detail: String) -> DomainError {
        DomainError(.unauthenticated, "Sign in again to continue.", detail: detail)
    }

    public static func unavailable(detail: String) -> DomainError {
        DomainError(.unavailable, "The service is briefly unavailable. Please try again.", detail: detail)
    }

    /// The database did not answer: `.unavailable` marked `isDatabaseUnreachable`.
    public static func databaseUnreachable(detail: String) -> DomainError {
        DomainError(
            .unavailable, "The service is briefly unavailable. Please try again.", detail: detail,
            isDatabaseUnreachable: true)
    }
}
