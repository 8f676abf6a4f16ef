/// HTTPCore's own errors: the ones the transport and router raise before any application code runs.
public struct HTTPError: HTTPResponseError, Sendable, Equatable, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case invalidJSON = "invalid_json"
            case invalidInput = "invalid_input"
            case unsupportedMediaType = "unsupported_media_type"
            case payloadTooLarge = "payload_too_large"
            case notFound = "not_found"
            case methodNotAllowed = "method_not_allowed"
            case `internal`
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        public var status: HTTPStatus {
            switch base {
            case .invalidJSON, .invalidInput: .badRequest
            case .unsupportedMediaType: .unsupportedMediaType
            case .payloadTooLarge: .payloadTooLarge
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .internal: .internalServerError
            }
        }

        public static let invalidJSON = Code(.invalidJSON)
        public static let invalidInput = Code(.invalidInput)
        public static let unsupportedMediaType = Code(.unsupportedMediaType)
        public static let payloadTooLarge = Code(.payloadTooLarge)
        public static let notFound = Code(.notFound)
        public static let methodNotAllowed = Code(.methodNotAllowed)
        public static let `internal` = Code(.internal)
    }

    public let errorCode: Code
    public let message: String
    public let field: String?
    public let headers: HTTPHeaders

    public init(_ code: Code, _ message: String, field: String? = nil, headers: HTTPHeaders = [:]) {
        self.errorCode = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public var status: HTTPStatus { errorCode.status }
    public var code: String { errorCode.description }

    public var debugDescription: String {
        "HTTPError(\(errorCode): \(message)\(field.map { " field=\($0)" } ?? ""))"
    }

    public static func invalidJSON(_ message: String) -> HTTPError { HTTPError(.invalidJSON, message) }

    public static func invalidInput(field: String, _ message: String) -> HTTPError {
        HTTPError(.invalidInput, message, field: field)
    }

    public static func unsupportedMediaType() -> HTTPError {
        HTTPError(.unsupportedMediaType, "Content-Type must be application/json.")
    }

    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(.payloadTooLarge, "Request body is larger than \(limit) bytes.")
    }

    public static func notFound() -> HTTPError { HTTPError(.notFound, "No such resource.") }

    /// `allowed` becomes the `Allow` header.
    public static func methodNotAllowed(allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(
            .methodNotAllowed, "This method is not allowed here.",
            headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
    }

    /// The generic 500: never says what went wrong.
    public static func `internal`() -> HTTPError {
        HTTPError(.internal, "Something went wrong on our side. Please try again.")
    }
}
