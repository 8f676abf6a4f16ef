/// A setting that stops startup. `description` names the setting and the reason, e.g.
/// `COHORTA_JWT_SECRET: must be at least 32 bytes (got 6)`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case missing
            case invalid
            case weak
            case unreadable
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        public var description: String { base.rawValue }

        /// Required and not set.
        public static let missing = Code(.missing)
        /// Set, but not parseable or out of range.
        public static let invalid = Code(.invalid)
        /// A secret that is too short or guessable.
        public static let weak = Code(.weak)
        /// An env file or credential file that exists but cannot be read or parsed.
        public static let unreadable = Code(.unreadable)
    }

    public let code: Code
    /// The environment key (or file) at fault, e.g. `COHORTA_FCGI_WORKERS`.
    public let setting: String
    public let reason: String

    public init(_ code: Code, setting: String, reason: String) {
        self.code = code
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "\(setting): \(reason)" }
}
