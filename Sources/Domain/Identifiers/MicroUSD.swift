/// An exact amount of US dollars in millionths (1 USD = 1,000,000). Never a `Double` for money.
public struct MicroUSD: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = MicroUSD(0)

    public var description: String { String(value) }

    /// Exact dollars with six decimals ("0.001234", "-12.500000"): the API's money string, never a float.
    public var dollars: String {
        let magnitude = value.magnitude
        let fraction = String(magnitude % 1_000_000)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        return "\(value < 0 ? "-" : "")\(magnitude / 1_000_000).\(padded)"
    }

    public static func < (lhs: MicroUSD, rhs: MicroUSD) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: MicroUSD, rhs: MicroUSD) -> MicroUSD { MicroUSD(lhs.value + rhs.value) }

    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
