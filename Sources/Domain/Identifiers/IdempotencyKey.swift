public import Foundation

/// The unique key of one ledger change: replaying a change with the same key never applies it twice.
public struct IdempotencyKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public static let maximumLength = 200

    public init?(_ value: String) {
        guard !value.isEmpty, value.utf8.count <= Self.maximumLength,
            value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        self.value = value
    }

    public var description: String { value }

    /// A client-chosen key, namespaced by the feature that accepts it so features never collide.
    public init?(scope: String, clientKey: String) {
        guard clientKey.utf8.count <= Self.maximumClientKeyLength else { return nil }
        self.init("\(scope):\(clientKey)")
    }

    /// A fresh key for a change the client did not ask to make idempotent.
    public init(scope: String, unique: UUID) {
        self.init(unchecked: "\(scope):\(unique.uuidString)")
    }

    /// Room left for the client's part of a scoped key.
    public static let maximumClientKeyLength = 150

    public static func trialGrant(for user: UserID) -> IdempotencyKey {
        IdempotencyKey(unchecked: "trial:\(user.rawValue)")
    }

    init(unchecked value: String) { self.value = value }

    /// The debit of a focus group run, once per session.
    public static func focusGroupRun(_ session: SessionID) -> IdempotencyKey {
        IdempotencyKey(unchecked: "focus-group-run:\(session.rawValue)")
    }

    /// The refund of a run that could not start.
    public static func focusGroupRunRefund(_ session: SessionID) -> IdempotencyKey {
        IdempotencyKey(unchecked: "focus-group-run-refund:\(session.rawValue)")
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let key = IdempotencyKey(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad key"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
