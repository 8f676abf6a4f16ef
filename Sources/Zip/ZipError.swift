/// The ZIP writer's one error: zlib refused, an entry is too large for a non-ZIP64 archive, or the
/// writer was used out of order.
public struct ZipError: Error, Sendable, Equatable, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable {
            case deflate
            case tooLarge
            case misuse
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let deflate = Code(.deflate)
        public static let tooLarge = Code(.tooLarge)
        public static let misuse = Code(.misuse)
    }

    public let code: Code
    public let message: String
    public let detail: String?

    public init(_ code: Code, _ message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var debugDescription: String { "ZipError(\(message)\(detail.map { ": \($0)" } ?? ""))" }
}
