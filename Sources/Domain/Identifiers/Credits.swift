/// An exact, whole number of credits. Signed: a ledger entry is positive for grants, negative for debits.
public struct Credits: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Credits(0)

    public var description: String { String(value) }
    public var isPositive: Bool { value > 0 }
    public var magnitude: Credits { Credits(value.magnitude > UInt64(Int64.max) ? Int64.max : Int64(value.magnitude)) }

    public static func < (lhs: Credits, rhs: Credits) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Credits, rhs: Credits) -> Credits { Credits(lhs.value + rhs.value) }
    public static prefix func - (amount: Credits) -> Credits { Credits(-amount.value) }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
