import Domain
import Testing

@Suite struct SchemaValidatorTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    private func violations(_ value: String, _ schema: String) throws -> [String] {
        let schemaValue = try json(schema)
        try SchemaValidator.checkSchema(schemaValue)
        return SchemaValidator.validate(try json(value), against: schemaValue).map(\.description)
    }

    @Test(arguments: [
        (#""x""#, #"{"type": "integer"}"#, ["/: must be an integer, not a string"]),
        ("2.5", #"{"type": "integer"}"#, ["/: must be an integer, not a number"]),
        ("2", #"{"type": "integer"}"#, []),
        ("null", #"{"type": ["string", "null"]}"#, []),
        ("1", #"{"type": ["string", "null"]}"#, ["/: must be a string or null, not a number"]),
        (#""c""#, #"{"enum": ["a", "b"]}"#, [#"/: must be one of "a", "b""#]),
        ("17", #"{"minimum": 18}"#, ["/: must be ≥ 18"]),
        ("91", #"{"maximum": 90}"#, ["/: must be ≤ 90"]),
        (#""""#, #"{"minLength": 1}"#, ["/: must be at least 1 character long"]),
        (#""héllo""#, #"{"maxLength": 4}"#, ["/: must be at most 4 characters long"]),
        ("[]", #"{"minItems": 2}"#, ["/: must have at least 2 items"]),
        ("[1,2]", #"{"maxItems": 1}"#, ["/: must have at most 1 item"]),
        (#"[1, "x"]"#, #"{"items": {"type": "number"}}"#, ["/1: must be a number, not a string"]),
        ("{}", #"{"required": ["name"]}"#, ["/name: is required"]),
        (#"{"a": 1, "b": 2}"#, #"{"properties": {"a": {}}, "additionalProperties": false}"#, ["/b: is not allowed"]),
        (#"{"a": 1, "b": 2}"#, #"{"properties": {"a": {}}}"#, []),
        (#"{"a": "x"}"#, #"{"properties": {"a": {"type": "boolean"}}}"#, ["/a: must be a boolean, not a string"]),
        (#""long text""#, #"{"minimum": 5, "maxItems": 0}"#, []),
    ])
    func eachKeywordReportsItsViolation(value: String, schema: String, expected: [String]) throws {
        #expect(try violations(value, schema) == expected)
    }

    @Test func nestedViolationsCarryJSONPointers() throws {
        let schema = #"""
            {"type": "object", "properties": {"profiles": {"type": "array", "items": {
              "type": "object", "required": ["name"], "properties": {"age": {"type": "integer", "maximum": 90}}}}}}
            """#
        let value =
            #"{"profiles": [{"name": "a", "age": 30}, {"name": "b", "age": 30}, {"name": "c", "age": 30},"#
            + #" {"age": 95}]}"#
        #expect(try violations(value, schema) == ["/profiles/3/name: is required", "/profiles/3/age: must be ≤ 90"])
    }

    @Test func pointerTokensAreEscaped() throws {
        let found = try violations(#"{"a/b~c": 1}"#, #"{"additionalProperties": false}"#)
        #expect(found == ["/a~1b~0c: is not allowed"])
    }

    @Test func wrongTypeReportsOnlyTheType() throws {
        #expect(try violations(#""x""#, #"{"type": "array", "minItems": 3}"#).count == 1)
    }

    @Test(arguments: [
        (#"{"pattern": "^a"}"#, #"unsupported keyword "pattern""#),
        (#"{"properties": {"a": {"format": "date"}}}"#, "Schema /properties/a:"),
        (#"{"items": {"type": "date"}}"#, "Schema /items:"),
        (#"{"type": []}"#, "\"type\" must name"),
        (#"{"required": ["a", "a"]}"#, "distinct strings"),
        (#"{"additionalProperties": {}}"#, "true or false"),
        (#"{"minItems": -1}"#, "non-negative integer"),
        (#"{"maximum": "9"}"#, "must be a number"),
        (#"{"enum": []}"#, "non-empty array"),
        (#"{"required": ["b"], "properties": {"a": {}}, "additionalProperties": false}"#, "\"b\" is required but"),
        ("[]", "must be an object"),
    ])
    func malformedSchemasAreRefusedAtLoad(schema: String, message: String) throws {
        let value = try json(schema)
        let error = #expect(throws: DomainError.self) { try SchemaValidator.checkSchema(value) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
