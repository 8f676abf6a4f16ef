/// The three container kinds of `BSONEncodingContext`. Every typed `encode` funnels into the generic
/// one, so `EncodingNode.scalar` alone decides the BSON type.

struct BSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let document: EncodingDocument
    let codingPath: [any CodingKey]

    /// User data must not be able to write an operator (`$set`) or a path (`a.b`) as a key.
    private func checked(_ key: Key) throws -> String {
        let name = key.stringValue
        guard !name.hasPrefix("$"), !name.contains("."), !name.utf8.contains(0) else {
            let shown = name.unicodeScalars.map { $0 == "\u{0}" ? "\\0" : String($0) }.joined()
            throw BSONError(
                .forbiddenKey,
                "Key '\(shown)' under '\(BSONError.path(codingPath))' is not allowed: keys may not start with '$' or contain '.' or NUL."
            )
        }
        return name
    }

    mutating func encodeNil(forKey key: Key) throws {
        document.set(EncodingNode(.value(.null)), forKey: try checked(key))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let name = try checked(key)
        document.set(try EncodingNode.box(value, codingPath: codingPath + [key]), forKey: name)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(value as Bool?, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encode(value as String?, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encode(value as Double?, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(value as Float?, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(value as Int?, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(value as Int8?, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(value as Int16?, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(value as Int32?, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(value as Int64?, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(value as UInt?, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(value as UInt8?, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(value as UInt16?, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(value as UInt32?, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(value as UInt64?, key) }

    /// Routes a typed scalar to the generic `encode` (the optional is never nil here).
    private mutating func encode<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        nestedEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nestedEncoder(forKey: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let node = EncodingNode()
        document.set(node, forKey: "super")
        return BSONEncodingContext(node: node, codingPath: codingPath + [BSONIndexKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { nestedEncoder(forKey: key) }

    /// These container calls cannot throw, so a forbidden key is recorded as a failed node (reported by
    /// `resolve()`) and the nested values are written into a detached node that is never stored.
    private func nestedEncoder(forKey key: Key) -> BSONEncodingContext {
        let node = EncodingNode()
        do {
            document.set(node, forKey: try checked(key))
        } catch let error as BSONError {
            document.set(EncodingNode(.failed(error)), forKey: key.stringValue)
        } catch {
            preconditionFailure("checked(_:) throws only BSONError")
        }
        return BSONEncodingContext(node: node, codingPath: codingPath + [key])
    }
}

struct BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer, ScalarForwardingEncodingContainer {
    let array: EncodingArray
    let codingPath: [any CodingKey]
    var count: Int { array.items.count }

    private var nextKey: BSONIndexKey { BSONIndexKey(intValue: count) }

    mutating func encodeNil() throws { array.items.append(EncodingNode(.value(.null))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try EncodingNode.box(value, codingPath: codingPath + [nextKey]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        nestedEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nestedEncoder().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { nestedEncoder() }

    private mutating func nestedEncoder() -> BSONEncodingContext {
        let encoder = BSONEncodingContext(node: EncodingNode(), codingPath: codingPath + [nextKey])
        array.items.append(encoder.node)
        return encoder
    }
}

struct BSONSingleValueEncodingContainer: SingleValueEncodingContainer, ScalarForwardingEncodingContainer {
    let encoder: BSONEncodingContext
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node.content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node.content = try EncodingNode.box(value, codingPath: codingPath).content
    }

}

/// Array positions (and "super") in a coding path.
struct BSONIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
