/// A Stripe Checkout Session id (`cs_test_…`, `cs_live_…`). Validated: it becomes part of ledger keys.
public struct CheckoutSessionID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Letters, digits and `_`, 4…128 characters, starting with `cs_`.
    public init?(_ rawValue: String) {
        guard rawValue.hasPrefix("cs_"), (4...Self.maximumLength).contains(rawValue.utf8.count),
            rawValue.utf8.allSatisfy(Self.isIDByte)
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let maximumLength = 128

    /// Stripe object ids (sessions, payment intents, charges, events) use only these bytes.
    static func isIDByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = CheckoutSessionID(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad cs id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
