internal import BSON
internal import CMongoc

/// A failed database operation. `message` is generic and safe to show; libmongoc's own text and the
/// domain/code pair go only into `debugDescription` (they can quote stored values).
public struct MongoError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case duplicateKey = "duplicate_key"
            case connection
            case serverSelection = "server_selection"
            case timeout
            case commandFailed = "command_failed"
            case invalidURI = "invalid_uri"
            case invalidArgument = "invalid_argument"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// A unique index refused the write (server code 11000).
        public static let duplicateKey = Code(.duplicateKey)
        /// The socket failed or the handshake broke.
        public static let connection = Code(.connection)
        /// No server could be selected within serverSelectionTimeoutMS (server down or unreachable).
        public static let serverSelection = Code(.serverSelection)
        /// An operation ran out of time (socket timeout or maxTimeMS).
        public static let timeout = Code(.timeout)
        /// The server answered but rejected the command.
        public static let commandFailed = Code(.commandFailed)
        /// The connection string could not be parsed.
        public static let invalidURI = Code(.invalidURI)
        /// libmongoc refused the call's arguments before sending anything.
        public static let invalidArgument = Code(.invalidArgument)

        /// Whether the database could not be reached at all (as opposed to refusing the operation).
        public var isUnreachable: Bool { self == .connection || self == .serverSelection || self == .timeout }
    }

    public let code: Code
    public let message: String
    /// The server's error code, when the server produced the error.
    public let serverCode: Int?
    let detail: String

    init(_ code: Code, serverCode: Int? = nil, detail: String) {
        self.code = code
        self.serverCode = serverCode
        self.detail = detail
        message =
            switch code {
            case .duplicateKey: "The record already exists."
            case .connection, .serverSelection: "The database is unreachable."
            case .timeout: "The database did not answer in time."
            case .invalidURI: "The MongoDB connection string (URI) is invalid."
            default: "The database rejected the operation."
            }
    }

    /// The one translation of libmongoc errors (error API version 2), by domain and code.
    init(bsonError error: bson_error_t, reply: BSONDocument?) {
        var error = error
        let text = String(cString: cmongoc_error_message(&error))
        let domain = mongoc_error_domain_t(rawValue: error.domain)
        let code = mongoc_error_code_t(rawValue: error.code)
        let fromServer = domain == MONGOC_ERROR_SERVER || domain == MONGOC_ERROR_WRITE_CONCERN
        let translated: Code =
            switch domain {
            case MONGOC_ERROR_SERVER, MONGOC_ERROR_WRITE_CONCERN, MONGOC_ERROR_COLLECTION, MONGOC_ERROR_QUERY,
                MONGOC_ERROR_COMMAND:
                switch error.code {
                case 11000, 11001, 12582: .duplicateKey
                case MONGOC_ERROR_MAX_TIME_MS_EXPIRED.rawValue, 89, 202: .timeout
                case 6, 7, 91, 189, 9001: .connection  // HostUnreachable, HostNotFound, ShutdownInProgress …
                case MONGOC_ERROR_COMMAND_INVALID_ARG.rawValue where domain == MONGOC_ERROR_COMMAND: .invalidArgument
                default: .commandFailed
                }
            case MONGOC_ERROR_SERVER_SELECTION: .serverSelection
            case MONGOC_ERROR_STREAM where code == MONGOC_ERROR_STREAM_SOCKET && text.contains("timed out"): .timeout
            case MONGOC_ERROR_STREAM, MONGOC_ERROR_CLIENT, MONGOC_ERROR_PROTOCOL: .connection
            case MONGOC_ERROR_BSON: .invalidArgument
            default: .commandFailed
            }
        let writeErrorCode = reply?.document(forKey: "writeConcernError")?["code"]?.int64Value
        self.init(
            translated, serverCode: fromServer ? Int(error.code) : nil,
            detail:
                "domain=\(error.domain) code=\(error.code) writeConcernError=\(writeErrorCode.map(String.init) ?? "-") \(text)"
        )
    }

    public var description: String { "MongoError(\(code)): \(message)" }

    public var debugDescription: String { "MongoError(\(code)): \(message) [\(detail)]" }
}
