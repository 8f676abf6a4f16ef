/// A candidate password as typed. Never logged, never stored: only its hash is.
public struct Password: Sendable, CustomStringConvertible {
    public let value: String

    public static let minimumLength = 8
    /// bcrypt reads only the first 72 bytes; longer passwords are refused on purpose, not silently cut.
    public static let maximumBytes = 72

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted \(value.utf8.count) bytes>" }

    /// The rule a new password must meet, as a user-facing message when it does not.
    public var weaknessMessage: String? {
        // Unicode scalars, as JSON Schema's `minLength` counts them ("\r\n" is one Character, two scalars).
        if value.unicodeScalars.count < Self.minimumLength {
            return "Password must be at least \(Self.minimumLength) characters."
        }
        if value.utf8.count > Self.maximumBytes { return "Password must be at most \(Self.maximumBytes) bytes." }
        return nil
    }
}

/// A stored password hash in modular crypt format (`$2b$12$…`).
public struct PasswordHash: Hashable, Sendable, Codable {
    public let value: String
    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
