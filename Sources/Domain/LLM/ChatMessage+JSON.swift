extension ChatMessage {
    /// `{"role": …, "content": …}`, as chat completion APIs and the request hash spell a message.
    public var jsonValue: JSONValue {
        .object([("role", .string(role.rawValue)), ("content", .string(content))])
    }
}
