/// Validates JSON against the JSON Schema subset Cohorta's prompts use: `type` (a name or a list of names),
/// `properties`, `required`, `additionalProperties` (a boolean), `items`, `minItems`, `maxItems`, `enum`,
/// `minimum`, `maximum`, `minLength`, `maxLength`, plus the annotations `title` and `description`.
///
/// Keywords apply as in JSON Schema: a number bound ignores strings, and so on. A value of the wrong `type`
/// gets that one violation and nothing else at its path. Schemas are checked once, at template load, with
/// `checkSchema(_:)`; `validate` assumes a checked schema and ignores what it does not understand.
public enum SchemaValidator {
    static let typeNames: Set<String> = ["object", "array", "string", "number", "integer", "boolean", "null"]

    public static func validate(_ value: JSONValue, against schema: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        validate(value, against: schema, at: "", into: &violations)
        return violations
    }

    private static func validate(
        _ value: JSONValue, against schema: JSONValue, at path: String, into violations: inout [SchemaViolation]
    ) {
        func fail(_ message: String) { violations.append(SchemaViolation(path: path, message: message)) }

        if let types = schema["type"].flatMap(typeList), !types.contains(where: { value.hasType($0) }) {
            fail("must be \(types.map(article).joined(separator: " or ")), not \(article(value.typeName))")
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            fail("must be one of \(allowed.map(\.serialized).joined(separator: ", "))")
        }
        switch value {
        case .number(let number):
            if let minimum = schema["minimum"]?.numberValue, number < minimum {
                fail("must be ≥ \(JSONValue.number(minimum).serialized)")
            }
            if let maximum = schema["maximum"]?.numberValue, number > maximum {
                fail("must be ≤ \(JSONValue.number(maximum).serialized)")
            }
        case .string(let string):
            let length = string.unicodeScalars.count
            if let minimum = schema["minLength"]?.intValue, length < minimum {
                fail("must be at least \(minimum) character\(minimum == 1 ? "" : "s") long")
            }
            if let maximum = schema["maxLength"]?.intValue, length > maximum {
                fail("must be at most \(maximum) character\(maximum == 1 ? "" : "s") long")
            }
        case .array(let elements):
            if let minimum = schema["minItems"]?.intValue, elements.count < minimum {
                fail("must have at least \(minimum) item\(minimum == 1 ? "" : "s")")
            }
            if let maximum = schema["maxItems"]?.intValue, elements.count > maximum {
                fail("must have at most \(maximum) item\(maximum == 1 ? "" : "s")")
            }
            if let itemSchema = schema["items"] {
                for (index, element) in elements.enumerated() {
                    let elementPath = SchemaViolation.pointer(path, appending: String(index))
                    validate(element, against: itemSchema, at: elementPath, into: &violations)
                }
            }
        case .object(let members):
            validateObject(members, against: schema, at: path, into: &violations)
        case .null, .bool:
            break
        }
    }

    private static func validateObject(
        _ members: [(String, JSONValue)], against schema: JSONValue, at path: String,
        into violations: inout [SchemaViolation]
    ) {
        let properties = schema["properties"]?.objectMembers ?? []
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        where !members.contains(where: { $0.0 == name }) {
            violations.append(
                SchemaViolation(path: SchemaViolation.pointer(path, appending: name), message: "is required"))
        }
        let closed = schema["additionalProperties"]?.boolValue == false
        for (name, member) in members {
            let memberPath = SchemaViolation.pointer(path, appending: name)
            if let propertySchema = properties.first(where: { $0.0 == name })?.1 {
                validate(member, against: propertySchema, at: memberPath, into: &violations)
            } else if closed {
                violations.append(SchemaViolation(path: memberPath, message: "is not allowed"))
            }
        }
    }

    /// The names a `type` keyword allows, from `"string"` or `["string", "null"]`.
    static func typeList(_ type: JSONValue) -> [String]? {
        if let name = type.stringValue { return [name] }
        return type.arrayValue?.compactMap(\.stringValue)
    }

    private static func article(_ typeName: String) -> String {
        switch typeName {
        case "null": "null"
        case "object", "array", "integer": "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}

extension JSONValue {
    /// Whether the value is an instance of a JSON Schema type name ("integer" is an integral number).
    fileprivate func hasType(_ name: String) -> Bool {
        switch name {
        case "integer": if case .number(let value) = self { value == value.rounded() } else { false }
        default: typeName == name
        }
    }
}
