internal import Foundation

/// Decodes BSON into `Decodable` values. Integer fields accept int32, int64 and doubles when the value
/// is exactly representable; anything else is a `BSONError` naming the dotted path.
public struct BSONDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws -> T {
        try decode(type, from: try document.value)
    }

    public func decode<T: Decodable>(_ type: T.Type, from value: BSONValue) throws -> T {
        try BSONDecodingContext.unbox(type, from: value, codingPath: [])
    }
}

/// The `Decoder` handed to `init(from:)` implementations; it reads one value.
final class BSONDecodingContext: Decoder {
    let value: BSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: BSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .document(let pairs) = value else {
            throw BSONError.mismatch(codingPath, expected: "a document", found: value)
        }
        return KeyedDecodingContainer(BSONKeyedDecodingContainer<Key>(pairs: pairs, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw BSONError.mismatch(codingPath, expected: "an array", found: value)
        }
        return BSONUnkeyedDecodingContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BSONSingleValueDecodingContainer(value: value, codingPath: codingPath)
    }

    /// Decodes one value: scalars and the BSON-native types directly, anything else through its `init(from:)`.
    static func unbox<T: Decodable>(_ type: T.Type, from value: BSONValue, codingPath: [any CodingKey]) throws -> T {
        if let scalar = try scalar(type, from: value, codingPath: codingPath) {
            guard let typed = scalar as? T else { preconditionFailure("scalar(\(T.self)) returned another type") }
            return typed
        }
        return try T(from: BSONDecodingContext(value: value, codingPath: codingPath))
    }

    /// The single place that decides which BSON types a Swift type accepts; nil for non-scalar types.
    private static func scalar<T>(_ type: T.Type, from value: BSONValue, codingPath: [any CodingKey]) throws -> Any? {
        func mismatch(_ expected: String) -> BSONError {
            BSONError.mismatch(codingPath, expected: expected, found: value)
        }
        func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
            let exact: I? =
                switch value {
                case .int32(let number): I(exactly: number)
                case .int64(let number): I(exactly: number)
                case .double(let number): I(exactly: number)
                default: nil
                }
            guard let exact else { throw mismatch("an integer that fits \(I.self)") }
            return exact
        }
        switch type {
        case is String.Type:
            guard case .string(let string) = value else { throw mismatch("a string") }
            return string
        case is Bool.Type:
            guard case .bool(let flag) = value else { throw mismatch("a bool") }
            return flag
        case is Double.Type, is Float.Type:
            let number: Double? =
                switch value {
                case .double(let number): number
                case .int32(let number): Double(number)
                case .int64(let number): Double(exactly: number)
                default: nil
                }
            guard let number else { throw mismatch("a number") }
            return type is Float.Type ? Float(number) : number
        case is Int.Type: return try integer(Int.self)
        case is Int8.Type: return try integer(Int8.self)
        case is Int16.Type: return try integer(Int16.self)
        case is Int32.Type: return try integer(Int32.self)
        case is Int64.Type: return try integer(Int64.self)
        case is UInt.Type: return try integer(UInt.self)
        case is UInt8.Type: return try integer(UInt8.self)
        case is UInt16.Type: return try integer(UInt16.self)
        case is UInt32.Type: return try integer(UInt32.self)
        case is UInt64.Type: return try integer(UInt64.self)
        case is Date.Type:
            guard case .date(let date) = value else { throw mismatch("a date") }
            return date
        case is ObjectID.Type:
            switch value {
            case .objectID(let id): return id
            case .string(let hex):
                guard let id = ObjectID(hex: hex) else { throw mismatch("an objectid") }
                return id
            default: throw mismatch("an objectid")
            }
        case is Data.Type:
            guard case .binary(let bytes) = value else { throw mismatch("binary data") }
            return Data(bytes)
        case is [UInt8].Type:
            guard case .binary(let bytes) = value else { throw mismatch("binary data") }
            return bytes
        default:
            return nil
        }
    }
}
