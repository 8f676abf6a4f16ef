/// Startup failures of the lws server (runtime failures close single connections instead).
public struct WebSocketServerError: Error, Sendable, Equatable, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case noListener = "no_listener"
            case contextCreationFailed = "context_creation_failed"
            case listenFailed = "listen_failed"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }
        public var description: String { base.rawValue }

        /// Neither a unix socket nor a loopback port was configured.
        public static let noListener = Code(.noListener)
        /// `lws_create_context` returned NULL.
        public static let contextCreationFailed = Code(.contextCreationFailed)
        /// `lws_create_vhost` could not bind its socket.
        public static let listenFailed = Code(.listenFailed)
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var debugDescription: String { "WebSocketServerError(\(code): \(message))" }
}
