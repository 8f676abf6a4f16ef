/// Why a value could not be turned into BSON or back. `message` names the path and is safe to show;
/// `detail` (libbson's own text, byte offsets) goes only into `debugDescription`.
public struct BSONError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case forbiddenKey = "forbidden_key"
            case typeMismatch = "type_mismatch"
            case missingValue = "missing_value"
            case malformed
            case unsupportedType = "unsupported_type"
            case tooLarge = "too_large"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// A key from encoded data starts with "$", contains "." or a NUL: it could act as a query operator.
        public static let forbiddenKey = Code(.forbiddenKey)
        /// The stored BSON type cannot represent the requested Swift type exactly.
        public static let typeMismatch = Code(.typeMismatch)
        /// A required key is absent.
        public static let missingValue = Code(.missingValue)
        /// The bytes are not a valid BSON document.
        public static let malformed = Code(.malformed)
        /// A BSON type this module does not model (regex, decimal128, timestamp …).
        public static let unsupportedType = Code(.unsupportedType)
        /// libbson refused to grow the document.
        public static let tooLarge = Code(.tooLarge)
    }

    public let code: Code
    public let message: String
    public let detail: String?

    public init(_ code: Code, _ message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { "BSONError(\(code)): \(message)" }

    public var debugDescription: String { description + (detail.map { " detail=\($0)" } ?? "") }
}

extension BSONError {
    /// The dotted path of a coding path, e.g. `users.3.email`; `(root)` for the top level.
    static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "(root)" }
        return codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func mismatch(_ codingPath: [any CodingKey], expected: String, found: BSONValue) -> BSONError {
        mismatch(at: path(codingPath), expected: expected, found: found)
    }

    static func mismatch(at path: String, expected: String, found: BSONValue) -> BSONError {
        BSONError(.typeMismatch, "Value at '\(path)' is \(found.typeName), expected \(expected).")
    }
}
