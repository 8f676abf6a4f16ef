/// Checking a schema itself, once, when a template is loaded: a keyword outside the supported subset or a
/// malformed one is a mistake in our prompt files, caught before any request is made.
extension SchemaValidator {
    /// Throws `DomainError(.invalidInput)` naming the JSON pointer of the first problem in `schema`.
    public static func checkSchema(_ schema: JSONValue) throws {
        try checkSchema(schema, at: "")
    }

    private static func checkSchema(_ schema: JSONValue, at path: String) throws {
        func problem(_ message: String) -> DomainError {
            DomainError(.invalidInput, "Schema \(path.isEmpty ? "/" : path): \(message).")
        }
        guard let members = schema.objectMembers else { throw problem("a schema must be an object") }
        for (keyword, value) in members {
            let keywordPath = SchemaViolation.pointer(path, appending: keyword)
            switch keyword {
            case "type":
                guard let names = typeList(value), !names.isEmpty, Set(names).isSubset(of: typeNames),
                    value.stringValue != nil || names.count == value.arrayValue?.count
                else {
                    throw problem("\"type\" must name one or more of \(typeNames.sorted().joined(separator: ", "))")
                }
            case "properties":
                guard let properties = value.objectMembers else { throw problem("\"properties\" must be an object") }
                for (name, propertySchema) in properties {
                    try checkSchema(propertySchema, at: SchemaViolation.pointer(keywordPath, appending: name))
                }
            case "required":
                guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count,
                    Set(names).count == names.count
                else { throw problem("\"required\" must be an array of distinct strings") }
            case "additionalProperties":
                guard value.boolValue != nil else { throw problem("\"additionalProperties\" must be true or false") }
            case "items":
                try checkSchema(value, at: keywordPath)
            case "minItems", "maxItems", "minLength", "maxLength":
                guard let count = value.intValue, count >= 0 else {
                    throw problem("\"\(keyword)\" must be a non-negative integer")
                }
            case "minimum", "maximum":
                guard value.numberValue != nil else { throw problem("\"\(keyword)\" must be a number") }
            case "enum":
                guard let allowed = value.arrayValue, !allowed.isEmpty else {
                    throw problem("\"enum\" must be a non-empty array")
                }
            case "title", "description":
                guard value.stringValue != nil else { throw problem("\"\(keyword)\" must be a string") }
            default:
                throw problem("unsupported keyword \"\(keyword)\"")
            }
        }
        try checkRequiredAreDeclared(schema, problem: problem)
    }

    /// A closed object that requires a property it does not declare can never be satisfied.
    private static func checkRequiredAreDeclared(_ schema: JSONValue, problem: (String) -> DomainError) throws {
        guard schema["additionalProperties"]?.boolValue == false else { return }
        let declared = Set((schema["properties"]?.objectMembers ?? []).map(\.0))
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !declared.contains(name) {
            throw problem("\"\(name)\" is required but not among the properties")
        }
    }
}
