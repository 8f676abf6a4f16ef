internal import CMongoc
internal import Foundation

/// Encodes `Encodable` values as BSON with exact types: Int64 and Int → int64, Int32 → int32,
/// Double → double (5.0 stays a double), Date → datetime, ObjectID → objectid, Data and [UInt8] →
/// binary. A nil Optional is omitted.
///
/// This is the path for user data, so it refuses any key that starts with "$" or contains "." or NUL
/// (`BSONError.Code.forbiddenKey`): user input can never smuggle an operator into a query or update.
public struct BSONEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> BSONDocument {
        guard case .document(let pairs) = try encodeValue(value) else {
            throw BSONError(.typeMismatch, "A top-level value must encode as a document, not \(T.self).")
        }
        guard let doc = bson_new() else { preconditionFailure("bson_new failed: out of memory") }
        guard BSONWriter.append(pairs, to: doc) else {
            bson_destroy(doc)
            throw BSONError(.tooLarge, "The document is too large to store.")
        }
        return BSONDocument(taking: doc)
    }

    /// The value as a `BSONValue`, to embed user data inside a document built by code
    /// (for example the item of a `$push`).
    public func encodeValue<T: Encodable>(_ value: T) throws -> BSONValue {
        try EncodingNode.box(value, codingPath: []).resolve()
    }
}

/// One value under construction. Containers hold the node by reference and fill it in place.
final class EncodingNode {
    enum Content {
        case empty
        case value(BSONValue)
        case document(EncodingDocument)
        case array(EncodingArray)
        /// A key a non-throwing container call refused; reported when the tree is resolved.
        case failed(BSONError)
    }

    var content: Content

    init(_ content: Content = .empty) { self.content = content }

    func resolve() throws -> BSONValue {
        switch content {
        case .empty: .document([])
        case .value(let value): value
        case .document(let document): .document(try document.entries.map { ($0.key, try $0.node.resolve()) })
        case .array(let array): .array(try array.items.map { try $0.resolve() })
        case .failed(let error): throw error
        }
    }

    /// Encodes one value: scalars and the BSON-native types directly, anything else through its own `encode(to:)`.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> EncodingNode {
        if let scalar = try scalar(value, codingPath: codingPath) { return EncodingNode(.value(scalar)) }
        let encoder = BSONEncodingContext(node: EncodingNode(), codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.node
    }

    /// The single place that decides which BSON type a Swift type becomes.
    private static func scalar(_ value: any Encodable, codingPath: [any CodingKey]) throws -> BSONValue? {
        // `as? [UInt8]` also matches an empty array of any element type, so compare the exact type.
        if type(of: value) == [UInt8].self, let bytes = value as? [UInt8] { return .binary(bytes) }
        return switch value {
        case let value as String: .string(value)
        case let value as Bool: .bool(value)
        case let value as Double: .double(value)
        case let value as Float: .double(Double(value))
        case let value as Int: .int64(Int64(value))
        case let value as Int64: .int64(value)
        case let value as Int32: .int32(value)
        case let value as Int16: .int32(Int32(value))
        case let value as Int8: .int32(Int32(value))
        case let value as UInt8: .int32(Int32(value))
        case let value as UInt16: .int32(Int32(value))
        case let value as UInt32: .int64(Int64(value))
        case let value as UInt: try .int64(exactInt64(value, codingPath: codingPath))
        case let value as UInt64: try .int64(exactInt64(value, codingPath: codingPath))
        case let value as Date: .date(value)
        case let value as ObjectID: .objectID(value)
        case let value as Data: .binary([UInt8](value))
        default: nil
        }
    }

    private static func exactInt64<I: BinaryInteger>(_ value: I, codingPath: [any CodingKey]) throws -> Int64 {
        guard let exact = Int64(exactly: value) else {
            throw BSONError(.typeMismatch, "Value at '\(BSONError.path(codingPath))' does not fit in an int64.")
        }
        return exact
    }
}

/// A document's fields in insertion order; re-encoding a key replaces its value in place.
final class EncodingDocument {
    private(set) var entries: [(key: String, node: EncodingNode)] = []
    private var indexByKey: [String: Int] = [:]

    func set(_ node: EncodingNode, forKey key: String) {
        if let index = indexByKey[key] {
            entries[index].node = node
        } else {
            indexByKey[key] = entries.count
            entries.append((key, node))
        }
    }
}

final class EncodingArray {
    var items: [EncodingNode] = []
}

/// The `Encoder` handed to `encode(to:)` implementations; it writes into one node.
final class BSONEncodingContext: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: EncodingNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let document: EncodingDocument
        switch node.content {
        case .document(let existing): document = existing
        case .empty:
            document = EncodingDocument()
            node.content = .document(document)
        case .value, .array, .failed:
            preconditionFailure("\(BSONError.path(codingPath)): a keyed container after another kind")
        }
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<Key>(document: document, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: EncodingArray
        switch node.content {
        case .array(let existing): array = existing
        case .empty:
            array = EncodingArray()
            node.content = .array(array)
        case .value, .document, .failed:
            preconditionFailure("\(BSONError.path(codingPath)): an unkeyed container after another kind")
        }
        return BSONUnkeyedEncodingContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BSONSingleValueEncodingContainer(encoder: self)
    }
}
