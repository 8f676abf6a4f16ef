public import Foundation

/// A BSON value built by our own code: filters, updates, projections. User data never becomes a key
/// here directly; it goes through `BSONEncoder`, which refuses operator-like keys.
///
/// Documents keep their key order (a Mongo sort or index spec depends on it).
public indirect enum BSONValue: Sendable {
    case document([(String, BSONValue)])
    case array([BSONValue])
    case string(String)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case bool(Bool)
    /// A BSON datetime: milliseconds since 1970, so sub-millisecond parts are dropped on write.
    case date(Date)
    case objectID(ObjectID)
    case binary([UInt8])
    case null

    /// The BSON type byte this value is written with (bsonspec.org).
    public var typeByte: UInt8 {
        switch self {
        case .double: 0x01
        case .string: 0x02
        case .document: 0x03
        case .array: 0x04
        case .binary: 0x05
        case .objectID: 0x07
        case .bool: 0x08
        case .date: 0x09
        case .null: 0x0A
        case .int32: 0x10
        case .int64: 0x12
        }
    }

    /// A human name for error messages.
    var typeName: String {
        switch self {
        case .document: "a document"
        case .array: "an array"
        case .string: "a string"
        case .int32: "an int32"
        case .int64: "an int64"
        case .double: "a double"
        case .bool: "a bool"
        case .date: "a date"
        case .objectID: "an objectid"
        case .binary: "binary data"
        case .null: "null"
        }
    }

    /// The value as an exact 64-bit integer: int32, int64, or a double with no fractional part.
    public var int64Value: Int64? {
        switch self {
        case .int32(let value): Int64(value)
        case .int64(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The value of `key` when this is a document (first match).
    public subscript(key: String) -> BSONValue? {
        guard case .document(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}

extension BSONValue: Equatable {
    public static func == (lhs: BSONValue, rhs: BSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.document(let l), .document(let r)):
            l.count == r.count && zip(l, r).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let l), .array(let r)): l == r
        case (.string(let l), .string(let r)): l == r
        case (.int32(let l), .int32(let r)): l == r
        case (.int64(let l), .int64(let r)): l == r
        case (.double(let l), .double(let r)): l == r
        case (.bool(let l), .bool(let r)): l == r
        case (.date(let l), .date(let r)): BSONValue.milliseconds(l) == BSONValue.milliseconds(r)
        case (.objectID(let l), .objectID(let r)): l == r
        case (.binary(let l), .binary(let r)): l == r
        case (.null, .null): true
        default: false
        }
    }

    /// How a date is stored: whole milliseconds since 1970, rounded to the nearest, clamped to BSON's range
    /// (a stored datetime near Int64.max reads back as a Date whose milliseconds round past it).
    static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return Int64(exactly: milliseconds) ?? (milliseconds < 0 ? .min : .max)
    }
}

// Literals, so filters read like the Mongo shell: `["email": .string(e), "n": ["$gte": 3]]`.
extension BSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals are int64, like `Int` everywhere in this module.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, BSONValue)...) { self = .document(elements) }
    public init(nilLiteral: ()) { self = .null }
}
