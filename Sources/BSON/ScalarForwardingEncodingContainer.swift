/// A container whose typed scalar `encode(_:)` calls all go to its generic `encode(_:)`, so that
/// `EncodingNode.scalar` alone decides the BSON type. One extension serves the unkeyed and the
/// single-value containers, which both require these overloads.
protocol ScalarForwardingEncodingContainer {
    mutating func encode<T: Encodable>(_ value: T) throws
}

extension ScalarForwardingEncodingContainer {
    mutating func encode(_ value: Bool) throws { try forward(value) }
    mutating func encode(_ value: String) throws { try forward(value) }
    mutating func encode(_ value: Double) throws { try forward(value) }
    mutating func encode(_ value: Float) throws { try forward(value) }
    mutating func encode(_ value: Int) throws { try forward(value) }
    mutating func encode(_ value: Int8) throws { try forward(value) }
    mutating func encode(_ value: Int16) throws { try forward(value) }
    mutating func encode(_ value: Int32) throws { try forward(value) }
    mutating func encode(_ value: Int64) throws { try forward(value) }
    mutating func encode(_ value: UInt) throws { try forward(value) }
    mutating func encode(_ value: UInt8) throws { try forward(value) }
    mutating func encode(_ value: UInt16) throws { try forward(value) }
    mutating func encode(_ value: UInt32) throws { try forward(value) }
    mutating func encode(_ value: UInt64) throws { try forward(value) }

    /// Generic context: `encode` here can only be the generic requirement, never the overloads above.
    private mutating func forward<T: Encodable>(_ value: T) throws { try encode(value) }
}
