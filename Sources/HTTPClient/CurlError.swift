internal import CCurl

/// The one error type HTTPClient throws. `message` is safe to show a user; `detail` (curl's own text,
/// which can name hosts and ports) is for logs only.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case timeout
            case connectionFailed = "connection_failed"
            case tooLarge = "too_large"
            case protocolRefused = "protocol_refused"
            case invalidRequest = "invalid_request"
            case cancelled
            case other
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// The connect or total timeout passed (curl 28).
        public static let timeout = Code(.timeout)
        /// The host did not resolve or refused the connection (curl 6, 7).
        public static let connectionFailed = Code(.connectionFailed)
        /// The response grew past the client's size cap.
        public static let tooLarge = Code(.tooLarge)
        /// The URL (or a redirect) named a protocol other than http or https.
        public static let protocolRefused = Code(.protocolRefused)
        /// The request could not be sent as given: a malformed URL or an unsafe header.
        public static let invalidRequest = Code(.invalidRequest)
        /// The caller's cancellation check said stop; the transfer was abandoned.
        public static let cancelled = Code(.cancelled)
        /// Anything else: TLS, a reset connection, an out-of-memory in curl.
        public static let other = Code(.other)
    }

    public let code: Code
    public let message: String
    /// For logs and debugging only: never sent to a client.
    public let detail: String

    public init(_ code: Code, _ message: String, detail: String = "") {
        self.code = code
        self.message = message
        self.detail = detail
    }

    /// The single translation of a libcurl result code; `message` is curl's error-buffer text.
    init(code: CURLcode, message: String) {
        let detail = "curl \(code.rawValue): \(message)"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            self.init(.timeout, "The remote service did not answer in time.", detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            self.init(.connectionFailed, "The remote service could not be reached.", detail: detail)
        case CURLE_FILESIZE_EXCEEDED:
            self.init(.tooLarge, "The remote service sent a response that is too large.", detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL:
            self.init(.protocolRefused, "Only http and https URLs are allowed.", detail: detail)
        case CURLE_URL_MALFORMAT:
            self.init(.invalidRequest, "The request URL is not valid.", detail: detail)
        default:
            self.init(.other, "The request to the remote service failed.", detail: detail)
        }
    }

    public var description: String { "CurlError(\(code)): \(message)" }

    public var debugDescription: String { "CurlError(\(code)): \(message) [\(detail)]" }
}
