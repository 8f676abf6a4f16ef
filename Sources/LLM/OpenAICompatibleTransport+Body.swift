import Domain

extension OpenAICompatibleTransport {
    /// The chat completion request body. The schema is sent with `strict: false`: OpenAI's strict mode
    /// refuses keywords our schemas use (minLength, maxLength …), and the gateway validates every answer.
    static func body(for call: LLMCall) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string(call.model)),
            ("messages", .array(call.messages.map(\.jsonValue))),
            ("temperature", .number(call.temperature)),
        ]
        if let seed = call.seed { members.append(("seed", .number(Double(seed)))) }
        if let maxTokens = call.maxTokens { members.append(("max_tokens", .number(Double(maxTokens)))) }
        members.append(("stream", .bool(true)))
        members.append(("stream_options", .object([("include_usage", .bool(true))])))
        if let schema = call.responseSchema {
            let format = JSONValue.object([
                ("name", .string(call.schemaName)), ("schema", schema), ("strict", .bool(false)),
            ])
            members.append(("response_format", .object([("type", .string("json_schema")), ("json_schema", format)])))
        }
        return .object(members)
    }
}
