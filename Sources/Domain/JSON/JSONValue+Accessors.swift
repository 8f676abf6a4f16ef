/// Typed views of a `JSONValue` beyond the basic ones on the type itself.
extension JSONValue {
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number when it is integral and fits an `Int` (JSON has one number type; schemas say "integer").
    public var intValue: Int? {
        guard case .number(let value) = self, value == value.rounded(), let exact = Int(exactly: value) else {
            return nil
        }
        return exact
    }

    /// The members of an object, in document order.
    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// "object", "array", "string", "number", "boolean" or "null": the JSON Schema name of the value's type.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
