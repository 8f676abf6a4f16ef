/// One suggested change of a modification: an attribute, its value now, the suggested value and why.
/// `after` is already validated, so the client can send it back unchanged in a PATCH.
public struct PersonaModificationChange: Sendable, Equatable {
    public let field: PersonaModificationField
    public let before: JSONValue
    public let after: JSONValue
    public let reason: String

    public init(field: PersonaModificationField, before: JSONValue, after: JSONValue, reason: String) {
        self.field = field
        self.before = before
        self.after = after
        self.reason = reason
    }

    /// `{field, before, after, reason}`, as in the task's result.
    public var json: JSONValue {
        .object([("field", .string(field.rawValue)), ("before", before), ("after", after), ("reason", .string(reason))])
    }
}
